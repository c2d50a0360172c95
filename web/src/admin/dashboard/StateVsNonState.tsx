/** Satisfaction at state providers against all others together, with the difference's interval. */
import type { Comparison } from '../api/types';
import { RangeBar } from '../charts/RangeBar';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { pct, pp, ppRange } from '../lib/format';
import { RateText } from '../ui/RateText';

export function StateVsNonState({ comparison, k }: { comparison: Comparison; k: number }) {
  const { s, lang } = useLang();
  const rows = [
    { label: s.dashboard.state, row: comparison.state },
    { label: s.dashboard.nonState, row: comparison.nonState },
  ];
  return (
    <div className="svn">
      {rows.map(({ label, row }) => (
        <div className="svn-row" key={label}>
          <span className="svn-label">{label}</span>
          {row.rate !== null && !row.suppressed ? (
            <RangeBar
              value={row.rate}
              ci={row.ci95}
              min={0}
              max={1}
              label={`${label}: ${pct(row.rate, lang)}`}
            />
          ) : (
            <span className="range-bar range-empty" />
          )}
          <RateText row={row} k={k} />
        </div>
      ))}
      {comparison.diff !== null && comparison.ci95 && (
        <p className="svn-diff">
          {s.dashboard.difference}:{' '}
          <strong>
            {pp(comparison.diff, lang)} {s.stats.pointsUnit}
          </strong>{' '}
          ({ppRange(comparison.ci95, lang)} {s.stats.pointsUnit}) —{' '}
          <span className={comparison.significant ? 'sig' : 'not-sig'}>
            {comparison.significant ? s.stats.significant : s.stats.notSignificant}
          </span>
        </p>
      )}
      {comparison.adjustedForRegion && (
        <p className="svn-diff">
          {s.dashboard.differenceWithinRegions}:{' '}
          <strong>
            {pp(comparison.adjustedForRegion.diff, lang)} {s.stats.pointsUnit}
          </strong>{' '}
          ({ppRange(comparison.adjustedForRegion.ci95, lang)} {s.stats.pointsUnit}) —{' '}
          <span className={comparison.adjustedForRegion.significant ? 'sig' : 'not-sig'}>
            {comparison.adjustedForRegion.significant
              ? s.stats.significant
              : s.stats.notSignificant}
          </span>
          <br />
          <small>{s.dashboard.differenceWithinRegionsHint}</small>
        </p>
      )}
      {comparison.diff === null && <p className="svn-diff">{fmt(s.stats.suppressedHint, { k })}</p>}
    </div>
  );
}
