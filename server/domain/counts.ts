/**
 * Count histograms: how many answers had each value.
 *
 * Rollups hand the domain counts keyed by the answer value. Keys may be numbers (`4`) or strings
 * (`'4'`, `'na'`); both forms are accepted and treated alike.
 */

/** Answer value → number of answers. */
export type Counts =
  ReadonlyMap<string | number, number> | Readonly<Record<string | number, number | undefined>>;

/** The value that means "not applicable / don't know"; it is excluded from every denominator. */
export const NOT_APPLICABLE = 'na';

function checkCount(key: string, count: number): void {
  if (!Number.isFinite(count) || count < 0) {
    throw new RangeError(`count for ${JSON.stringify(key)} must be a finite number ≥ 0`);
  }
}

/** The entries of a histogram as `[key as string, count]`, skipping zero and missing counts. */
export function countEntries(counts: Counts): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const source: Iterable<[string | number, number | undefined]> =
    counts instanceof Map
      ? (counts as ReadonlyMap<string | number, number>).entries()
      : Object.entries(counts as Record<string, number | undefined>);
  for (const [k, c] of source) {
    if (c === undefined) continue;
    const key = String(k);
    checkCount(key, c);
    if (c > 0) out.push([key, c]);
  }
  return out;
}

/** The count for one value (0 when absent). */
export function countOf(counts: Counts, value: string | number): number {
  let total = 0;
  const key = String(value);
  for (const [k, c] of countEntries(counts)) if (k === key) total += c;
  return total;
}

/**
 * Parses a key as an integer answer value in [min, max]; anything else (na, don't know, blank,
 * out of range, fractional) gives null.
 */
export function integerValue(key: string, min: number, max: number): number | null {
  if (!/^-?\d+$/.test(key.trim())) return null;
  const v = Number(key);
  return Number.isInteger(v) && v >= min && v <= max ? v : null;
}
