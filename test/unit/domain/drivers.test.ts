import { describe, it, expect } from 'vitest';
import { analyseDrivers, quadrantOf, type DriverInput } from '../../../server/domain/drivers.js';

/** Driver histogram = the table's row totals (answers 1..5). */
function driver(name: string, table: number[][]): DriverInput {
  const counts: Record<string, number> = {};
  table.forEach((row, i) => (counts[String(i + 1)] = row.reduce((a, b) => a + b, 0)));
  return { name, table, counts };
}

// Strong association, performance 78/156.
const strong = [
  [10, 5, 3, 1, 0],
  [4, 12, 6, 2, 1],
  [2, 6, 15, 8, 3],
  [1, 2, 7, 20, 9],
  [0, 1, 3, 10, 25],
];
// Moderate association, high performance.
const moderateHigh = [
  [2, 1, 1, 0, 0],
  [1, 3, 1, 1, 0],
  [2, 3, 6, 4, 2],
  [1, 3, 8, 15, 10],
  [0, 2, 5, 12, 30],
];
// No association (independent), low performance.
const flatLow = [
  [6, 6, 6, 6, 6],
  [6, 6, 6, 6, 6],
  [4, 4, 4, 4, 4],
  [2, 2, 2, 2, 2],
  [1, 1, 1, 1, 1],
];
// No association, high performance.
const flatHigh = [
  [1, 1, 1, 1, 1],
  [1, 1, 1, 1, 1],
  [2, 2, 2, 2, 2],
  [6, 6, 6, 6, 6],
  [8, 8, 8, 8, 8],
];

describe('quadrantOf', () => {
  it('maps the four cells', () => {
    expect(quadrantOf(true, false)).toBe('concentrate_here');
    expect(quadrantOf(true, true)).toBe('keep_up');
    expect(quadrantOf(false, false)).toBe('low_priority');
    expect(quadrantOf(false, true)).toBe('possible_overkill');
  });
});

describe('analyseDrivers', () => {
  it('importance, performance and quadrants', () => {
    const r = analyseDrivers([
      driver('timeliness', strong),
      driver('courtesy', moderateHigh),
      driver('information', flatLow),
      driver('accessibility', flatHigh),
    ]);
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.n).toBe(156);
    expect(r.method).toBe('spearman');
    const by = Object.fromEntries(r.drivers.map((d) => [d.name, d]));

    const t = by.timeliness!;
    expect(t.correlation).toBeCloseTo(0.719911845898634, 12);
    expect(t.importance).toBe(t.correlation);
    expect(t.importanceReason).toBeNull();
    expect(t.performance.n).toBe(156);
    expect(t.performance.satisfied).toBe(39 + 39);
    expect(t.performance.rate).toBe(0.5);
    // Wilson interval of 78/156 with z = 1.959964, worked out independently.
    expect(t.performance.ci95).toHaveLength(2);
    expect(t.performance.ci95[0]).toBeCloseTo(0.4224872078179341, 14);
    expect(t.performance.ci95[1]).toBeCloseTo(0.5775127921820659, 14);

    const c = by.courtesy!;
    // Spearman's rho with mid-ranks of the expanded 113 pairs, worked out independently.
    expect(c.correlation).toBeCloseTo(0.5606810581936608, 14);
    expect(c.importance).toBe(c.correlation);
    expect(c.importanceReason).toBeNull();
    expect(c.performance.n).toBe(113);
    expect(c.performance.satisfied).toBe(86);
    expect(c.importance).toBeGreaterThan(0);

    const f = by.information!;
    expect(f.correlation).toBeCloseTo(0, 12);
    expect(f.p).toBeGreaterThan(0.05);
    expect(f.importance).toBe(0);
    expect(f.importanceReason).toBe('not_significant');

    // (0.7199118458986335 + 0.5606810581936608 + 0 + 0) / 4
    expect(r.meanImportance).toBeCloseTo(0.3201482260230736, 14);
    // (78/156 + 86/113 + 15/95 + 70/90) / 4
    const meanPerf = 0.5491836153806345;
    expect(r.meanPerformance).toBeCloseTo(meanPerf, 14);
    // timeliness 78/156 = 0.5 < mean ≈ 0.549 → concentrate_here
    expect(t.performance.rate).toBeLessThan(meanPerf);
    expect(t.quadrant).toBe('concentrate_here');
    expect(c.performance.rate).toBeGreaterThan(meanPerf);
    // courtesy importance ≈ 0.561 ≥ mean ≈ 0.320 and 86/113 ≈ 0.761 ≥ mean → keep_up
    expect(c.quadrant).toBe('keep_up');
    expect(f.quadrant).toBe('low_priority');
    expect(by.accessibility!.quadrant).toBe('possible_overkill');
    expect(r.excluded).toEqual([]);
  });

  it('all answers equal → importance 0 with reason no_variance', () => {
    const allFive = [
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [3, 5, 2, 8, 20],
    ];
    const r = analyseDrivers([driver('fairness', allFive), driver('timeliness', strong)]);
    if (r.status !== 'ok') throw new Error('expected ok');
    const fair = r.drivers.find((d) => d.name === 'fairness')!;
    expect(fair.correlation).toBeNull();
    expect(fair.p).toBeNull();
    expect(fair.importance).toBe(0);
    expect(fair.importanceReason).toBe('no_variance');
    expect(fair.performance.rate).toBe(1);
    expect(fair.performance.ci95[1]).toBe(1);
    expect(fair.highImportance).toBe(false);
    expect(fair.quadrant).toBe('possible_overkill');
  });

  it('no significant driver → none is high importance', () => {
    const r = analyseDrivers([driver('a', flatLow), driver('b', flatHigh)]);
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.meanImportance).toBe(0);
    expect(r.drivers.map((d) => d.quadrant)).toEqual(['low_priority', 'possible_overkill']);
  });

  it('fewer than 30 responses with both answers → insufficient_data', () => {
    const small = [
      [3, 1, 0, 0, 0],
      [1, 3, 1, 0, 0],
      [0, 1, 4, 1, 0],
      [0, 0, 1, 5, 1],
      [0, 0, 0, 1, 6],
    ]; // 29
    expect(analyseDrivers([driver('a', small), driver('b', small)])).toEqual({
      status: 'insufficient_data',
      n: 29,
      minN: 30,
    });
    expect(analyseDrivers([])).toEqual({ status: 'insufficient_data', n: 0, minN: 30 });
    const thirty = small.map((row) => [...row]);
    thirty[0]![0]! += 1;
    expect(analyseDrivers([driver('a', thirty)]).status).toBe('ok');
  });

  it('a driver with too few pairs in an analysed group is excluded', () => {
    const few = [
      [1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ];
    const r = analyseDrivers([driver('timeliness', strong), driver('accessibility', few)]);
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.drivers.map((d) => d.name)).toEqual(['timeliness']);
    expect(r.excluded).toEqual([{ name: 'accessibility', n: 5, reason: 'insufficient_data' }]);
  });

  it('Pearson on request', () => {
    const r = analyseDrivers([driver('timeliness', strong)], { method: 'pearson' });
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.drivers[0]!.correlation).toBeCloseTo(0.722419066291458, 12);
  });
});
