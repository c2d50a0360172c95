/**
 * Draws what the importance–performance chart needs besides the points: the quadrant split lines
 * at the group's mean importance and mean performance, each quadrant's name in its corner, and
 * each driver's name beside its point.
 */
import type { Chart, Plugin, PointElement } from 'chart.js';

export interface IpaOptions {
  meanImportance: number;
  meanPerformance: number;
  pointLabels: string[];
  /** top-left, top-right, bottom-left, bottom-right. */
  quadrantLabels: [string, string, string, string];
}

export function ipaPlugin(o: IpaOptions): Plugin<'scatter'> {
  return {
    id: 'ovozIpa',
    beforeDatasetsDraw(chart: Chart) {
      const { ctx, chartArea: a } = chart;
      const x = chart.scales.x;
      const y = chart.scales.y;
      if (!x || !y) return;
      const px = x.getPixelForValue(o.meanImportance);
      const py = y.getPixelForValue(o.meanPerformance);
      ctx.save();
      ctx.fillStyle = 'rgba(196, 18, 47, 0.06)';
      ctx.fillRect(px, py, a.right - px, a.bottom - py);
      ctx.strokeStyle = '#9ca3af';
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(px, a.top);
      ctx.lineTo(px, a.bottom);
      ctx.moveTo(a.left, py);
      ctx.lineTo(a.right, py);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = '600 12px system-ui, sans-serif';
      ctx.fillStyle = '#6b7280';
      const [tl, tr, bl, br] = o.quadrantLabels;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(tl, a.left + 6, a.top + 6);
      ctx.textBaseline = 'bottom';
      ctx.fillText(bl, a.left + 6, a.bottom - 6);
      ctx.textAlign = 'right';
      ctx.fillText(br, a.right - 6, a.bottom - 6);
      ctx.textBaseline = 'top';
      ctx.fillText(tr, a.right - 6, a.top + 6);
      ctx.restore();
    },
    afterDatasetsDraw(chart: Chart) {
      const { ctx } = chart;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.font = '13px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      // Labels beside their points, moved down where they would overlap one another (greedy, top
      // to bottom), with a thin leader line when moved.
      const LINE = 16;
      const labels = meta.data
        .map((p, i) => {
          const text = o.pointLabels[i] ?? '';
          const width = ctx.measureText(text).width;
          const right = p.x + 12 + width > chart.chartArea.right;
          const left = right ? p.x - 12 - width : p.x + 12;
          return { text, px: p.x, py: p.y, left, width, right, y: p.y };
        })
        .filter((l) => l.text)
        .sort((a, b) => a.py - b.py);
      const placed: typeof labels = [];
      for (const l of labels) {
        for (const q of placed) {
          const overlapX = l.left < q.left + q.width + 4 && q.left < l.left + l.width + 4;
          if (overlapX && Math.abs(l.y - q.y) < LINE) l.y = q.y + LINE;
        }
        placed.push(l);
      }
      for (const l of placed) {
        if (Math.abs(l.y - l.py) > 2) {
          ctx.strokeStyle = '#9ca3af';
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(l.px, l.py);
          ctx.lineTo(l.right ? l.left + l.width + 2 : l.left - 2, l.y);
          ctx.stroke();
        }
        ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.fillRect(l.left - 2, l.y - 8, l.width + 4, 16);
        ctx.fillStyle = '#111827';
        ctx.textAlign = 'left';
        ctx.fillText(l.text, l.left, l.y);
      }
      ctx.restore();
      // The points again, on top of the labels' backgrounds.
      for (const p of meta.data as PointElement[]) p.draw(ctx, chart.chartArea);
    },
  };
}
