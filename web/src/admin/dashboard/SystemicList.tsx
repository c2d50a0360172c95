/**
 * Systemic bottlenecks: groups significantly below the overall rate, ranked by the gap, each with
 * the interval of its difference from the rest (a forest plot around 0) and its top drivers.
 */
import type { BottlenecksReport } from '../api/types';
import { RangeBar } from '../charts/RangeBar';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { pct, pp, ppRange } from '../lib/format';
import { driverName, groupLabel } from './groupLabel';

export function SystemicList({ report }: { report: BottlenecksReport }) {
  const { s, lang } = useLang();
  const sys = report.systemic;
  const groups = [...sys.groups].sort((a, b) => a.gap - b.gap);
  const all = report.overall;
  /** The group's rate minus the rest's: the point estimate the interval belongs to. */
  const vsRest = (g: (typeof groups)[number]) => {
    const restN = (all.n ?? 0) - g.n;
    return restN > 0
      ? g.rate - ((all.satisfied ?? 0) - g.satisfied) / restN
      : g.rate - g.overallRate;
  };
  const extent = Math.max(0.2, ...groups.map((g) => Math.abs(g.vsRestCi95[0])));
  return (
    <div className="systemic">
      {groups.length === 0 ? (
        <p>{s.bottlenecks.systemicNone}</p>
      ) : (
        <ol className="forest">
          {groups.map((g) => {
            const name = groupLabel(g.group, s, lang);
            return (
              <li key={JSON.stringify(g.group)} className="forest-row">
                <span className="forest-name">{name}</span>
                <RangeBar
                  value={vsRest(g)}
                  ci={g.vsRestCi95}
                  min={-extent}
                  max={extent * 0.25}
                  reference={0}
                  tone="bad"
                  label={`${name}: ${pct(g.rate, lang)}; ${fmt(s.bottlenecks.gap, { gap: pp(g.gap, lang) })}; ${ppRange(g.vsRestCi95, lang)} ${s.stats.pointsUnit}`}
                />
                <span className="forest-value">
                  {pct(g.rate, lang)} · {fmt(s.bottlenecks.gap, { gap: pp(g.gap, lang) })}
                </span>
                <span className="chips">
                  {g.concentrateHere.map((d) => (
                    <span key={d.name} className="chip chip-bad">
                      {driverName(d.name, s)}
                    </span>
                  ))}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <p className="footnote">{fmt(s.bottlenecks.systemicNote, { tested: sys.tested })}</p>
    </div>
  );
}
