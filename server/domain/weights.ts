/**
 * Post-stratification weights (docs/weights.md): respondents stand for the people each provider
 * served in each month, so a busy clinic's many answers do not outvote a quiet district's few.
 * Pure; no I/O.
 *
 * A weighting cell is one provider in one month: n_c respondents, N_c people served (the service
 * volumes). Each respondent of the cell gets
 *
 * 1. **Cell weighting**, w_c = N_c / n_c, when n_c ≥ `minCell` and N_c is recorded (> 0).
 * 2. **Raking** (iterative proportional fitting) when the cell is too small (n_c < `minCell`): the
 *    small cells are pooled, and their respondents' weights are fitted, one weight per region ×
 *    sector class, so that the weighted respondents of the small cells match the served totals of
 *    those cells on two margins: per region and per sector (Deming & Stephan 1940). Alternate the
 *    two adjustments until both margins agree within `tolerance`.
 * 3. **The mean weight** ΣN / Σn of the weighted cells when N_c is not recorded (or is 0 while
 *    there are respondents): such respondents count as an average respondent, neither more nor
 *    less. Their share is reported as `unrecorded`.
 * 4. **Trimming** at `cap` × the mean weight (default 5): weights above the cap are set to it and
 *    the excess is spread over the others in proportion to their weights, so the weighted total is
 *    unchanged; repeated until no weight exceeds the cap (Potter 1990; Kish 1992).
 *
 * A weighted rate over a set of cells with x_c "yes" of m_c valid answers is Σ w_c x_c / Σ w_c m_c,
 * with Kish's effective sample size n_eff = (Σ w_c m_c)² / Σ w_c² m_c, its Wilson interval
 * computed with n_eff in place of n, and the design effect deff = Σ m_c / n_eff (Kish 1965).
 */
import { wilson, type Interval } from './wilson.js';

export interface WeightCell {
  /** The cell's key (e.g. `provider|month`). */
  key: string;
  region: string | null;
  sector: string | null;
  /** Respondents in the cell. */
  n: number;
  /** People served in the cell; null: not recorded. */
  population: number | null;
}

export interface WeightOptions {
  /** Cells with fewer respondents are raked instead of weighted alone (default 5). */
  minCell?: number;
  /** Weights are trimmed at this multiple of the mean weight (default 5). */
  cap?: number;
  /** Raking stops when every margin is within this relative error (default 1e-10). */
  tolerance?: number;
  /** Raking stops after this many rounds (default 100). */
  maxRounds?: number;
}

export type WeightMethod = 'cell' | 'raked' | 'mean';

export interface CellWeight {
  weight: number;
  method: WeightMethod;
  trimmed: boolean;
}

export interface Weights {
  /** The weight of each cell's respondents, by key (cells with n = 0 have none). */
  cells: Map<string, CellWeight>;
  /** Respondents whose cell has no recorded volume (they got the mean weight). */
  unrecorded: number;
  /** The trimming cap that was applied (the weight, not the multiple); null with no weights. */
  cap: number | null;
  /** Raking rounds used (0 when no cell was raked). */
  rounds: number;
}

export const DEFAULT_MIN_WEIGHT_CELL = 5;
export const DEFAULT_WEIGHT_CAP = 5;

/**
 * Raking of the small cells: one factor per region × sector class, fitted so that the weighted
 * respondents match the served totals per region and per sector.
 */
function rake(
  small: readonly WeightCell[],
  tolerance: number,
  maxRounds: number,
): { weights: Map<string, number>; rounds: number } {
  interface Class {
    margins: [region: string, sector: string];
    n: number;
    factor: number;
  }
  const classes = new Map<string, Class>();
  const classOf = (c: WeightCell) => `${c.region ?? ''}\u0000${c.sector ?? ''}`;
  const targets = [new Map<string, number>(), new Map<string, number>()];
  for (const c of small) {
    const margins: Class['margins'] = [c.region ?? '', c.sector ?? ''];
    let cls = classes.get(classOf(c));
    if (!cls) classes.set(classOf(c), (cls = { margins, n: 0, factor: 1 }));
    cls.n += c.n;
    margins.forEach((m, i) => targets[i]!.set(m, (targets[i]!.get(m) ?? 0) + c.population!));
  }
  let rounds = 0;
  while (rounds < maxRounds) {
    rounds++;
    let worst = 0;
    for (const i of [0, 1] as const) {
      const now = new Map<string, number>();
      for (const cls of classes.values()) {
        const m = cls.margins[i];
        now.set(m, (now.get(m) ?? 0) + cls.factor * cls.n);
      }
      for (const cls of classes.values()) {
        const ratio = targets[i]!.get(cls.margins[i])! / now.get(cls.margins[i])!;
        worst = Math.max(worst, Math.abs(ratio - 1));
        cls.factor *= ratio;
      }
    }
    if (worst <= tolerance) break;
  }
  const weights = new Map<string, number>();
  for (const c of small) weights.set(c.key, classes.get(classOf(c))!.factor);
  return { weights, rounds };
}

