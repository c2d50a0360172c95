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

/** Black or white text, whichever reads better on the rate's colour. */
export function textOn(rate: number): string {
  const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(rateColour(rate));
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
