/**
 * An indicator over periods (satisfaction by default), on the y-axis of its unit: one line per
 * series with its 95% interval as a band (single series) or error bars (several). A significant change from the previous period is a large triangle, up
 * or down; suppressed periods are gaps, never zeros.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { useMemo } from 'react';
import type { TrendPoint } from '../api/types';
import { useLang } from '../i18n/lang';
import { ChartCanvas } from './ChartCanvas';
import { unitAxis, unitValue, type TrendUnit } from './indicator-units';
import { intervalPlugin } from './interval-plugin';

export interface TrendSeries {
  label: string;
  points: TrendPoint[];
}

/**
 * Paul Tol's "muted" qualitative scheme: nine colours told apart with every common colour-vision
 * deficiency. A chart never draws more series than this (MAX_SERIES): more are small multiples.
 */
export const PALETTE = [
  '#332288',
  '#117733',
  '#CC6677',
  '#88CCEE',
  '#882255',
  '#44AA99',
  '#999933',
  '#AA4499',
  '#DDCC77',
] as const;

/** The most series one chart holds, each in its own colour. */
export const MAX_SERIES = PALETTE.length;

export function TrendChart({
  series,
  periods,
  periodLabel,
  height = 360,
  unit = 'share',
  title,
  top,
  lowerBetter = false,
}: {
  series: TrendSeries[];
  periods: string[];
  periodLabel: (p: string) => string;
  height?: number;
  /** The indicator's unit (the y-axis and the tooltip); a share (0–1) unless said. */
  unit?: TrendUnit;
  /** The y-axis title: the indicator's name, or its unit. */
  title?: string;
  /** The top the y-axis reaches at least, where the unit has no fixed top (small multiples share it). */
  top?: number;
  /** A fall is the good news (delivery days, informal payments): a rise is marked in red. */
  lowerBetter?: boolean;
}) {
  const { s, lang } = useLang();
  const config = useMemo<ChartConfiguration<'line'>>(() => {
    const single = series.length === 1;
    const axis = unitAxis(unit, lang);
    const datasets: ChartDataset<'line'>[] = [];
    series.forEach((ser, i) => {
      const colour = PALETTE[i] ?? PALETTE[PALETTE.length - 1];
      const at = new Map(ser.points.map((p) => [p.period ?? '', p]));
      const pts = periods.map((p) => at.get(p));
      const value = (p: TrendPoint | undefined) =>
        p && !p.suppressed ? (p.value ?? p.rate ?? null) : null;
      if (single) {
        datasets.push(
          {
            label: `${s.trend.band} (low)`,
            data: pts.map((p) => (value(p) === null ? null : (p!.ci95?.[0] ?? null))),
            borderWidth: 0,
            pointRadius: 0,
            fill: false,
          },
          {
            label: s.trend.band,
            data: pts.map((p) => (value(p) === null ? null : (p!.ci95?.[1] ?? null))),
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: 'rgba(11, 110, 90, 0.14)',
            fill: '-1',
          },
        );
      }
      const sig = pts.map((p) => p?.change?.significant === true);
      datasets.push({
        label: ser.label,
        data: pts.map(value),
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 2.5,
        spanGaps: false,
        pointStyle: pts.map((p, j) => (sig[j] ? 'triangle' : 'circle')),
        rotation: pts.map((p) => (p?.change && p.change.diff < 0 ? 180 : 0)),
        pointRadius: sig.map((x) => (x ? 9 : 4)),
        pointBackgroundColor: pts.map((p, j) =>
          sig[j] ? (p!.change!.diff < 0 !== lowerBetter ? '#c4122f' : '#0b7a56') : colour,
        ),
        ...(single
          ? {}
          : { intervals: pts.map((p) => (value(p) === null ? null : (p!.ci95 ?? null))) }),
      } as ChartDataset<'line'>);
    });
    return {
      type: 'line',
      data: { labels: periods.map(periodLabel), datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false },
        plugins: {
          legend: {
            display: !single,
            labels: { filter: (item) => !item.text.startsWith(s.trend.band) },
          },
          tooltip: {
            filter: (item) => !String(item.dataset.label).startsWith(s.trend.band),
            callbacks: {
              label: (item) => {
                const ser = series[single ? 0 : Math.floor(item.datasetIndex)];
                const p = ser?.points.find((x) => x.period === periods[item.dataIndex]);
                const v = p ? (p.value ?? p.rate ?? null) : null;
                if (!p || v === null) return '';
                const f = (x: number) => unitValue(unit, x, lang, s);
                const ci = p.ci95 ? ` [${f(p.ci95[0])} – ${f(p.ci95[1])}]` : '';
                const n = p.n === null ? '' : `, n = ${p.n}`;
                return `${ser?.label ?? ''}: ${f(v)}${ci}${n}`;
              },
            },
          },
        },
        scales: {
          y: {
            min: axis.min,
            max: axis.max,
            ...(axis.max === undefined && top !== undefined ? { suggestedMax: top } : {}),
            title: { display: true, text: title ?? s.trend.rate },
            ticks: { callback: (v) => axis.tick(Number(v)) },
          },
        },
      },
      plugins: [intervalPlugin],
    };
  }, [series, periods, periodLabel, s, lang, unit, title, top, lowerBetter]);

  return <ChartCanvas config={config} label={title ?? s.trend.title} height={height} />;
}
