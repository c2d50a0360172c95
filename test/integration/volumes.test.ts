/**
 * Service volumes and eligible populations (admin only): JSON and CSV uploads, every problem with
 * its row or line and nothing stored on error, the lists, the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';
import { signIn, userSession } from '../helpers/session.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let admin: string;
let sociologist: string;

function send(method: string, path: string, body: string, type: string, cookie = admin) {
  return t.app.request(`/api/admin${path}`, {
    method,
    headers: { 'content-type': type, cookie },
    body,
  });
}

async function json(res: Response, status: number): Promise<Json> {
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

const count = async (table: 'service_volume' | 'eligible_population') =>
  (
    await t.booted.deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  sociologist = await userSession(t.app, admin, 'sofia', 'sociologist');
});

afterAll(async () => {
  await t?.close();
});

describe('service volumes', () => {
  it('are for admins only', async () => {
    const anonymous = await t.app.request('/api/admin/volumes');
    expect(anonymous.status).toBe(401);
    const res = await t.app.request('/api/admin/volumes', { headers: { cookie: sociologist } });
    await json(res, 403);
    const put = send(
      'PUT',
      '/volumes',
      JSON.stringify({ rows: [] }),
      'application/json',
      sociologist,
    );
    await json(await put, 403);
  });

  it('PUT stores JSON rows (null: not recorded), GET lists them, the change is audited', async () => {
    const rows = [
      { provider: 'P-QA-01-1', month: '2026-09', served: 420, offered: 300 },
      { provider: 'P-QA-01-1', month: '2026-10', served: 410, offered: null },
      { provider: 'P-SA-01-1', month: '2026-10', served: null, offered: 150 },
    ];
    const body = await json(
      await send('PUT', '/volumes', JSON.stringify({ rows }), 'application/json'),
      200,
    );
    expect(body).toEqual({ stored: 3, removed: 0 });
    const list = await json(
      await t.app.request('/api/admin/volumes?provider=P-QA-01-1', { headers: { cookie: admin } }),
      200,
    );
    expect(list.rows).toEqual([
      {
        provider: 'P-QA-01-1',
        region: 'UZ-QA',
        district: 'UZ-QA-01',
        sector: 'state',
        month: '2026-09',
        served: 420,
        offered: 300,
      },
      {
        provider: 'P-QA-01-1',
        region: 'UZ-QA',
        district: 'UZ-QA-01',
        sector: 'state',
        month: '2026-10',
        served: 410,
        offered: null,
      },
    ]);
    const audit = await json(
      await t.app.request('/api/admin/audit', { headers: { cookie: admin } }),
      200,
    );
    expect(audit.entries[0]).toMatchObject({
      username: 'admin',
      action: 'volumes.save',
      details: { source: 'json', stored: 3, removed: 0 },
    });
  });

  it('PUT refuses every bad row by its index and stores nothing', async () => {
    const before = await count('service_volume');
    const rows = [
      { provider: 'P-QA-01-1', month: '2026-08', served: 1, offered: 1 },
      { provider: 'P-NOPE', month: '2026-08', served: 1, offered: 1 },
      { provider: 'P-QA-01-1', month: '2026-13', served: -1, offered: 1.5 },
      { provider: 'P-QA-01-1', month: '2026-08', served: 2, offered: 2 },
      { provider: 'P-QA-01-2', month: '2026-08', served: 2, offered: 2, extra: 1 },
    ];
    const body = await json(
      await send('PUT', '/volumes', JSON.stringify({ rows }), 'application/json'),
      400,
    );
    expect(body.error.code).toBe('InvalidBody');
    expect(body.error.message).toBe('4 of 5 rows are not valid; nothing was stored');
    const fields = Object.fromEntries(body.error.fields.map((f: Json) => [f.name, f.message]));
    expect(Object.keys(fields)).toEqual(['rows.1', 'rows.2', 'rows.3', 'rows.4']);
    expect(fields['rows.1']).toContain('"P-NOPE" is not in the registry');
    expect(fields['rows.2']).toContain('month must be YYYY-MM');
    expect(fields['rows.2']).toContain('served must be a whole number');
    expect(fields['rows.2']).toContain('offered must be a whole number');
    expect(fields['rows.3']).toBe('P-QA-01-1 2026-08 is already given in rows.0');
    expect(fields['rows.4']).toBe('unknown field "extra"');
    expect(await count('service_volume')).toBe(before);
  });

  it('POST volumes.csv stores an upload (BOM, CRLF, quotes); a row with no value removes its key', async () => {
    const csv =
      '\uFEFFprovider,month,served,offered\r\n' +
      '"P-BU-01-1",2026-10,100,80\r\n' +
      'P-BU-01-2,2026-10,,40\r\n' +
      'P-QA-01-1,2026-10,,\r\n';
    const body = await json(
      await send('POST', '/volumes.csv', csv, 'text/csv; charset=utf-8'),
      200,
    );
    expect(body).toEqual({ stored: 2, removed: 1 });
    const list = await json(
      await t.app.request('/api/admin/volumes?from=2026-10&to=2026-10', {
        headers: { cookie: admin },
      }),
      200,
    );
    expect(list.rows.map((r: Json) => [r.provider, r.served, r.offered])).toEqual([
      ['P-BU-01-1', 100, 80],
      ['P-BU-01-2', null, 40],
      ['P-SA-01-1', null, 150],
    ]);
  });

  it('POST volumes.csv names every bad line and stores nothing', async () => {
    const before = await count('service_volume');
    const csv = [
      'provider,month,served,offered',
      'P-TK-01-1,2026-10,10,10',
      'P-TK-01-1,10/2026,10,10',
      '',
      'P-XX,2026-10,1 000,10',
      'P-TK-01-2,2026-10,10,10,oops',
      'P-TK-01-2,2026-11,"12,5",10',
    ].join('\n');
    const body = await json(await send('POST', '/volumes.csv', csv, 'text/csv'), 400);
    expect(body.error.fields.map((f: Json) => f.name)).toEqual([
      'line 3',
      'line 5',
      'line 6',
      'line 7',
    ]);
    const [l3, l5, l6, l7] = body.error.fields.map((f: Json) => f.message);
    expect(l3).toContain('month must be YYYY-MM (got "10/2026")');
    expect(l5).toContain('"P-XX" is not in the registry');
    expect(l5).toContain('served must be a whole number');
    expect(l6).toContain('unknown field "column 5"');
    expect(l7).toContain('served must be a whole number');
    expect(await count('service_volume')).toBe(before);
  });

  it('POST volumes.csv refuses a bad header, malformed CSV and other content types', async () => {
    const header = await json(
      await send(
        'POST',
        '/volumes.csv',
        'provider,month,served\nP-TK-01-1,2026-10,1\n',
        'text/csv',
      ),
      400,
    );
    expect(header.error.fields).toEqual([
      {
        name: 'line 1',
        message: 'missing column "offered"; expected provider,month,served,offered',
      },
    ]);
    const quote = await json(
      await send(
        'POST',
        '/volumes.csv',
        'provider,month,served,offered\nP-TK-01-1,"2026-10,1,1\n',
        'text/csv',
      ),
      400,
    );
    expect(quote.error.fields[0].name).toMatch(/^line \d+$/);
    const type = await send(
      'POST',
      '/volumes.csv',
      'provider,month,served,offered\n',
      'application/json',
    );
    await json(type, 415);
    const putCsv = await send('PUT', '/volumes', 'provider,month\n', 'text/csv');
    await json(putCsv, 415);
  });
});

describe('eligible populations', () => {
  it('PUT and CSV store regions and districts by year; errors name the row or line', async () => {
    const put = await send(
      'PUT',
      '/populations',
      JSON.stringify({
        rows: [
          { area: 'UZ-QA', year: 2026, eligible: 52000 },
          { area: 'UZ-QA-01', year: 2026, eligible: 9000 },
        ],
      }),
      'application/json',
    );
    expect(await json(put, 200)).toEqual({ stored: 2, removed: 0 });
    const csv = 'area,year,eligible\nUZ-SA,2026,61000\nUZ-SA,2025,60000\n';
    expect(await json(await send('POST', '/populations.csv', csv, 'text/csv'), 200)).toEqual({
      stored: 2,
      removed: 0,
    });
    const list = await json(
      await t.app.request('/api/admin/populations?year=2026', { headers: { cookie: admin } }),
      200,
    );
    expect(list.rows).toEqual([
      { area: 'UZ-QA', year: 2026, eligible: 52000 },
      { area: 'UZ-QA-01', year: 2026, eligible: 9000 },
      { area: 'UZ-SA', year: 2026, eligible: 61000 },
    ]);
    const before = await count('eligible_population');
    const bad = 'area,year,eligible\nUZ-ZZ,2026,5\nUZ-SA,26,5\nUZ-SA,2024,-5\n';
    const body = await json(await send('POST', '/populations.csv', bad, 'text/csv'), 400);
    expect(body.error.fields.map((f: Json) => f.name)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(await count('eligible_population')).toBe(before);
    const audit = await json(
      await t.app.request('/api/admin/audit', { headers: { cookie: admin } }),
      200,
    );
    expect(audit.entries[0]).toMatchObject({
      action: 'populations.save',
      details: { source: 'csv', stored: 2 },
    });
  });
});

describe('in the indicators report', () => {
  it('response rate = responses / offered and coverage = served per month × 12 / eligible per year; null where not recorded', async () => {
    const { submitOn } = await import('../helpers/submissions.js');
    const drivers = {
      timeliness: 4,
      ease: 4,
      information: 4,
      courtesy: 4,
      fairness: 4,
      accessibility: 4,
      outcome: 4,
    };
    const at = (provider: string, n: number) =>
      Array.from({ length: n }, () => ({
        link: { provider, channel: 'centre' },
        answers: { satisfaction: 4, drivers },
      }));
    await submitOn(t, '2026-09-10', [...at('P-NG-01-1', 6), ...at('P-NG-01-2', 4)]);
    await json(
      await send(
        'PUT',
        '/volumes',
        JSON.stringify({
          rows: [{ provider: 'P-NG-01-1', month: '2026-09', served: 80, offered: 60 }],
        }),
        'application/json',
      ),
      200,
    );
    await json(
      await send(
        'PUT',
        '/populations',
        JSON.stringify({ rows: [{ area: 'UZ-NG', year: 2026, eligible: 1000 }] }),
        'application/json',
      ),
      200,
    );
    const indicators = async (q: string) =>
      json(
        await t.app.request(
          `/api/reports/indicators?survey=social-services&from=2026-09-01&to=2026-09-30&region=UZ-NG${q}&exact=1`,
          { headers: { cookie: admin } },
        ),
        200,
      );
    const byProvider = await indicators('&groupBy=provider');
    const rows = new Map(byProvider.groups.map((g: Json) => [g.group.provider, g]));
    expect(rows.get('P-NG-01-1')).toMatchObject({ responseRate: 6 / 60, coverage: null });
    expect(rows.get('P-NG-01-2')).toMatchObject({ responseRate: null, coverage: null });
    // Coverage is a monthly figure: one month's 80 served, as a year's worth, of 1000 eligible.
    expect(byProvider.overall).toMatchObject({ responseRate: 10 / 60, coverage: (80 * 12) / 1000 });
    const byRegion = await indicators('&groupBy=region');
    expect(byRegion.groups[0]).toMatchObject({
      group: { region: 'UZ-NG' },
      coverage: (80 * 12) / 1000,
    });
    const byChannel = await indicators('&groupBy=channel');
    expect(byChannel.groups[0]).toMatchObject({ responseRate: null, coverage: null });
    const otherMonth = await json(
      await t.app.request(
        '/api/reports/indicators?survey=social-services&from=2026-08-01&to=2026-08-31&region=UZ-NG&exact=1',
        { headers: { cookie: admin } },
      ),
      200,
    );
    expect(otherMonth.overall).toMatchObject({ responseRate: null, coverage: null });
  });
});
