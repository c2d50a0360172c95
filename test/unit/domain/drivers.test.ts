import { describe, it, expect } from 'vitest';
import {
  analyseDrivers,
  levelOf,
  quadrantOf,
  type DriverInput,
  type JointTable,
} from '../../../server/domain/drivers.js';
import { correlationFromTable } from '../../../server/domain/correlation.js';
import { wilson } from '../../../server/domain/wilson.js';
import {
  relativeWeights,
  relativeWeightsDelta,
  relativeWeightsWithIntervals,
} from '../../../server/domain/relative-weights.js';

describe("Johnson's relative weights", () => {
  it('two predictors: a hand calculation with exact fractions', () => {
    // ρ = 24/25: eigenvalues 49/25 and 1/25, so Λ = R^½ = [[4/5, 3/5], [3/5, 4/5]] and
    // Λ⁻¹ = [[20/7, −15/7], [−15/7, 20/7]]. r = (3/5, 1/2): β = Λ⁻¹r = (9/14, 1/7).
    // ε₁ = (16/25)(81/196) + (9/25)(4/196) = 1332/4900; ε₂ = (9/25)(81/196) + (16/25)(4/196) = 793/4900.
    const full = [
      [1, 24 / 25, 3 / 5],
      [24 / 25, 1, 1 / 2],
      [3 / 5, 1 / 2, 1],
    ];
    const r = relativeWeights(full);
    expect(r.weights[0]).toBeCloseTo(1332 / 4900, 12);
    expect(r.weights[1]).toBeCloseTo(793 / 4900, 12);
    // They add up to R² = rᵀR⁻¹r = 0.034 / (49/625) = 85/196.
    expect(r.rSquared).toBeCloseTo(85 / 196, 12);
  });

  it('uncorrelated predictors: each weight is its squared correlation', () => {
    const r = relativeWeights([
      [1, 0, 0, 0.5],
      [0, 1, 0, 0.3],
      [0, 0, 1, 0.1],
      [0.5, 0.3, 0.1, 1],
    ]);
    expect(r.weights.map((w) => Number(w.toFixed(12)))).toEqual([0.25, 0.09, 0.01]);
  });

  it('the delta-method interval agrees with a seeded parametric bootstrap', () => {
    const full = [
      [1, 0.5, 0.4, 0.5],
      [0.5, 1, 0.45, 0.35],
      [0.4, 0.45, 1, 0.25],
      [0.5, 0.35, 0.25, 1],
    ];
    const delta = relativeWeightsDelta(full, 400);
    const boot = relativeWeightsWithIntervals(full, 400, 3000, 7);
    delta.ci95.forEach(([lo, hi], k) => {
      const [blo, bhi] = boot.ci95[k]!;
      expect(lo).toBeLessThan(delta.weights[k]!);
      expect(hi).toBeGreaterThan(delta.weights[k]!);
      expect(Math.abs(lo - blo)).toBeLessThan(0.25 * (bhi - blo));
      expect(Math.abs(hi - bhi)).toBeLessThan(0.25 * (bhi - blo));
    });
    // Seeded: the same draws every time.
    expect(relativeWeightsWithIntervals(full, 400, 50, 7)).toEqual(
      relativeWeightsWithIntervals(full, 400, 50, 7),
    );
  });
});

describe('quadrants need both intervals on one side of the splits', () => {
  it('levels and quadrants', () => {
    expect(levelOf([0.3, 0.4], 0.2)).toBe('high');
    expect(levelOf([0.1, 0.19], 0.2)).toBe('low');
    expect(levelOf([0.1, 0.3], 0.2)).toBe('unclear');
    expect(quadrantOf('high', 'low')).toBe('concentrate_here');
    expect(quadrantOf('high', 'high')).toBe('keep_up');
    expect(quadrantOf('low', 'low')).toBe('low_priority');
    expect(quadrantOf('low', 'high')).toBe('above_need');
    expect(quadrantOf('unclear', 'low')).toBe('unclear');
    expect(quadrantOf('high', 'unclear')).toBe('unclear');
  });
});

/** Respondents: the drivers' answers (1..5) and satisfaction, built from a latent score. */
type Person = { drivers: Record<string, number>; satisfaction: number };

function people(
  count: number,
  seed: number,
  shape: Record<string, { weight: number; level: number }>,
): Person[] {
  let a = seed;
  const rand = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const clamp = (x: number) => Math.max(1, Math.min(5, Math.round(x)));
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const halo = rand() * 2 - 1;
    const drivers: Record<string, number> = {};
    let latent = 0;
    for (const [name, s] of Object.entries(shape)) {
      const own = rand() * 2 - 1;
      const score = s.level + 0.8 * halo + own;
      drivers[name] = clamp(3 + 1.5 * score);
      latent += s.weight * (0.8 * halo + own);
    }
    out.push({ drivers, satisfaction: clamp(3.5 + 1.5 * latent + (rand() - 0.5)) });
  }
  return out;
}

