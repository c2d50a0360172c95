/**
 * One row of a forest plot in plain HTML: a value as a dot and its 95% interval as a bar on a
 * fixed scale, with an optional reference line (the overall rate, or 0 for a difference).
 */
const clamp = (v: number) => Math.min(100, Math.max(0, v));

export function RangeBar({
  value,
  ci,
  min,
  max,
  reference,
  tone = 'neutral',
  label,
}: {
  value: number;
  ci: readonly [number, number] | null;
  min: number;
  max: number;
  reference?: number;
  tone?: 'neutral' | 'bad' | 'good';
  /** Read by screen readers instead of the drawing. */
  label: string;
}) {
  const at = (v: number) => clamp(((v - min) / (max - min)) * 100);
  return (
    <span className={`range-bar range-${tone}`} role="img" aria-label={label} title={label}>
      {reference !== undefined && (
        <span className="range-ref" style={{ left: `${at(reference)}%` }} />
      )}
      {ci && (
        <span
          className="range-ci"
          style={{ left: `${at(ci[0])}%`, width: `${Math.max(0.5, at(ci[1]) - at(ci[0]))}%` }}
        />
      )}
      <span className="range-dot" style={{ left: `${at(value)}%` }} />
    </span>
  );
}