/** Trims weights at `cap` × their mean, keeping Σ w n; repeated until none is above the cap. */
function trim(
  cells: readonly { key: string; n: number }[],
  weights: Map<string, number>,
  capFactor: number,
): { trimmed: Set<string>; cap: number | null } {
  const trimmed = new Set<string>();
  let total = 0;
  let n = 0;
  for (const c of cells) {
    total += weights.get(c.key)! * c.n;
    n += c.n;
  }
  if (n === 0) return { trimmed, cap: null };
  const cap = (capFactor * total) / n;
  for (let round = 0; round < cells.length + 1; round++) {
    const over = cells.filter((c) => !trimmed.has(c.key) && weights.get(c.key)! > cap);
    if (over.length === 0) break;
    for (const c of over) {
      weights.set(c.key, cap);
      trimmed.add(c.key);
    }
    // Spread the excess over the untrimmed weights, in proportion to them.
    let fixed = 0;
    let free = 0;
    for (const c of cells) {
      const w = weights.get(c.key)! * c.n;
      if (trimmed.has(c.key)) fixed += w;
      else free += w;
    }
    if (free === 0) break;
    const scale = (total - fixed) / free;
    for (const c of cells) {
      if (!trimmed.has(c.key)) weights.set(c.key, weights.get(c.key)! * scale);
    }
  }
  return { trimmed, cap };
}

/** The post-stratification weight of every cell with respondents. */
export function postStratify(cells: readonly WeightCell[], options: WeightOptions = {}): Weights {
  const minCell = options.minCell ?? DEFAULT_MIN_WEIGHT_CELL;
  const capFactor = options.cap ?? DEFAULT_WEIGHT_CAP;
  const withRespondents = cells.filter((c) => c.n > 0);
  const recorded = (c: WeightCell) => c.population !== null && c.population > 0;
  const weights = new Map<string, number>();
  const method = new Map<string, WeightMethod>();

  const large = withRespondents.filter((c) => recorded(c) && c.n >= minCell);
  const small = withRespondents.filter((c) => recorded(c) && c.n < minCell);
  for (const c of large) {
    weights.set(c.key, c.population! / c.n);
    method.set(c.key, 'cell');
  }
  let rounds = 0;
  if (small.length) {
    const raked = rake(small, options.tolerance ?? 1e-10, options.maxRounds ?? 100);
    rounds = raked.rounds;
    for (const [key, w] of raked.weights) {
      weights.set(key, w);
      method.set(key, 'raked');
    }
  }
  // Respondents in cells with no recorded volume: the mean weight of the rest (1 if none).
  let population = 0;
  let respondents = 0;
  for (const c of [...large, ...small]) {
    population += c.population!;
    respondents += c.n;
  }
  const mean = respondents > 0 ? population / respondents : 1;
  let unrecorded = 0;
  for (const c of withRespondents) {
    if (recorded(c)) continue;
    weights.set(c.key, mean);
    method.set(c.key, 'mean');
    unrecorded += c.n;
  }
  const { trimmed, cap } = trim(withRespondents, weights, capFactor);
  const out = new Map<string, CellWeight>();
  for (const c of withRespondents) {
    out.set(c.key, {
      weight: weights.get(c.key)!,
      method: method.get(c.key)!,
      trimmed: trimmed.has(c.key),
    });
  }
  return { cells: out, unrecorded, cap, rounds };
}

/** One cell's contribution to a weighted rate: its weight, x "yes" of m valid answers. */
export interface WeightedPart {
  weight: number;
  x: number;
  m: number;
}

export interface WeightedRate {
  /** Σ m: the unweighted number of valid answers. */
  n: number;
  /** Σ w x / Σ w m; null with no valid answer. */
  rate: number | null;
  /** Kish's effective sample size (Σ w m)² / Σ w² m; null with no valid answer. */
  nEff: number | null;
  /** n / n_eff; null with no valid answer. */
  designEffect: number | null;
  /** The Wilson interval of `rate` with n_eff in place of n. */
  ci95: Interval | null;
}

/** The weighted rate of a group from its cells' weights and counts. */
export function weightedRate(parts: readonly WeightedPart[]): WeightedRate {
  let n = 0;
  let sw = 0;
  let swx = 0;
  let sw2 = 0;
  for (const p of parts) {
    if (p.m === 0) continue;
    n += p.m;
    sw += p.weight * p.m;
    swx += p.weight * p.x;
    sw2 += p.weight * p.weight * p.m;
  }
  if (n === 0 || sw === 0) {
    return { n, rate: null, nEff: null, designEffect: null, ci95: null };
  }
  const rate = swx / sw;
  const nEff = (sw * sw) / sw2;
  return { n, rate, nEff, designEffect: n / nEff, ci95: wilsonEff(rate, nEff) };
}

/** The Wilson interval of a proportion p with an effective sample size (not a whole number). */
export function wilsonEff(p: number, nEff: number): Interval | null {
  if (!(nEff > 0)) return null;
  const clamped = Math.min(1, Math.max(0, p));
  return wilson(clamped * nEff, nEff);
}
