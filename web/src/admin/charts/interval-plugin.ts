/**
 * A chart.js plugin that draws 95% intervals as vertical error bars: each dataset may carry
 * `intervals: ([low, high] | null)[]` beside its data, in the y scale's units.
 */
import type { Chart, Plugin } from 'chart.js';

type WithIntervals = { intervals?: ReadonlyArray<readonly [number, number] | null> };

export const intervalPlugin: Plugin = {
  id: 'ovozIntervals',
  afterDatasetsDraw(chart: Chart) {
    const { ctx } = chart;
    const y = chart.scales.y;
    if (!y) return;
    chart.data.datasets.forEach((ds, i) => {
      const intervals = (ds as WithIntervals).intervals;
      const meta = chart.getDatasetMeta(i);
      if (!intervals || meta.hidden) return;
      ctx.save();
      ctx.strokeStyle = (ds.borderColor as string) || '#374151';
      ctx.lineWidth = 1.5;
      meta.data.forEach((point, j) => {
        const iv = intervals[j];
        if (!iv) return;
        const x = point.x;
        const top = y.getPixelForValue(iv[1]);
        const bottom = y.getPixelForValue(iv[0]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.moveTo(x - 4, top);
        ctx.lineTo(x + 4, top);
        ctx.moveTo(x - 4, bottom);
        ctx.lineTo(x + 4, bottom);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};
