/**
 * The public /open page: a plain document with no script (one stylesheet, allowed by its hash),
 * one survey and month at a time (links to the others), in the four languages, with the licence
 * and the download links. Every number comes from openIndicators (already suppressed).
 */
import { htmlPage, inlineCss, styleOnlyCsp } from '../http/html-page.js';
import { escapeHtml } from '../../common/survey/text.js';
import { LANGUAGES, type Lang } from '../../common/survey/types.js';
import type { Registry } from '../repos/registry.js';
import { ALL, type OpenIndicators, type OpenRow } from './indicators.js';
import { OPEN_STRINGS } from './strings.js';

const CSS = inlineCss(`
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f6f5}
.bar{background:#0b6e5a;color:#fff;padding:.5rem 1rem;display:flex;gap:.75rem;flex-wrap:wrap}
.bar a{color:#fff}
.bar a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;line-height:1.3;margin:.25rem 0 .5rem}
h2{font-size:1.0625rem;margin:1rem 0 .5rem}
.pick{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0}
.pick a{padding:.125rem .5rem;border:1px solid #0b6e5a;border-radius:.375rem;color:#0b6e5a;text-decoration:none}
.pick a[aria-current]{background:#0b6e5a;color:#fff}
.scroll{overflow-x:auto;background:#fff;border:1px solid #c9d3cf;border-radius:.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.375rem .5rem;border-bottom:1px solid #e2e8e5;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total th,tr.total td{font-weight:700;background:#eef4f1}
.hidden{color:#6b7a74;font-style:italic}
.note{color:#4a4a4a;font-size:.875rem}
`);

export const OPEN_CSP = styleOnlyCsp(CSS, [
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
]);

const LANGUAGE_NAMES: Record<Lang, string> = {
  uz: 'Oʻzbekcha',
  'uz-Cyrl': 'Ўзбекча',
  ru: 'Русский',
  en: 'English',
};

const pct = (v: number | null) => (v === null ? '' : `${Math.round(v * 100)}%`);
const range = (ci: [number, number] | null, scale: number) =>
  ci ? ` (${Math.round(ci[0] * scale)}–${Math.round(ci[1] * scale)})` : '';

export function renderOpenPage(
  data: OpenIndicators,
  registry: Registry,
  lang: Lang,
  pick: { survey?: string | undefined; month?: string | undefined },
): string {
  const s = OPEN_STRINGS[lang];
  const surveys = [...new Set(data.rows.map((r) => r.survey))];
  const survey = surveys.includes(pick.survey ?? '') ? pick.survey! : surveys[0];
  const months = [...new Set(data.rows.filter((r) => r.survey === survey).map((r) => r.month))];
  const month = months.includes(pick.month ?? '') ? pick.month! : months[months.length - 1];
  const link = (params: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ lang, survey, month, ...params })) if (v) q.set(k, v);
    return `/open?${escapeHtml(q.toString())}`;
  };
  const regionName = (code: string | null) =>
    code === ALL
      ? s.all
      : code === null
        ? s.notStated
        : (registry.regions.find((r) => r.code === code)?.names[lang] ?? code);
  const sectorName = (code: string | null) =>
    code === ALL
      ? s.all
      : code === null
        ? s.notStated
        : (s.sectors[code as keyof typeof s.sectors] ?? code);
  const order = (r: OpenRow) => (r.region === ALL ? 0 : 2) + (r.sector === ALL ? 0 : 1);
  const rows = data.rows
    .filter((r) => r.survey === survey && r.month === month)
    .sort(
      (a, b) => order(a) - order(b) || regionName(a.region).localeCompare(regionName(b.region)),
    );
  const cell = (r: OpenRow, value: string) =>
    r.suppressed
      ? `<td class="num hidden">${escapeHtml(s.suppressed)}</td>`
      : `<td class="num">${escapeHtml(value)}</td>`;
  const body = rows
    .map(
      (r) =>
        `<tr${r.region === ALL || r.sector === ALL ? ' class="total"' : ''}><th scope="row">${escapeHtml(regionName(r.region))}</th><td>${escapeHtml(sectorName(r.sector))}</td>` +
        cell(r, String(r.n ?? '')) +
        cell(
          r,
          r.satisfaction === null ? '—' : pct(r.satisfaction) + range(r.satisfactionCi95, 100),
        ) +
        cell(r, r.coverage === null ? '—' : pct(r.coverage)) +
        cell(r, r.kpi === null ? '—' : `${Math.round(r.kpi)}${range(r.kpiCi95, 1)}`) +
        '</tr>',
    )
    .join('');
  const langs = LANGUAGES.map(
    (l) =>
      `<a href="${link({ lang: l })}" hreflang="${l}"${l === lang ? ' aria-current="page"' : ''}>${LANGUAGE_NAMES[l]}</a>`,
  ).join('');
  const picks = (name: 'survey' | 'month', values: string[], current: string | undefined) =>
    `<nav class="pick" aria-label="${escapeHtml(name === 'survey' ? s.survey : s.month)}">${values
      .map(
        (v) =>
          `<a href="${link({ [name]: v })}"${v === current ? ' aria-current="true"' : ''}>${escapeHtml(v)}</a>`,
      )
      .join('')}</nav>`;
  const table = rows.length
    ? `<h2>${escapeHtml(survey ?? '')} · ${escapeHtml(month ?? '')}</h2><div class="scroll"><table><thead><tr><th scope="col">${escapeHtml(s.region)}</th><th scope="col">${escapeHtml(s.sector)}</th><th scope="col">${escapeHtml(s.n)}</th><th scope="col">${escapeHtml(s.satisfaction)}</th><th scope="col">${escapeHtml(s.coverage)}</th><th scope="col">${escapeHtml(s.kpi)}</th></tr></thead><tbody>${body}</tbody></table></div>`
    : `<p>${escapeHtml(s.none)}</p>`;
  return htmlPage({
    lang,
    title: s.title,
    css: CSS,
    header: langs,
    main: `<h1>${escapeHtml(s.title)}</h1><p>${escapeHtml(s.intro)}</p><p class="note">${escapeHtml(s.protected)}</p><p>${escapeHtml(s.download)}: <a href="/api/open/indicators.csv">CSV</a> · <a href="/api/open/indicators.json">JSON</a></p><p class="note">${escapeHtml(s.licence)}: ${escapeHtml(data.licence)}</p>${surveys.length > 1 ? picks('survey', surveys, survey) : ''}${picks('month', months, month)}${table}<p class="note">${escapeHtml(s.suppressedNote)}</p>`,
  });
}
