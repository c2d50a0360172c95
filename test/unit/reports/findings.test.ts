import { describe, expect, it } from 'vitest';
import { rankFindings, type SystemicGroupInput } from '../../../server/reports/findings.js';
import {
  comparablePeriods,
  rateChange,
  ratioChange,
  valueChange,
  tileFamily,
} from '../../../server/reports/period-change.js';

const below = (
  group: Record<string, string>,
  n: number,
  gap: number,
  driver: string | null,
): SystemicGroupInput => ({
  group,
  n,
  rate: 0.72 + gap,
  restRate: 0.72,
  gap,
  vsRestCi95: [gap - 0.05, gap + 0.05],
  concentrateHere: driver ? [{ name: driver, performance: 0.2 }] : [],
});

const regionOf = (p: string) =>
  ({ 'P-QA-1': 'UZ-QA', 'P-FA-1': 'UZ-FA', 'P-SI-1': 'UZ-SI' })[p] ?? null;

describe('rankFindings', () => {
  it('puts the group with the most respondents behind its gap first, with its driver', () => {
    const found = rankFindings({
      regions: [below({ region: 'UZ-QA' }, 1400, -0.27, 'timeliness')],
      providers: [
        below({ provider: 'P-FA-1' }, 120, -0.2, 'fairness'),
        below({ provider: 'P-SI-1' }, 150, -0.15, 'accessibility'),
      ],
      regionOf,
      lastStep: null,
    });
    expect(found.map((f) => (f.kind === 'change' ? f.period : f.code))).toEqual([
      'UZ-QA',
      'P-FA-1',
      'P-SI-1',
    ]);
    expect(found[0]).toMatchObject({
      kind: 'region-below',
      driver: { name: 'timeliness', performance: 0.2 },
      weight: 1400 * 0.27,
    });
  });

  it('leaves out a provider whose region is a finding for the same driver, keeps one with another', () => {
    const found = rankFindings({
      regions: [below({ region: 'UZ-QA' }, 1400, -0.27, 'timeliness')],
      providers: [
        below({ provider: 'P-QA-1' }, 100, -0.3, 'timeliness'),
        below({ provider: 'P-QA-2' }, 100, -0.3, 'courtesy'),
      ],
      regionOf: (p) => (p.startsWith('P-QA') ? 'UZ-QA' : null),
      lastStep: null,
    });
    expect(found.map((f) => f.kind !== 'change' && f.code)).toEqual(['UZ-QA', 'P-QA-2']);
  });

  it('adds a significant change of the last month, never one that is not significant', () => {
    const step = {
      period: '2026-10',
      from: '2026-09',
      rate: 0.6,
      n: 2000,
      diff: -0.08,
      ci95: [-0.11, -0.05] as const,
      significant: true,
    };
    const found = rankFindings({ regions: [], providers: [], regionOf, lastStep: step });
    expect(found).toEqual([
      expect.objectContaining({ kind: 'change', direction: 'down', weight: 0.08 * 2000 }),
    ]);
    expect(
      rankFindings({
        regions: [],
        providers: [],
        regionOf,
        lastStep: { ...step, significant: false },
      }),
    ).toEqual([]);
  });

  it('keeps at most three', () => {
    const providers = ['a', 'b', 'c', 'd'].map((p, i) =>
      below({ provider: p }, 100 + i, -0.1, 'ease'),
    );
    const found = rankFindings({ regions: [], providers, regionOf, lastStep: null });
    expect(found.map((f) => f.kind !== 'change' && f.code)).toEqual(['d', 'c', 'b']);
  });
});

describe('the previous comparable period', () => {
  it('is the same number of days just before a chosen range', () => {
    expect(comparablePeriods('2026-09-01', '2026-10-31', '2026-12-07').previous).toEqual({
      from: '2026-07-02',
      to: '2026-08-31',
    });
    expect(comparablePeriods('2026-03-01', '2026-03-01', '2026-12-07').previous).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
    });
  });

  it('without a range: the last complete month and the one before', () => {
    expect(comparablePeriods(null, null, '2026-12-07')).toEqual({
      current: { from: '2026-11-01', to: '2026-11-30' },
      previous: { from: '2026-10-01', to: '2026-10-31' },
    });
    // A day after a month's end: that month is complete.
    expect(comparablePeriods(null, null, '2026-01-01').current).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(comparablePeriods(null, '2026-10-31', '2026-12-07').current.from).toBe('2026-10-01');
    expect(comparablePeriods(null, '2026-10-15', '2026-12-07').current.from).toBe('2026-09-01');
  });
});

