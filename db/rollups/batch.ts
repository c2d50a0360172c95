/**
 * Adds up, in memory, what a batch of responses contributes to each rollup cell, so a group
 * commit writes each cell once however many of its responses the batch holds.
 */
import {
  BLOCK,
  type AnswerCounts,
  DRIVER_COLUMNS,
  driverIndex,
  histogramSlot,
  JOINT_SEPARATOR,
  jointOffset,
} from './layout.js';
import {
  FILTER_DIMS,
  KEY_SEPARATOR,
  type Dimension,
  type FilterDim,
} from '../../common/reports/dimensions.js';
import { CUBOIDS, periodOf } from './cuboids.js';

/** What one validated response adds to the rollups (worked out by server/ingest/facts.ts). */
export interface ResponseFacts {
  answers: Array<[variable: string, value: string]>;
  /**
   * Driver × satisfaction pairs, and driver × driver pairs (`a&b`, server/ingest/facts.ts): the
   * second value is then the second driver's.
   */
  pairs: Array<[driver: string, driverValue: number, outcomeValue: number]>;
  segments: string[];
  /**
   * The questionnaire's driver variables in name order, joined by `&`: the layout of the row its
   * driver × driver pairs are counted in (`rollup_joint`, db/rollups/layout.ts). Absent: the
   * drivers the response's own pairs name.
   */
  jointDrivers?: string;
}

/** The response's value of each dimension; null where it did not say. */
export type Dims = Record<FilterDim, string | null>;

/** What identifies a cell: its cuboid, survey, period and dimensions ('' where not kept). */
export type CellId = { cuboid: string; survey_id: number; period: string } & Record<
  Dimension,
  string
>;

/**
 * `answers`: answers that are not whole numbers, one count per value; `histograms`: whole-number
 * answers, per variable and block of 32 values, the count of each value.
 */
export interface CellDelta extends CellId, AnswerCounts {
  /** The cell's CELL_KEY values joined by KEY_SEPARATOR: the same cell, the same key. */
  key: string;
  n: number;
  /** Per driver, its table in DRIVER_COLUMNS order (driver value major, satisfaction 0–5). */
  drivers: Map<string, number[]>;
  /** Per driver list (`rollup_joint.drivers`), the driver × driver counts by offset. */
  joint: Map<string, Map<number, number>>;
}

/** Per cuboid, which of the cell's dimensions it keeps (the rest are ''). */
const KEEPS = CUBOIDS.map((c) => ({
  cuboid: c,
  /** In FILTER_DIMS order. */
  dims: FILTER_DIMS.map((d) => c.dims.includes(d)),
  segment: c.dims.includes('segment'),
  joint: c.joint,
}));

/** Per driver list, the position of each driver in it. */
const positions = new Map<string, Map<string, number>>();
function positionsOf(drivers: string): Map<string, number> {
  let p = positions.get(drivers);
  if (!p) {
    p = new Map(drivers.split(JOINT_SEPARATOR).map((d, i) => [d, i]));
    if (positions.size > 1000) positions.clear();
    positions.set(drivers, p);
  }
  return p;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A response's driver × satisfaction pairs (by DRIVER_COLUMNS index), and its driver × driver
 * pairs as offsets of its `rollup_joint` row.
 */
function splitPairs(facts: ResponseFacts) {
  const tables: Array<{ driver: string; index: number }> = [];
  const joint: Array<[first: string, second: string, v1: number, v2: number]> = [];
  for (const [driver, dv, ov] of facts.pairs) {
    const cut = driver.indexOf(JOINT_SEPARATOR);
    if (cut < 0) tables.push({ driver, index: driverIndex(dv, ov) });
    else joint.push([driver.slice(0, cut), driver.slice(cut + 1), dv, ov]);
  }
  if (!joint.length) return { tables, drivers: '', offsets: [] };
  const drivers =
    facts.jointDrivers ?? [...new Set(joint.flatMap(([a, b]) => [a, b]))].sort(byName).join('&');
  const at = positionsOf(drivers);
  const k = at.size;
  const offsets = joint.map(([a, b, va, vb]) => {
    const i = at.get(a);
    const j = at.get(b);
    if (i === undefined || j === undefined || i >= j) {
      throw new Error(`driver pair ${a}&${b} is not in the driver list ${drivers}`);
    }
    return jointOffset(k, i, j, va, vb);
  });
  return { tables, drivers, offsets };
}

export class RollupBatch {
  readonly cells = new Map<string, CellDelta>();

  /** A response of `surveyId`, given on the local day `day` (YYYY-MM-DD). */
  add(surveyId: number, dims: Dims, day: string, facts: ResponseFacts): void {
    // What the response adds, worked out once for every cell it goes into.
    const answers = facts.answers.map(([variable, value]) => {
      const slot = histogramSlot(value);
      return {
        variable,
        value,
        slot,
        key: slot ? `${variable}\u0001${slot.base}` : `${variable}\u0001${value}`,
      };
    });
    const { tables: pairs, drivers: jointKey, offsets } = splitPairs(facts);
    const values = FILTER_DIMS.map((d) => dims[d] ?? '');
    for (const keep of KEEPS) {
      const cuboid = keep.cuboid;
      const period = periodOf(cuboid.period, day);
      const cell = { cuboid: cuboid.name, survey_id: surveyId, period } as Omit<CellId, 'segment'>;
      let stem = `${cell.cuboid}${KEY_SEPARATOR}${surveyId}${KEY_SEPARATOR}${period}`;
      FILTER_DIMS.forEach((d, i) => {
        const value = keep.dims[i] ? values[i]! : '';
        cell[d] = value;
        stem += KEY_SEPARATOR + value;
      });
      stem += KEY_SEPARATOR;
      for (const segment of keep.segment ? facts.segments : ['']) {
        const key = stem + segment;
        let delta = this.cells.get(key);
        if (!delta) {
          delta = {
            key,
            ...cell,
            segment,
            n: 0,
            answers: new Map(),
            histograms: new Map(),
            drivers: new Map(),
            joint: new Map(),
          };
          this.cells.set(key, delta);
        }
        delta.n += 1;
        for (const a of answers) {
          if (a.slot) {
            let h = delta.histograms.get(a.key);
            if (!h) {
              h = {
                variable: a.variable,
                base: a.slot.base,
                counts: new Array<number>(BLOCK).fill(0),
              };
              delta.histograms.set(a.key, h);
            }
            h.counts[a.slot.slot]! += 1;
            continue;
          }
          const c = delta.answers.get(a.key);
          if (c) c.n += 1;
          else delta.answers.set(a.key, { variable: a.variable, value: a.value, n: 1 });
        }
        for (const { driver, index } of pairs) {
          let table = delta.drivers.get(driver);
          if (!table) {
            table = new Array<number>(DRIVER_COLUMNS.length).fill(0);
            delta.drivers.set(driver, table);
          }
          table[index]! += 1;
        }
        if (keep.joint && offsets.length) {
          let joint = delta.joint.get(jointKey);
          if (!joint) delta.joint.set(jointKey, (joint = new Map()));
          for (const o of offsets) joint.set(o, (joint.get(o) ?? 0) + 1);
        }
      }
    }
  }
}
