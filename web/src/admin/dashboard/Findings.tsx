/**
 * "Act on this first": the dashboard's ranked findings (GET /api/reports/findings) as plain
 * sentences in the reader's language, each linked to the page that shows its evidence.
 */
import type { Lang } from '../../../../common/survey/types';
import type { Finding, FindingsReport, Registry } from '../api/types';
import { fmt, type Strings } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { Link } from '../lib/router';
import { month, num, pct } from '../lib/format';
import { filterQuery, type Filters } from '../reports/filters';
import { useRegistry } from '../reference/use-registry';
import { groupLabel, driverName } from './groupLabel';

const points = (fraction: number, lang: Lang) => num(Math.abs(fraction) * 100, lang);
const signed = (fraction: number, lang: Lang) =>
  `${fraction < 0 ? '−' : '+'}${num(Math.abs(fraction) * 100, lang)}`;

/** An interval of a gap or change in points: unsigned when wholly on one side of 0. */
function pointsRange(ci: readonly [number, number], lang: Lang): { low: string; high: string } {
  if (ci[1] <= 0) return { low: points(ci[1], lang), high: points(ci[0], lang) };
  if (ci[0] >= 0) return { low: points(ci[0], lang), high: points(ci[1], lang) };
  return { low: signed(ci[0], lang), high: signed(ci[1], lang) };
}

/** One finding as a sentence. */
export function findingText(f: Finding, s: Strings, lang: Lang, registry?: Registry): string {
  if (f.kind === 'change') {
    const interval = f.ci95 ?? [f.diff, f.diff];
    return fmt(f.direction === 'down' ? s.findings.changeDown : s.findings.changeUp, {
      diff: points(f.diff, lang),
      period: month(f.period, lang),
      from: f.from ? month(f.from, lang) : '',
      ...pointsRange(interval, lang),
    });
  }
  const group: Record<string, string> =
    f.kind === 'region-below' ? { region: f.code } : { provider: f.code };
  const interval = f.ci95 ?? [f.gap, f.gap];
  const head = fmt(f.kind === 'region-below' ? s.findings.regionBelow : s.findings.providerBelow, {
    name: groupLabel(group, s, lang, registry),
    rate: f.rate === null ? '—' : pct(f.rate, lang),
    gap: points(f.gap, lang),
    ...pointsRange(interval, lang),
  });
  const driver = f.driver
    ? fmt(s.findings.driverThere, {
        driver: driverName(f.driver.name, s).toLocaleLowerCase(lang),
        performance: f.driver.performance === null ? '—' : pct(f.driver.performance, lang),
      })
    : '';
  return `${head}${driver}.`;
}

/** Where a finding's evidence is: the bottlenecks of its region or provider, or the trend. */
export function evidenceLink(f: Finding, filters: Filters): string {
  if (f.kind === 'change') return `/admin/trend${filterQuery(filters)}`;
  if (f.kind === 'region-below')
    return `/admin/bottlenecks${filterQuery(filters, { group: f.code })}`;
  return `/admin/bottlenecks${filterQuery({ ...filters, provider: f.code })}`;
}

export function Findings({ report, filters }: { report: FindingsReport; filters: Filters }) {
  const { s, lang } = useLang();
  const { registry } = useRegistry();
  if (report.findings.length === 0) return <p className="findings-none">{s.findings.none}</p>;
  return (
    <>
      <ol className="findings">
        {report.findings.map((f, i) => (
          <li key={i} data-finding={f.kind} data-code={f.kind === 'change' ? f.period : f.code}>
            <span className="finding-text">{findingText(f, s, lang, registry)}</span>{' '}
            <Link to={evidenceLink(f, filters)}>{s.findings.evidence}</Link>
          </li>
        ))}
      </ol>
      <p className="findings-note">{s.findings.ranking}</p>
    </>
  );
}
