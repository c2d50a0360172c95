/**
 * Open data on demo data, without a session: the JSON, the CSV and the /open page in four
 * languages carry protected figures only; no published row has n under k; and an attacker who
 * takes every month's published totals (all regions, all sectors, each region, each sector) and
 * subtracts the published cells, again and again, works out no hidden row. Cached (ETag, 304) and
 * rate limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp } from '../helpers/demo-app.js';
import { ALL, type OpenIndicators, type OpenRow } from '../../server/open/indicators.js';
import { testApp, type TestApp } from '../helpers/app.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
let t: TestApp;
let data: OpenIndicators;

beforeAll(async () => {
  // Few answers a month for 14 regions × 4 sectors: many cells under k, whatever the noise.
  t = await demoTestApp({ responses: 1500, end: '2026-10-31', days: 120, validate: 50 }, NOW);
  const res = await t.app.request('/api/open/indicators.json');
  expect(res.status).toBe(200);
  data = (await res.json()) as OpenIndicators;
}, 300_000);

afterAll(async () => {
  await t?.close();
});

/** Each month's lines: every row of a region with its total, of a sector, and the margins. */
function lines(rows: OpenRow[]): OpenRow[][] {
  const out: OpenRow[][] = [];
  const byMonth = new Map<string, OpenRow[]>();
  for (const r of rows)
    byMonth.set(`${r.survey} ${r.month}`, [...(byMonth.get(`${r.survey} ${r.month}`) ?? []), r]);
  for (const month of byMonth.values()) {
    const cells = month.filter((r) => r.region !== ALL && r.sector !== ALL);
    const regionTotals = month.filter((r) => r.region !== ALL && r.sector === ALL);
    const sectorTotals = month.filter((r) => r.region === ALL && r.sector !== ALL);
    const grand = month.filter((r) => r.region === ALL && r.sector === ALL);
    expect(grand).toHaveLength(1);
    for (const total of regionTotals) {
      out.push([...cells.filter((c) => c.region === total.region), total]);
    }
    for (const total of sectorTotals) {
      out.push([...cells.filter((c) => c.sector === total.sector), total]);
    }
    out.push([...regionTotals, grand[0]!], [...sectorTotals, grand[0]!]);
  }
  return out;
}

describe('open indicators', () => {
  it('publishes protected monthly figures by region and sector with intervals and a licence', () => {
    expect(data.figures).toBe('perturbed');
    expect(data.licence).toMatch(/CC BY 4\.0/);
    const shown = data.rows.filter((r) => !r.suppressed);
    const hidden = data.rows.filter((r) => r.suppressed);
    expect(new Set(data.rows.map((r) => r.month)).size).toBeGreaterThanOrEqual(3);
    expect(shown.length).toBeGreaterThan(20);
    expect(hidden.length).toBeGreaterThan(0);
    // Under the display threshold (OVOZ_DISPLAY_MIN_N, 10) a protected row shows its n only.
    const displayMinN = t.booted.deps.config.displayMinN;
    for (const r of shown.filter((x) => x.n! < displayMinN)) {
      expect([r.satisfaction, r.coverage, r.kpi]).toEqual([null, null, null]);
    }
    for (const r of shown.filter((x) => x.n! >= displayMinN)) {
      expect(r.satisfaction).not.toBeNull();
      expect(r.satisfactionCi95![0]).toBeLessThanOrEqual(r.satisfaction!);
      expect(r.satisfactionCi95![1]).toBeGreaterThanOrEqual(r.satisfaction!);
    }
    expect(shown.some((r) => r.coverage !== null && r.kpi !== null && r.kpiCi95 !== null)).toBe(
      true,
    );
    for (const r of hidden) {
      expect([r.n, r.satisfaction, r.satisfactionCi95, r.coverage, r.kpi, r.kpiCi95]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    }
  });

  it('shows no row under k', () => {
    for (const r of data.rows) if (!r.suppressed) expect(r.n!).toBeGreaterThanOrEqual(data.k);
  });

  it('lets no hidden row be worked out from the totals less the published rows', () => {
    const all = lines(data.rows);
    // Totals minus published cells: a line with exactly one hidden member would give it away.
    for (const line of all) expect(line.filter((r) => r.suppressed).length).not.toBe(1);
    // Repeatedly: whatever a line gives away becomes known and is used in the next lines.
    const known = new Set(data.rows.filter((r) => !r.suppressed));
    for (let changed = true; changed;) {
      changed = false;
      for (const line of all) {
        const unknown = line.filter((r) => !known.has(r));
        if (unknown.length === 1) {
          known.add(unknown[0]!);
          changed = true;
        }
      }
    }
    expect(data.rows.filter((r) => r.suppressed && known.has(r))).toEqual([]);
  });

  it('serves the same rows as CSV with the licence, cached, and answers 304 to its ETag', async () => {
    const res = await t.app.request('/api/open/indicators.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age/);
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^# .*CC BY 4\.0/);
    expect(lines[1]).toMatch(/^survey,month,region,sector,n,satisfaction,/);
    expect(lines).toHaveLength(data.rows.length + 2);
    const etag = res.headers.get('etag')!;
    const again = await t.app.request('/api/open/indicators.csv', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it.each([
    ['uz', 'Ochiq maʼlumotlar', 'yashirilgan'],
    ['uz-Cyrl', 'Очиқ маълумотлар', 'яширилган'],
    ['ru', 'Открытые данные', 'скрыто'],
    ['en', 'Open data', 'hidden'],
  ])('shows the page in %s, hidden rows without numbers', async (lang, title, hiddenWord) => {
    const month = [...new Set(data.rows.map((r) => r.month))].sort()[0]!;
    const res = await t.app.request(`/open?lang=${encodeURIComponent(lang)}&month=${month}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html).toContain(`lang="${lang}"`);
    expect(html).toContain(title);
    expect(html).toContain('CC BY 4.0');
    const rows = data.rows.filter((r) => r.month === month && r.survey === data.rows[0]!.survey);
    const hiddenCells = html.split(`class="num hidden">${hiddenWord}<`).length - 1;
    // Four figures a row: answers, satisfaction, coverage, KPI.
    expect(hiddenCells).toBe(rows.filter((r) => r.suppressed).length * 4);
  });
});

describe('open data limits', () => {
  it('needs no session and is rate limited per address', async () => {
    const limited = await testApp({ OVOZ_RATE_LIMIT: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await limited.app.request('/api/open/indicators.json')).status);
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
