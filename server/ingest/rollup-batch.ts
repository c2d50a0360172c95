/**
 * Adds up, in memory, what a batch of responses contributes to each rollup cell, so a group
 * commit writes each cell once however many of its responses the batch holds.
 */
import { BLOCK, DRIVER_COLUMNS, histogramSlot } from '../../db/rollup-layout.js';
import { CUBOIDS, periodOf, type Dimension } from './cuboids.js';
import type { ResponseFacts } from './facts.js';
import type { Stamp } from './time.js';

export type Dims = Record<Exclude<Dimension, 'segment'>, string | null>;

export interface CellDelta {
  cuboid: string;
  survey_id: number;
  period: string;
  region: string;
  district: string;
  provider: string;
  sector: string;
  channel: string;
  segment: string;
  n: number;
  /** Answers that are not whole numbers, one count per value. */
  answers: Map<string, { variable: string; value: string; n: number }>;
  /** Whole-number answers: per variable and block of 32 values, the count of each value. */
  histograms: Map<string, { variable: string; base: number; counts: number[] }>;
  /** Per driver, its table in DRIVER_COLUMNS order (driver value major, satisfaction 0–5). */
  drivers: Map<string, number[]>;
}

export class RollupBatch {
  readonly cells = new Map<string, CellDelta>();

  add(surveyId: number, dims: Dims, stamp: Stamp, facts: ResponseFacts): void {
    const answers = facts.answers.map(([variable, value]) => ({
      variable,
      value,
      slot: histogramSlot(value),
    }));
    for (const cuboid of CUBOIDS) {
      const keep = (d: Dimension) => cuboid.dims.includes(d);
      const segments = keep('segment') ? facts.segments : [''];
      for (const segment of segments) {
        const cell = {
          cuboid: cuboid.name,
          survey_id: surveyId,
          period: periodOf(cuboid.period, stamp.day),
          region: keep('region') ? (dims.region ?? '') : '',
          district: keep('district') ? (dims.district ?? '') : '',
          provider: keep('provider') ? (dims.provider ?? '') : '',
          sector: keep('sector') ? (dims.sector ?? '') : '',
          channel: keep('channel') ? (dims.channel ?? '') : '',
          segment,
        };
        const key = Object.values(cell).join('\u0001');
        let delta = this.cells.get(key);
        if (!delta) {
          delta = { ...cell, n: 0, answers: new Map(), histograms: new Map(), drivers: new Map() };
          this.cells.set(key, delta);
        }
        delta.n += 1;
        for (const { variable, value, slot } of answers) {
          if (slot) {
            const k = `${variable}\u0001${slot.base}`;
            let h = delta.histograms.get(k);
            if (!h) {
              h = { variable, base: slot.base, counts: new Array<number>(BLOCK).fill(0) };
              delta.histograms.set(k, h);
            }
            h.counts[slot.slot]! += 1;
            continue;
          }
          const k = `${variable}\u0001${value}`;
          const a = delta.answers.get(k);
          if (a) a.n += 1;
          else delta.answers.set(k, { variable, value, n: 1 });
        }
        for (const [driver, dv, ov] of facts.pairs) {
          let table = delta.drivers.get(driver);
          if (!table) {
            table = new Array<number>(DRIVER_COLUMNS.length).fill(0);
            delta.drivers.set(driver, table);
          }
          table[(dv - 1) * 6 + ov]! += 1;
        }
      }
    }
  }
}
