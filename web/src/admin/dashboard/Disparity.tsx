/** The gap between the best and worst region and the coefficient of variation across regions. */
import type { BottlenecksReport } from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { num, pct, pp } from '../lib/format';
import { groupLabel } from './groupLabel';

export function Disparity({ disparity }: { disparity: BottlenecksReport['regionalDisparity'] }) {
  const { s, lang } = useLang();
  if (!disparity) return <p className="muted">{s.stats.noData}</p>;
  return (
    <p>
      {fmt(s.bottlenecks.disparityText, {
        best: groupLabel(disparity.best.group, s, lang),
        bestRate: pct(disparity.best.rate, lang),
        worst: groupLabel(disparity.worst.group, s, lang),
        worstRate: pct(disparity.worst.rate, lang),
        gap: pp(disparity.gap, lang),
        cv: disparity.cv === null ? '—' : num(disparity.cv, lang, 2),
      })}{' '}
      <span className={disparity.significant ? 'sig' : 'not-sig'}>
        ({disparity.significant ? s.stats.significant : s.stats.notSignificant})
      </span>
    </p>
  );
}
