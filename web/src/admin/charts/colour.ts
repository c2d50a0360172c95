/**
 * The colour of a rate on maps and heatmaps: a fixed, colour-blind-safe diverging scale (brown →
 * light → teal, ColorBrewer BrBG) over 20 %…90 %, the same in every view so colours compare.
 */
const STOPS: ReadonlyArray<[number, [number, number, number]]> = [
  [0.2, [140, 81, 10]],
  [0.4, [216, 179, 101]],
  [0.55, [246, 232, 195]],
  [0.7, [128, 205, 193]],
  [0.9, [1, 102, 94]],
];

export const SCALE_MIN = STOPS[0]![0];
export const SCALE_MAX = STOPS[STOPS.length - 1]![0];

function mix(a: number, b: number, t: number): number {
  return Math.round(a + (b - a) * t);
}

export function rateColour(rate: number): string {
  const r = Math.min(SCALE_MAX, Math.max(SCALE_MIN, rate));
  for (let i = 1; i < STOPS.length; i++) {
    const [x1, c1] = STOPS[i]!;
    const [x0, c0] = STOPS[i - 1]!;
    if (r <= x1) {
      const t = (r - x0) / (x1 - x0);
      return `rgb(${mix(c0[0], c1[0], t)}, ${mix(c0[1], c1[1], t)}, ${mix(c0[2], c1[2], t)})`;
    }
  }
  const last = STOPS[STOPS.length - 1]![1];
  return `rgb(${last.join(', ')})`;
}

/**
 * The rate's colour faded towards pale grey as its 95% interval widens, so a rate from 5 answers
 * never looks as strong as one from 900: full strength up to ±4 points, a quarter at ±16 or more.
 */
export function certainColour(rate: number, ci: readonly [number, number] | null): string {
  const base = rateColour(rate);
  if (!ci) return base;
  const half = Math.max(rate - ci[0], ci[1] - rate);
  const strength = Math.min(1, Math.max(0.25, 0.04 / Math.max(half, 1e-9)));
  const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(base);
  if (!m) return base;
  const pale = [243, 244, 246];
  const c = [1, 2, 3].map((i, j) => Math.round(pale[j]! + (Number(m[i]) - pale[j]!) * strength));
  return `rgb(${c.join(', ')})`;
}

/** Black or white text, whichever reads better on the colour (a rate's, or a given rgb()). */
export function textOn(rate: number, colour: string = rateColour(rate)): string {
  const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(colour);
  if (!m) return '#000';
  const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? '#111' : '#fff';
}

/** Quadrant colours of the importance–performance chart. */
export const QUADRANT_COLOUR = {
  concentrate_here: '#c4122f',
  keep_up: '#0b7a56',
  low_priority: '#6b7280',
  above_need: '#2563eb',
  unclear: '#b8bcc4',
} as const;
