/**
 * Adds up, in memory, what a batch of responses contributes to each rollup cell, so a group
 * commit writes each cell once however many of its responses the batch holds.
 */
import { CUBOIDS, type Dimension } from './cuboids.js';
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
  answers: Map<string, { variable: string; value: string; n: number }>;
  pairs: Map<string, { driver: string; driver_value: number; outcome_value: number; n: number }>;
}

export class RollupBatch {
  readonly cells = new Map<string, CellDelta>();

  add(surveyId: number, dims: Dims, stamp: Stamp, facts: ResponseFacts): void {
    for (const cuboid of CUBOIDS) {
      const keep = (d: Dimension) => cuboid.dims.includes(d);
      const segments = keep('segment') ? facts.segments : [''];
      for (const segment of segments) {
        const cell = {
          cuboid: cuboid.name,
          survey_id: surveyId,
          period: cuboid.period === 'month' ? stamp.month : stamp.day,
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
          delta = { ...cell, n: 0, answers: new Map(), pairs: new Map() };
          this.cells.set(key, delta);
        }
        delta.n += 1;
        for (const [variable, value] of facts.answers) {
          const k = `${variable}\u0001${value}`;
          const a = delta.answers.get(k);
          if (a) a.n += 1;
          else delta.answers.set(k, { variable, value, n: 1 });
        }
        for (const [driver, dv, ov] of facts.pairs) {
          const k = `${driver}\u0001${dv}\u0001${ov}`;
          const pr = delta.pairs.get(k);
          if (pr) pr.n += 1;
          else delta.pairs.set(k, { driver, driver_value: dv, outcome_value: ov, n: 1 });
        }
      }
    }
  }
}
