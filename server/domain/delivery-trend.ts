/**
 * A test for linear trend of the delivery-time median across periods. A median of whole days sits
 * on a whole or half day and flips between two days from period to period by more than its
 * order-statistic interval says, so a slope over the medians finds trends that are not there
 * (docs/indicators.md). Instead: Armitage's test (linear-trend.ts) on the share of each period's
 * answers at or below the pooled median of the periods tested — the lower median of all their
 * days together, x(⌈n/2⌉) — which a shift of the days' distribution moves. Days are read as the
 * delivery-time figure reads them (delivery.ts). On protected figures each period's share carries
 * its counts' perturbation variance (rateNoise), added to the statistic's as for rates. Pure.
 */
import type { Counts } from './counts.js';
import { dayEntries, dayOf, orderStatistic } from './delivery.js';
import { linearTrendTest, type LinearTrendResult } from './linear-trend.js';
import { rateNoise, varianceOf, type CountVariances } from './perturbation.js';

export interface MedianShareTrend {
  test: LinearTrendResult;
  /** The pooled median: the share of answers at or below it is what is tested. */
  splitAt: number;
}

export function medianShareTrend(
  periods: readonly { counts: Counts; noise?: CountVariances | undefined; score: number }[],
): MedianShareTrend | null {
  const days = periods.map((p) => dayEntries(p.counts));
  const pooled = new Map<number, number>();
  for (const list of days) for (const [day, c] of list) pooled.set(day, (pooled.get(day) ?? 0) + c);
  const all = [...pooled].sort((a, b) => a[0] - b[0]);
  const n = all.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const splitAt = orderStatistic(all, Math.ceil(n / 2));
  const side = (below: boolean) => (key: string) => {
    const day = dayOf(key);
    return day !== null && day <= splitAt === below;
  };
  const points = periods.map((p, i) => {
    const total = days[i]!.reduce((s, [, c]) => s + c, 0);
    const x = days[i]!.reduce((s, [day, c]) => s + (day <= splitAt ? c : 0), 0);
    const added = rateNoise(
      x,
      total,
      varianceOf(p.noise, side(true)),
      varianceOf(p.noise, side(false)),
    );
    return { x, n: total, added: added > 0 ? added : undefined };
  });
  const test = linearTrendTest(
    points,
    periods.map((p) => p.score),
  );
  return test ? { test, splitAt } : null;
}