describe('a tile change', () => {
  it('of a rate: the difference with its Newcombe interval, wider with protection noise', () => {
    const c = rateChange({ rate: 0.7, n: 1000 }, { rate: 0.65, n: 1000 })!;
    expect(c.diff).toBeCloseTo(0.05, 12);
    expect(c.ci95![0]).toBeGreaterThan(0.005);
    expect(c.ci95![1]).toBeLessThan(0.095);
    expect(c.significant).toBe(true);
    const noisy = rateChange(
      { rate: 0.7, n: 1000, added: 0.0004 },
      { rate: 0.65, n: 1000, added: 0.0004 },
    )!;
    expect(noisy.ci95![1] - noisy.ci95![0]).toBeGreaterThan(c.ci95![1] - c.ci95![0]);
    expect(rateChange({ rate: null, n: null }, { rate: 0.6, n: 10 })).toBeNull();
  });

  it('of a median or index: from the two half-widths; of a ratio: no interval', () => {
    expect(valueChange({ value: 10, ci95: [8, 12] }, { value: 7, ci95: [6, 8] })).toEqual({
      diff: 3,
      ci95: [3 - Math.hypot(2, 1), 3 + Math.hypot(2, 1)],
      significant: true,
      p: expect.closeTo(0.0085494, 6),
      method: 'normal from the two intervals',
    });
    expect(ratioChange(0.3, 0.25)).toMatchObject({ ci95: null, significant: false });
    expect(ratioChange(null, 0.25)).toBeNull();
  });
});

describe('the tiles shown together are one family', () => {
  const change = (diff: number, half: number, p: number) => ({
    diff,
    ci95: [diff - half, diff + half] as const,
    significant: Math.abs(diff) > half,
    p,
    method: 'newcombe' as const,
  });

  it('a change significant alone is not once the other tiles are counted (BH over 3)', () => {
    // p = 0.03 alone passes 0.05; with 0.5 and 0.9 beside it, BH needs p ≤ 0.05/3 for rank 1.
    const out = tileFamily({
      satisfaction: change(0.05, 0.04, 0.03),
      trust: change(0.01, 0.05, 0.5),
      kpi: change(0.1, 2, 0.9),
      coverage: { diff: 0.1, ci95: null, significant: false, method: 'none' as const },
    });
    expect(out.satisfaction!.significant).toBe(false);
    expect(out.satisfaction!.pAdjusted).toBeCloseTo(0.09, 10);
    expect(out.trust!.pAdjusted).toBeCloseTo(0.75, 10);
    expect(out.kpi!.pAdjusted).toBeCloseTo(0.9, 10);
    expect(out.coverage).toEqual({ diff: 0.1, ci95: null, significant: false, method: 'none' });
  });

  it('a change strong enough for the family stays significant', () => {
    const out = tileFamily({
      satisfaction: change(0.2, 0.05, 0.001),
      trust: change(0.01, 0.05, 0.5),
    });
    expect(out.satisfaction!.significant).toBe(true);
    expect(out.satisfaction!.pAdjusted).toBeCloseTo(0.002, 10);
    expect(out.trust!.significant).toBe(false);
  });

  it('a median or index change gets its p-value from the same normal approximation as its interval', () => {
    // diff 2, half-widths 1.5 and 2 → h = 2.5, se = 2.5 / 1.959964, z = 1.5680, p = 0.1169.
    const c = valueChange({ value: 10, ci95: [8.5, 11.5] }, { value: 8, ci95: [6, 10] })!;
    expect(c.p).toBeCloseTo(0.11689, 4);
    expect(c.significant).toBe(false);
  });
});
