import { describe, it, expect } from 'vitest';
import { regionalDisparity } from '../../../server/domain/disparity.js';
import { newcombe } from '../../../server/domain/newcombe.js';
import { wilson } from '../../../server/domain/wilson.js';

describe('regionalDisparity', () => {
  it('gap between best and worst, with intervals, and CV with the population SD', () => {
    const r = regionalDisparity([
      { group: 'UZ-SA', x: 56, n: 70 }, // 0.8
      { group: 'UZ-TK', x: 48, n: 80 }, // 0.6
      { group: 'UZ-AN', x: 70, n: 100 }, // 0.7
    ])!;
    expect(r.best.group).toBe('UZ-SA');
    expect(r.worst.group).toBe('UZ-TK');
    expect(r.best.ci95).toEqual(wilson(56, 70));
    expect(r.worst.ci95).toEqual(wilson(48, 80));
    expect(r.gap).toBeCloseTo(0.2, 14);
    expect(r.gapCi95![0]).toBeCloseTo(0.0524, 4);
    expect(r.gapCi95![1]).toBeCloseTo(0.3339, 4);
    expect(r.gapCi95).toEqual(newcombe(56, 70, 48, 80)!.ci95);
    expect(r.significant).toBe(true);
    expect(r.groups).toBe(3);
    expect(r.mean).toBeCloseTo(0.7, 14);
    // population SD: sqrt((0.01 + 0.01 + 0) / 3)
    expect(r.sd).toBeCloseTo(Math.sqrt(0.02 / 3), 14);
    expect(r.cv).toBeCloseTo(Math.sqrt(0.02 / 3) / 0.7, 14);
  });

  it('ties go to the first group; groups with n = 0 are skipped', () => {
    const r = regionalDisparity([
      { group: 'a', x: 0, n: 0 },
      { group: 'b', x: 5, n: 10 },
      { group: 'c', x: 10, n: 20 },
    ])!;
    expect(r.best.group).toBe('b');
    expect(r.worst.group).toBe('b');
    expect(r.gap).toBe(0);
    expect(r.gapCi95).toBeNull();
    expect(r.significant).toBe(false);
    expect(r.sd).toBe(0);
    expect(r.cv).toBe(0);
  });

  it('mean 0 → CV null; no data → null', () => {
    expect(
      regionalDisparity([
        { group: 1, x: 0, n: 10 },
        { group: 2, x: 0, n: 12 },
      ])!.cv,
    ).toBeNull();
    expect(regionalDisparity([])).toBeNull();
    expect(regionalDisparity([{ group: 1, x: 0, n: 0 }])).toBeNull();
  });
});
