/**
 * The importance–performance chart of one group: each driver at (importance, performance) with
 * its performance's 95% interval, coloured by quadrant; the split lines at the group's means.
 */
import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { DriverResult } from '../api/types';
import { useLang } from '../i18n/lang';
import { fmt } from '../i18n/strings';
import { pct, pctRange } from '../lib/format';
import { ChartCanvas } from './ChartCanvas';
import { QUADRANT_COLOUR } from './colour';
import { intervalPlugin } from './interval-plugin';
import { ipaPlugin } from './ipa-plugin';

export interface IpaAxes {
  x: { min: number; max: number };
  y: { min: number; max: number };
}

/** Axes on 0.05 steps around the drivers' points and intervals (and the mean importance). */
export function ipaAxes(drivers: readonly DriverResult[], meanImportance: number): IpaAxes {
  const imps = drivers.map((d) => d.importance ?? 0);
  const lows = drivers.map((d) => d.performance.ci95[0]);
  const highs = drivers.map((d) => d.performance.ci95[1]);
  const step = (v: number, up: boolean) => (up ? Math.ceil(v * 20) : Math.floor(v * 20)) / 20;
  const lo = Math.min(...imps, meanImportance);
  const hi = Math.max(...imps, meanImportance);
  const pad = Math.max(0.04, (hi - lo) * 0.15);
  return {
    x: { min: Math.max(-1, step(lo - pad, false)), max: Math.min(1, step(hi + pad, true)) },
    y: {
      min: Math.max(0, step(Math.min(...lows), false)),
      max: Math.min(1, step(Math.max(...highs), true)),
    },
  };
}

export function IpaScatter({
  drivers,
  meanImportance,
  meanPerformance,
  height = 380,
  axes,
}: {
  drivers: DriverResult[];
  meanImportance: number;
  meanPerformance: number;
  height?: number;
  /** Fixed axes (a printed report's pages share them); around the points when absent. */
  axes?: IpaAxes;
}) {
  const { s, lang } = useLang();
  const name = (d: DriverResult) => s.drivers[d.name as keyof typeof s.drivers] ?? d.name;

  const config = useMemo<ChartConfiguration<'scatter'>>(() => {
    const q = s.quadrants;
    // Axes around the points (importance is a relative weight, performance a share), on 0.05 steps,
    // so drivers that sit close together are still told apart.
    const { x, y } = axes ?? ipaAxes(drivers, meanImportance);
    return {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: s.bottlenecks.scatter,
            data: drivers.map((d) => ({ x: d.importance ?? 0, y: d.performance.rate })),
            pointBackgroundColor: drivers.map((d) => QUADRANT_COLOUR[d.quadrant]),
            pointBorderColor: '#fff',
            pointRadius: 7,
            pointHoverRadius: 9,
            borderColor: '#6b7280',
            intervals: drivers.map((d) => d.performance.ci95),
          } as ChartConfiguration<'scatter'>['data']['datasets'][number],
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: 8, right: 16 } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const d = drivers[item.dataIndex];
                if (!d) return '';
                return `${name(d)}: ${pct(d.performance.rate, lang)} [${pctRange(d.performance.ci95, lang)}], ${d.importanceShare === null ? s.bottlenecks.importanceZero : fmt(s.bottlenecks.importanceValue, { share: pct(d.importanceShare, lang) })} — ${q[d.quadrant]}`;
              },
            },
          },
        },
        scales: {
          x: {
            ...x,
            title: { display: true, text: s.bottlenecks.importance },
            ticks: { stepSize: x.max - x.min > 0.6 ? 0.1 : 0.05 },
          },
          y: {
            ...y,
            title: { display: true, text: s.bottlenecks.performance },
            ticks: { callback: (v) => pct(Number(v), lang) },
          },
        },
      },
      plugins: [
        intervalPlugin,
        ipaPlugin({
          meanImportance,
          meanPerformance,
          pointLabels: drivers.map(name),
          quadrantLabels: [q.above_need, q.keep_up, q.low_priority, q.concentrate_here],
        }),
      ],
    };
  }, [drivers, meanImportance, meanPerformance, axes, s, lang]);

  const summary = drivers.map((d) => `${name(d)}: ${s.quadrants[d.quadrant]}`).join('; ');
  return (
    <ChartCanvas config={config} label={`${s.bottlenecks.scatter}. ${summary}`} height={height} />
  );
}
