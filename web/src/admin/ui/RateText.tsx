/** A rate as the API gives it: percent, its 95% interval and n; or suppressed; or no data. */
import type { RateRow } from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { pct, pctRange } from '../lib/format';
import { NoData, Suppressed } from './Suppressed';

export function RateText({
  row,
  k,
  compact = false,
}: {
  row: RateRow;
  k: number;
  compact?: boolean;
}) {
  const { s, lang } = useLang();
  if (row.suppressed) return <Suppressed k={k} />;
  if (row.rate === null || row.n === null) return <NoData />;
  const warn = [
    row.flags.includes('low_n') ? s.stats.lowN : null,
    row.flags.includes('wide_ci') ? s.stats.wideCi : null,
  ].filter(Boolean);
  return (
    <span className="rate-text" title={warn.join('; ') || undefined}>
      <strong>{pct(row.rate, lang)}</strong>
      {!compact && row.ci95 && <span className="rate-ci"> [{pctRange(row.ci95, lang)}]</span>}
      <span className="rate-n"> {fmt(s.stats.n, { n: row.n })}</span>
      {warn.length > 0 && (
        <span className="flag" aria-label={warn.join('; ')}>
          {' '}
          ⚠
        </span>
      )}
    </span>
  );
}
