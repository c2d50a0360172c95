/** Splitting whole numbers exactly: responses over providers and months, satisfaction quotas. Pure. */

/** `total` split in proportion to `weights`, by largest remainder: the parts add up to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * Exact quotas over successive chunks: each chunk gets the counts that bring the running totals
 * closest to the target shares, so the whole is exact up to rounding however it is chunked.
 */
export class QuotaTracker {
  private expected: number[];
  private assigned: number[];

  constructor(private readonly shares: readonly number[]) {
    this.expected = shares.map(() => 0);
    this.assigned = shares.map(() => 0);
  }

  next(size: number): number[] {
    this.expected = this.expected.map((e, i) => e + size * this.shares[i]!);
    const want = this.expected.map((e, i) => Math.max(0, e - this.assigned[i]!));
    const counts = apportion(size, want.some((w) => w > 0) ? want : this.shares);
    counts.forEach((c, i) => (this.assigned[i]! += c));
    return counts;
  }
}

/** The local days of the `days` days ending on `end` (YYYY-MM-DD), grouped by month, oldest first. */
export function monthsEnding(end: string, days: number): { month: string; days: string[] }[] {
  const last = Date.parse(`${end}T00:00:00Z`);
  const out: { month: string; days: string[] }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(last - i * 86_400_000).toISOString().slice(0, 10);
    const month = day.slice(0, 7);
    const current = out[out.length - 1];
    if (current?.month === month) current.days.push(day);
    else out.push({ month, days: [day] });
  }
  return out;
}
