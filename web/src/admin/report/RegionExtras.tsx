/**
 * What a region's printed page adds under its drivers: satisfaction by month on the same 0–100 %
 * axis as every other region's, and three comments of its respondents (k-gated and masked by the
 * server, masked here again), preferring those who rated the region's focus driver lowest.
 */
import type { TrendReport } from '../api/types';
import type { CommentItem, CommentsReport } from '../api/types';
import { TrendChart } from '../charts/TrendChart';
import { useLang } from '../i18n/lang';
import { month } from '../lib/format';
import { maskPersonalData } from '../lib/mask';
import type { Filters } from '../reports/filters';
import { useReport } from '../reports/use-report';

/** How many comments a region's page quotes. */
const QUOTED = 3;

/** Up to `count` comments, those whose respondent rated `focus` lowest first, then the newest. */
export function representative(
  comments: readonly CommentItem[],
  focus: string | null,
  count = QUOTED,
): CommentItem[] {
  const about = comments.filter((c) => focus !== null && c.lowest.includes(focus));
  const rest = comments.filter((c) => !about.includes(c));
  return [...about, ...rest].slice(0, count);
}

export function RegionExtras({
  region,
  trend,
  filters,
  focus,
}: {
  region: string | null;
  trend: TrendReport | undefined;
  filters: Filters;
  focus: string | null;
}) {
  const { s, lang } = useLang();
  const comments = useReport<CommentsReport>(
    'comments',
    region ? { ...filters, region } : filters,
    { limit: '40' },
  );
  const series = trend?.series.find((x) => (x.group.region ?? null) === region);
  const quoted = representative(comments.data?.comments ?? [], focus);
  return (
    <div className="report-extras">
      {series && (
        <div className="report-trend">
          <h3>{s.report.regionTrend}</h3>
          <TrendChart
            series={[{ label: s.report.regionTrend, points: series.points }]}
            periods={series.points.map((p) => p.period ?? '')}
            periodLabel={(p) => month(p, lang)}
            height={130}
          />
        </div>
      )}
      <h3>{s.report.voices}</h3>
      {comments.data && quoted.length === 0 ? (
        <p className="muted">{s.report.noVoices}</p>
      ) : (
        <ul className="report-voices" data-loaded={comments.data ? 'true' : 'false'}>
          {quoted.map((c, i) => (
            <li key={i} lang={c.lang}>
              <q>{maskPersonalData(c.text)}</q>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