function inputsOf(list: Person[], names: string[]): { inputs: DriverInput[]; joint: JointTable } {
  const empty = () => Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  const inputs = names.map((name) => {
    const table = empty();
    const counts: Record<string, number> = {};
    for (const p of list) {
      const v = p.drivers[name]!;
      counts[String(v)] = (counts[String(v)] ?? 0) + 1;
      table[v - 1]![p.satisfaction - 1]! += 1;
    }
    return { name, table, counts };
  });
  const joint: JointTable = (x, y) => {
    const table = empty();
    for (const p of list) table[p.drivers[x]! - 1]![p.drivers[y]! - 1]! += 1;
    return table;
  };
  return { inputs, joint };
}

describe('analyseDrivers', () => {
  const shape = {
    timeliness: { weight: 0.6, level: -1 }, // matters most, performs worst: the bottleneck
    outcome: { weight: 0.5, level: 0.4 },
    courtesy: { weight: 0.05, level: 0.9 }, // matters little, performs well
    information: { weight: 0.05, level: -0.9 }, // matters little, performs badly
  };
  const names = Object.keys(shape);
  const list = people(1500, 11, shape);
  const { inputs, joint } = inputsOf(list, names);

  it('relative weights from the joint tables, performance with Wilson, quadrants', () => {
    const r = analyseDrivers(inputs, { joint });
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.n).toBe(1500);
    expect(r.method).toBe('spearman');
    const by = Object.fromEntries(r.drivers.map((d) => [d.name, d]));
    // The same weights as Johnson's method on the Spearman matrix of the same tables.
    const rho = (x: string, y: string) => correlationFromTable(joint(x, y)!).r!;
    const full = names.map((x) =>
      names
        .map((y) => (x === y ? 1 : rho(x, y)))
        .concat(correlationFromTable(inputs[names.indexOf(x)]!.table).r!),
    );
    full.push(names.map((x) => correlationFromTable(inputs[names.indexOf(x)]!.table).r!).concat(1));
    const expected = relativeWeights(full);
    names.forEach((n, k) => expect(by[n]!.importance).toBeCloseTo(expected.weights[k]!, 12));
    expect(r.rSquared).toBeCloseTo(expected.rSquared, 12);
    const t = by.timeliness!;
    expect(t.performance.ci95).toEqual(wilson(t.performance.satisfied, t.performance.n));
    expect(t.importanceCi95![0]).toBeGreaterThan(r.meanImportance!);
    expect(t.quadrant).toBe('concentrate_here');
    expect(by.outcome!.quadrant).toBe('keep_up');
    expect(by.courtesy!.quadrant).toBe('above_need');
    expect(by.information!.quadrant).toBe('low_priority');
    expect(r.excluded).toEqual([]);
  });

  it('few answers: the intervals cross the splits and the quadrants are unclear', () => {
    const small = inputsOf(people(40, 5, shape), names);
    const r = analyseDrivers(small.inputs, { joint: small.joint });
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.drivers.filter((d) => d.quadrant === 'unclear').length).toBeGreaterThan(0);
    for (const d of r.drivers) {
      if (d.quadrant !== 'unclear') {
        expect(d.importanceLevel).not.toBe('unclear');
        expect(d.performanceLevel).not.toBe('unclear');
      }
    }
  });

  it('without the driver × driver tables no importance is claimed', () => {
    const r = analyseDrivers(inputs);
    if (r.status !== 'ok') throw new Error('expected ok');
    for (const d of r.drivers) {
      expect(d.importance).toBeNull();
      expect(d.importanceReason).toBe('no_joint_table');
      expect(d.quadrant).toBe('unclear');
    }
  });

  it('fewer than 30 responses with both answers → insufficient_data', () => {
    const few = inputsOf(people(29, 3, shape), names);
    expect(analyseDrivers(few.inputs, { joint: few.joint })).toEqual({
      status: 'insufficient_data',
      n: 29,
      minN: 30,
    });
  });

  it('a driver with too few pairs in an analysed group is excluded', () => {
    const sparse: DriverInput = {
      name: 'accessibility',
      table: [
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0],
        [0, 0, 0, 0, 1],
      ],
      counts: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 },
    };
    const r = analyseDrivers([...inputs, sparse], { joint });
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.excluded).toEqual([{ name: 'accessibility', n: 5, reason: 'insufficient_data' }]);
    expect(r.drivers.map((d) => d.name)).toEqual(names);
  });
});
