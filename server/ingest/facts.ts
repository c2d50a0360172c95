/**
 * What one validated response adds to the rollups: a count for each answer to a role-bearing
 * question, the driver × satisfaction pairs and the driver × driver pairs (a driver's only record: "don't know" is left out of
 * every denominator, and outcome 0 stands for no satisfaction answer), and the segments the
 * respondent belongs to.
 * Pure: no I/O.
 */
import type { ResponseFacts } from '../../db/rollups/batch.js';
import type { RoleVariable } from '../../common/survey/materialize.js';

export type { ResponseFacts, RoleVariable };

// Free text is not counted; context answers are grouping dimensions of every cell, not answers.
const NOT_COUNTED = new Set([
  'comment',
  'context:region',
  'context:district',
  'context:provider',
  'context:channel',
]);

export function valueOf(data: Record<string, unknown>, v: RoleVariable): unknown {
  const answer = data[v.question];
  if (v.row === undefined) return answer;
  return answer !== null && typeof answer === 'object' && !Array.isArray(answer)
    ? (answer as Record<string, unknown>)[v.row]
    : undefined;
}

function scale5(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5
    ? value
    : null;
}

/**
 * The derived variable that crosses the payment question with its affordability follow-up: one
 * answer `<paid>/<afford>` per response that answered the payment question (the afford part empty
 * when the follow-up was skipped), so the affordability index can count an informal payer against
 * it whatever the follow-up says (server/domain/affordability.ts).
 */
export const affordCrossVariable = (paidVariable: string) => `${paidVariable}/afford`;

/**
 * The driver × driver table of two driver variables, stored like a driver × satisfaction table
 * (db/rollups/layout.ts) under this name: rows = the first variable's value, the "outcome"
 * column = the second's (1–5). The two are in name order, so every questionnaire version names a
 * pair the same way.
 */
export function driverPairVariable(a: string, b: string): string {
  return a < b ? `${a}&${b}` : `${b}&${a}`;
}

/** Whether a driver-table name is a driver × driver pair (it has no answers of its own). */
export const isDriverPair = (name: string) => name.includes('&');

/** The questionnaire's driver variables in name order, joined by `&` (ResponseFacts.jointDrivers). */
const jointDriversOf = new WeakMap<readonly RoleVariable[], string>();
function jointDrivers(vars: readonly RoleVariable[]): string {
  let drivers = jointDriversOf.get(vars);
  if (drivers === undefined) {
    const names = [
      ...new Set(vars.filter((v) => v.role.startsWith('driver:')).map((v) => v.variable)),
    ];
    drivers = names.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).join('&');
    jointDriversOf.set(vars, drivers);
  }
  return drivers;
}

export function extractFacts(
  vars: readonly RoleVariable[],
  data: Record<string, unknown>,
  serviceDays: number | null = null,
): ResponseFacts {
  const facts: ResponseFacts = { answers: [], pairs: [], segments: [] };
  let outcome: number | null = null;
  const drivers: Array<[string, number]> = [];
  let segmentSeen = false;
  let deliverySeen = false;
  let paid: { variable: string; value: string } | null = null;
  let afford: string | null = null;

  for (const v of vars) {
    if (NOT_COUNTED.has(v.role)) continue;
    let value = valueOf(data, v);
    if (v.role === 'delivery_days') {
      // The service-event dates of a one-time link are preferred to the citizen's recollection.
      if (deliverySeen) continue;
      deliverySeen = true;
      if (serviceDays !== null) value = serviceDays;
    }
    if (value === undefined || value === null || value === '') continue;
    if (v.role.startsWith('driver:')) {
      // Drivers are counted only as driver × satisfaction pairs: the distribution of a driver is
      // the margin of its table, so a separate answer count would be written twice.
      const score = scale5(value);
      if (score !== null) drivers.push([v.variable, score]);
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) facts.answers.push([v.variable, String(one)]);
    if (v.role === 'affordability' && paid === null && typeof value === 'string') {
      paid = { variable: v.variable, value };
    }
    if (v.role === 'affordability:afford' && afford === null && typeof value === 'string') {
      afford = value;
    }

    if (v.role === 'satisfaction' && outcome === null) outcome = scale5(value);
    if (v.role.startsWith('segment:') && !segmentSeen) {
      segmentSeen = true;
      facts.segments = values.map(String).filter((s) => s !== 'none');
    }
  }
  if (paid !== null) {
    facts.answers.push([affordCrossVariable(paid.variable), `${paid.value}/${afford ?? ''}`]);
  }
  // Outcome 0: the respondent rated the driver but gave no overall satisfaction.
  for (const [driver, score] of drivers) facts.pairs.push([driver, score, outcome ?? 0]);
  // Every two drivers the respondent rated: the joint tables of the relative weights.
  const sorted = [...drivers].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [a, va] = sorted[i]!;
      const [b, vb] = sorted[j]!;
      facts.pairs.push([driverPairVariable(a, b), va, vb]);
    }
  }
  if (sorted.length > 1) facts.jointDrivers = jointDrivers(vars);
  return facts;
}
