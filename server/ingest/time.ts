/** Submission time, coarsened so a response cannot be matched to a visit by its timestamp. */

export interface Stamp {
  /** UTC, coarsened to the hour: 2026-11-22T07:00:00.000Z */
  hour: string;
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
}

export function stamp(now: Date, utcOffsetMinutes: number): Stamp {
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString();
  return { hour: hour.toISOString(), day: local.slice(0, 10) };
}

/**
 * Submission time coarsened to the local day (its `hour` is the day's local midnight, in UTC):
 * for a response through a one-time link, whose issuer knows where and when the service was
 * given, nothing finer than the day is kept.
 */
export function dayStamp(now: Date, utcOffsetMinutes: number): Stamp {
  const offsetMs = utcOffsetMinutes * 60_000;
  const midnight = Math.floor((now.getTime() + offsetMs) / 86_400_000) * 86_400_000 - offsetMs;
  return { hour: new Date(midnight).toISOString(), day: stamp(now, utcOffsetMinutes).day };
}
