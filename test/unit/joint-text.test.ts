/**
 * Reading a row of driver × driver counts digit by digit (db/rollups/layout.ts `addJointDense`,
 * what a report adds up) gives exactly what the general parse (`addJoint`) gives, for counts of
 * any size, one offset or many, and rows added one after another.
 */
import { describe, expect, it } from 'vitest';
import { addJoint, addJointDense, encodeJoint } from '../../db/rollups/layout.js';

/** A deterministic pseudo-random source (xorshift), so a failure repeats. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('addJointDense', () => {
  it('adds up rows exactly as addJoint does', () => {
    const next = random(20261207);
    const size = 21 * 25;
    for (let round = 0; round < 50; round++) {
      const dense = new Float64Array(size);
      const sparse = new Map<number, number>();
      for (let row = 0; row < 1 + Math.floor(next() * 5); row++) {
        const counts = new Map<number, number>();
        for (let i = 0; i < Math.floor(next() * 40); i++) {
          // Counts from 1 to ten million, offsets anywhere in the row.
          counts.set(Math.floor(next() * size), 1 + Math.floor(next() ** 4 * 1e7));
        }
        const text = encodeJoint(counts);
        addJointDense(dense, text);
        addJoint(sparse, text);
      }
      const expected = new Float64Array(size);
      for (const [offset, n] of sparse) expected[offset] = n;
      expect([...dense]).toEqual([...expected]);
    }
  });

  it('reads an empty row as nothing, and a last count without a comma', () => {
    expect([...addJointDense(new Float64Array(3), '')]).toEqual([0, 0, 0]);
    expect([...addJointDense(new Float64Array(3), '2:12345678901')]).toEqual([0, 0, 12345678901]);
    expect([...addJointDense(new Float64Array(12), '0:1,11:30')]).toEqual([
      1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30,
    ]);
  });
});
