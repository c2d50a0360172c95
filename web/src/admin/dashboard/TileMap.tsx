/**
 * Satisfaction by region on a tile map of Uzbekistan (hand-made SVG grid, tiles.ts). Suppressed
 * regions are hatched with the reason in their tooltip; regions with no data (or outside a
 * manager's scope) are plain grey. Each tile is also described in text for screen readers.
 */
import type { RateRow, SatisfactionReport } from '../api/types';
import { certainColour, rateColour, SCALE_MAX, SCALE_MIN, textOn } from '../charts/colour';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { pct } from '../lib/format';
import { REGIONS } from '../reference/regions';
import { shortName, TILE_COLUMNS, TILE_ROWS, TILES } from './tiles';

const W = 120;
const H = 76;
const GAP = 8;
/** Names longer than this get a smaller font; longer than SQUEEZE, also squeezed to the tile. */
const LONG = 11;
const SQUEEZE = 14;

function describe(
  row: RateRow | undefined,
  k: number,
  s: ReturnType<typeof useLang>['s'],
  lang: ReturnType<typeof useLang>['lang'],
) {
  if (!row || row.n === 0) return s.stats.noData;
  if (row.suppressed) return `${s.stats.suppressed}: ${fmt(s.stats.suppressedHint, { k })}`;
  if (row.rate === null || !row.ci95) return s.stats.noData;
  return `${pct(row.rate, lang)} [${pct(row.ci95[0], lang)}–${pct(row.ci95[1], lang)}], ${fmt(s.stats.n, { n: row.n ?? 0 })}`;
}

export function TileMap({
  report,
  scope,
}: {
  report: SatisfactionReport;
  /** The regions the user may see; null: every region. */
  scope: readonly string[] | null;
}) {
  const { s, lang } = useLang();
  const byRegion = new Map(report.groups.map((g) => [g.group.region ?? '', g]));
  const width = TILE_COLUMNS * (W + GAP);
  const height = TILE_ROWS * (H + GAP) + 56;
  return (
    <figure className="tile-map">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={s.dashboard.map}
        className="tile-svg"
      >
        <defs>
          <pattern
            id="hatch"
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="8" height="8" fill="#e5e7eb" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#9ca3af" strokeWidth="3" />
          </pattern>
        </defs>
        {REGIONS.map((r) => {
          const pos = TILES[r.code];
          if (!pos) return null;
          const row = byRegion.get(r.code);
          const x = pos[0] * (W + GAP);
          const y = pos[1] * (H + GAP);
          const rated = row && !row.suppressed && row.rate !== null;
          const fill = rated
            ? certainColour(row.rate!, row.ci95)
            : row?.suppressed
              ? 'url(#hatch)'
              : '#f3f4f6';
          const ink = rated ? textOn(row.rate!, fill) : '#374151';
          const outside = scope !== null && !scope.includes(r.code);
          const name = shortName(r.names[lang]);
          const text = outside ? s.stats.outOfScope : describe(row, report.k, s, lang);
          return (
            <g
              key={r.code}
              role="img"
              aria-label={`${r.names[lang]}: ${text}`}
              data-region={r.code}
              className={outside ? 'tile-out' : undefined}
            >
              <title>{`${r.names[lang]}: ${text}`}</title>
              <rect
                x={x}
                y={y}
                width={W}
                height={H}
                rx={8}
                fill={fill}
                stroke="#fff"
                strokeWidth={2}
              />
              <text
                x={x + W / 2}
                y={y + 28}
                textAnchor="middle"
                fill={ink}
                className={name.length > LONG ? 'tile-name tile-name-long' : 'tile-name'}
                {...(name.length > SQUEEZE
                  ? { textLength: W - 12, lengthAdjust: 'spacingAndGlyphs' }
                  : {})}
              >
                {name}
              </text>
              <text x={x + W / 2} y={y + 56} textAnchor="middle" fill={ink} className="tile-value">
                {rated ? pct(row.rate!, lang) : row?.suppressed ? s.stats.suppressed : '—'}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${width - 600}, ${TILE_ROWS * (H + GAP) + 6})`} aria-hidden="true">
          {Array.from({ length: 8 }, (_, i) => {
            const v = SCALE_MIN + ((SCALE_MAX - SCALE_MIN) * i) / 7;
            return <rect key={i} x={i * 30} y={0} width={30} height={14} fill={rateColour(v)} />;
          })}
          <text x={0} y={30} className="legend-text">
            {pct(SCALE_MIN, lang)}
          </text>
          <text x={8 * 30} y={30} textAnchor="end" className="legend-text">
            {pct(SCALE_MAX, lang)}
          </text>
          <rect x={270} y={0} width={30} height={14} fill="url(#hatch)" />
          <text x={306} y={12} className="legend-text">
            {s.stats.suppressed}
          </text>
          <rect x={410} y={0} width={30} height={14} fill="#f3f4f6" stroke="#d1d5db" />
          <text x={446} y={12} className="legend-text">
            {s.stats.noData}
          </text>
          <text x={0} y={46} className="legend-text">
            {s.stats.paler}
          </text>
        </g>
      </svg>
    </figure>
  );
}
