/**
 * The packed driver × driver tables of a rollup cell (db/rollups/layout.ts, `rollup_joint`): every
 * pair's 5 × 5 table has its own offsets, the text adds up exactly, and a batch counts a response's
 * pairs once in each cell of the cuboids that keep them — not in the segment cuboid.
 */
import { describe, expect, it } from 'vitest';
import { RollupBatch } from '../../db/rollups/batch.js';
import { CUBOIDS } from '../../db/rollups/cuboids.js';
import {
  addDriverPart,
  addJoint,
  addJointDense,
  encodeJoint,
  encodeDriverPart,
  encodeJointDense,
  FOLD_AT,
  jointLayout,
  jointOffset,
  jointPair,
  PartCounter,
} from '../../db/rollups/layout.js';
import { extractFacts, type RoleVariable } from '../../server/ingest/facts.js';

const driver = (row: string): RoleVariable => ({
  variable: `drivers.${row}`,
  question: 'drivers',
  row,
  role: `driver:${row}`,
  type: 'matrix',
});
const vars: RoleVariable[] = [
  { variable: 'satisfaction', question: 'satisfaction', role: 'satisfaction', type: 'rating' },
  driver('timeliness'),
  driver('ease'),
  driver('courtesy'),
  { variable: 'segment', question: 'segment', role: 'segment:group', type: 'checkbox' },
];
const dims = { region: 'R1', district: 'D1', provider: 'P1', sector: 'state', channel: 'centre' };

describe('the packed driver × driver tables', () => {
  it('gives every value pair of every driver pair its own offset, in the order of jointLayout', () => {
    for (const k of [2, 3, 7]) {
      const seen: number[] = [];
      for (let i = 0; i < k; i++)
        for (let j = i + 1; j < k; j++)
          for (let a = 1; a <= 5; a++)
            for (let b = 1; b <= 5; b++) seen.push(jointOffset(k, i, j, a, b));
      expect(seen).toEqual(seen.map((_, n) => n));
      expect(jointPair(k, k - 2, k - 1)).toBe((k * (k - 1)) / 2 - 1);
    }
    const layout = jointLayout('a&b&c');
    expect(layout).toHaveLength(75);
    expect(layout[jointOffset(3, 0, 2, 4, 1)]).toEqual({ pair: 'a&c', row: 3, column: 0 });
    expect(layout[jointOffset(3, 1, 2, 5, 5)]).toEqual({ pair: 'b&c', row: 4, column: 4 });
  });

  it('writes the nonzero counts in offset order and adds texts exactly', () => {
    const text = encodeJoint(
      new Map([
        [40, 2],
        [3, 1],
        [7, 0],
      ]),
    );
    expect(text).toBe('3:1,40:2');
    const sum = addJoint(addJoint(new Map(), text), '3:4,12:1');
    expect(encodeJoint(sum)).toBe('3:5,12:1,40:2');
    expect(addJoint(new Map([[1, 1]]), '')).toEqual(new Map([[1, 1]]));
    // The dense form the SQLite writer keeps: the same text.
    const dense = addJointDense(addJointDense(new Float64Array(75), text), '3:4,12:1');
    expect(encodeJointDense(dense)).toBe('3:5,12:1,40:2');
    expect(encodeJointDense(addJointDense(new Float64Array(75), ''))).toBe('');
  });

  it("counts a response's driver pairs once per cell, by the questionnaire's driver list", () => {
    const answers = {
      satisfaction: 4,
      drivers: { timeliness: 2, ease: 5, courtesy: 'na' },
      segment: ['elderly', 'disability'],
    };
    const facts = extractFacts(vars, answers);
    // Every driver of the questionnaire, in name order, whichever the respondent rated.
    expect(facts.jointDrivers).toBe('drivers.courtesy&drivers.ease&drivers.timeliness');
    const batch = new RollupBatch();
    batch.add(1, dims, '2026-10-05', facts);
    batch.add(1, dims, '2026-10-06', extractFacts(vars, { ...answers, satisfaction: 2 }));

    const kept = CUBOIDS.filter((c) => c.joint).map((c) => c.name);
    expect(kept).not.toContain('segment-month');
    for (const cell of batch.cells.values()) {
      if (!kept.includes(cell.cuboid)) {
        expect(cell.joint.size, cell.key).toBe(0);
        continue;
      }
      const counts = cell.joint.get(facts.jointDrivers!)!;
      const responses = cell.n;
      // ease (5) × timeliness (2): row 5, column 2 of the pair's table.
      const layout = jointLayout(facts.jointDrivers!);
      const cells = [...counts].map(([offset, n]) => ({ ...layout[offset], n }));
      expect(cells).toEqual([
        { pair: 'drivers.ease&drivers.timeliness', row: 4, column: 1, n: responses },
      ]);
      // The driver × satisfaction tables stay one per driver.
      expect([...cell.drivers.keys()].sort()).toEqual(['drivers.ease', 'drivers.timeliness']);
    }
  });
});

describe('parts of a cell written by live batches', () => {
  it('are due to be folded at every FOLD_AT-th part, counted per cell', () => {
    const counter = new PartCounter();
    const dueAt: number[] = [];
    for (let i = 1; i <= 3 * FOLD_AT; i++) {
      if (counter.added(7)) dueAt.push(i);
      // Another cell counts on its own.
      expect(counter.added(8)).toBe(i % FOLD_AT === 0);
    }
    expect(dueAt).toEqual([FOLD_AT, 2 * FOLD_AT, 3 * FOLD_AT]);
  });

  it('start again from none once the cell was folded another way (ingest idle)', () => {
    const counter = new PartCounter();
    for (let i = 1; i < FOLD_AT; i++) expect(counter.added(1)).toBe(false);
    counter.folded(1);
    for (let i = 1; i < FOLD_AT; i++) expect(counter.added(1)).toBe(false);
    expect(counter.added(1)).toBe(true);
  });
});

describe('a cell’s driver × satisfaction tables as one part', () => {
  it('reads back every driver’s table, added up over parts with other driver lists', () => {
    const table = (seed: number) =>
      Array.from({ length: 30 }, (_, i) => ((i * seed) % 7 === 0 ? 0 : (i + seed) % 5));
    const first = new Map([
      ['drivers.timeliness', table(3)],
      ['drivers.ease', table(5)],
    ]);
    const second = new Map([['drivers.ease', table(2)]]);
    const a = encodeDriverPart(first);
    const b = encodeDriverPart(second);
    // Drivers in name order; only nonzero counts written.
    expect(a.drivers).toBe('drivers.ease&drivers.timeliness');
    expect(a.counts.split(',').every((item) => !item.endsWith(':0'))).toBe(true);
    const sums = addDriverPart(addDriverPart(new Map(), a.drivers, a.counts), b.drivers, b.counts);
    expect(sums.get('drivers.timeliness')).toEqual(table(3));
    expect(sums.get('drivers.ease')).toEqual(table(5).map((n, i) => n + table(2)[i]!));
    expect(addDriverPart(new Map(), '', '').size).toBe(0);
  });
});
