/** The registry API: reads, PUT of districts and providers, CSV export and all-or-nothing import. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latinToCyrillic } from '../../common/survey/translit.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { auditEntries, call, errorOf, signIn, userSession } from '../helpers/session.js';

let t: TestApp;
let admin: string;
let sociologist: string;
let manager: string;

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  sociologist = await userSession(t.app, admin, 'sofia', 'sociologist');
  manager = await userSession(t.app, admin, 'mansur', 'manager', ['UZ-SA']);
});
afterAll(async () => {
  await t.close();
});

const names = (uz: string) => ({ uz, ru: `${uz} (ru)`, en: `${uz} (en)` });

interface Provider {
  code: string;
  district: string;
  region: string;
  sector: string;
  names: Record<string, string>;
}

const providers = async (cookie = sociologist) =>
  (
    (await (await call(t.app, 'GET', '/api/admin/registry/providers', cookie)).json()) as {
      providers: Provider[];
    }
  ).providers;

/** The choices citizens are offered for the social-services survey's provider question. */
async function providerChoices(): Promise<string[]> {
  const res = await t.app.request('/api/public/surveys/social-services');
  const { json } = (await res.json()) as {
    json: { pages: { elements: { role?: string; choices?: { value: string }[] }[] }[] };
  };
  const q = json.pages.flatMap((p) => p.elements).find((e) => e.role === 'context:provider');
  return q!.choices!.map((c) => c.value);
}

describe('reading the registry', () => {
  it('regions, districts and providers with names in four languages', async () => {
    const regions = await call(t.app, 'GET', '/api/admin/registry/regions', sociologist);
    expect(regions.status).toBe(200);
    const r = ((await regions.json()) as { regions: { code: string; names: object }[] }).regions;
    expect(r).toHaveLength(14);
    expect(r.find((x) => x.code === 'UZ-SA')!.names).toMatchObject({ en: 'Samarkand Region' });

    const districts = await call(t.app, 'GET', '/api/admin/registry/districts', admin);
    const d = ((await districts.json()) as { districts: { code: string; region: string }[] })
      .districts;
    expect(d.find((x) => x.code === 'UZ-SA-01')).toMatchObject({ region: 'UZ-SA' });

    expect((await providers()).find((p) => p.code === 'P-SA-01-1')).toMatchObject({
      district: 'UZ-SA-01',
      region: 'UZ-SA',
      sector: 'state',
    });
  });
});

describe('PUT districts and providers', () => {
  it('creates a district (201), derives uz-Cyrl, updates it (200), audits', async () => {
    const created = await call(t.app, 'PUT', '/api/admin/registry/districts/UZ-SA-99', admin, {
      region: 'UZ-SA',
      names: names('Yangi tuman'),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      district: {
        code: 'UZ-SA-99',
        region: 'UZ-SA',
        names: { ...names('Yangi tuman'), 'uz-Cyrl': latinToCyrillic('Yangi tuman') },
      },
    });
    const updated = await call(t.app, 'PUT', '/api/admin/registry/districts/UZ-SA-99', admin, {
      region: 'UZ-SA',
      names: { ...names('Yangiobod tumani'), 'uz-Cyrl': 'Янгиобод тумани' },
    });
    expect(updated.status).toBe(200);
    const actions = (await auditEntries(t.app, admin)).map((e) => `${e.action} ${e.target}`);
    expect(actions).toContain('registry.district.create UZ-SA-99');
    expect(actions).toContain('registry.district.update UZ-SA-99');
  });

  it('a district needs a known region', async () => {
    const res = await call(t.app, 'PUT', '/api/admin/registry/districts/X-1', admin, {
      region: 'UZ-ZZ',
      names: names('X'),
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toEqual([
      { name: 'region', message: 'no region "UZ-ZZ" in the registry' },
    ]);
  });

  it('creates a provider; citizens are offered it at once (the catalog is refreshed)', async () => {
    expect(await providerChoices()).not.toContain('P-NEW-1');
    const res = await call(t.app, 'PUT', '/api/admin/registry/providers/P-NEW-1', admin, {
      region: 'UZ-SA',
      district: 'UZ-SA-99',
      sector: 'ngo',
      names: names('Mehr markazi'),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { provider: Provider }).provider).toMatchObject({
      code: 'P-NEW-1',
      sector: 'ngo',
      names: { 'uz-Cyrl': latinToCyrillic('Mehr markazi') },
    });
    expect(await providerChoices()).toContain('P-NEW-1');
    const entry = (await auditEntries(t.app, admin)).find(
      (e) => e.action === 'registry.provider.create',
    );
    expect(entry).toMatchObject({ target: 'P-NEW-1', details: { district: 'UZ-SA-99' } });
  });

  it('the district must exist and belong to the region; the sector must be known', async () => {
    const elsewhere = await call(t.app, 'PUT', '/api/admin/registry/providers/P-X', admin, {
      region: 'UZ-TO',
      district: 'UZ-SA-01',
      sector: 'state',
      names: names('X'),
    });
    expect(elsewhere.status).toBe(400);
    expect((await errorOf(elsewhere)).fields).toEqual([
      { name: 'district', message: 'district "UZ-SA-01" is in region "UZ-SA", not "UZ-TO"' },
    ]);
    const unknown = await call(t.app, 'PUT', '/api/admin/registry/providers/P-X', admin, {
      region: 'UZ-SA',
      district: 'UZ-SA-77',
      sector: 'state',
      names: names('X'),
    });
    expect((await errorOf(unknown)).fields![0]!.name).toBe('district');
    const sector = await call(t.app, 'PUT', '/api/admin/registry/providers/P-X', admin, {
      region: 'UZ-SA',
      district: 'UZ-SA-01',
      sector: 'charity',
      names: names('X'),
    });
    expect(sector.status).toBe(400);
    expect((await errorOf(sector)).fields![0]!.name).toBe('sector');
    const badCode = await call(t.app, 'PUT', "/api/admin/registry/providers/P'1", admin, {
      region: 'UZ-SA',
      district: 'UZ-SA-01',
      sector: 'state',
      names: names('X'),
    });
    expect(badCode.status).toBe(400);
  });
});

describe('CSV', () => {
  const HEADER = 'code,region,district,sector,name_uz,name_uz_cyrl,name_ru,name_en';

  it('exports providers: UTF-8 BOM, a header, formula-like cells guarded', async () => {
    await call(t.app, 'PUT', '/api/admin/registry/providers/P-FORMULA', admin, {
      region: 'UZ-SA',
      district: 'UZ-SA-01',
      sector: 'private',
      names: { uz: '=HYPERLINK("http://evil.example","x")', ru: '+7 клиника', en: '@clinic' },
    });
    const res = await call(t.app, 'GET', '/api/admin/registry/providers.csv', sociologist);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('ovoz-providers.csv');
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(HEADER);
    const formula = lines.find((l) => l.startsWith('P-FORMULA,'))!;
    expect(formula).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(formula).toContain(",'+7 клиника,'@clinic");
    expect(lines).toHaveLength((await providers()).length + 1);
  });

  it('exports districts', async () => {
    const res = await call(t.app, 'GET', '/api/admin/registry/districts.csv', admin);
    // Response.text() drops a BOM, as every UTF-8 decoder does: read the bytes.
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFcode,region,name_uz,name_uz_cyrl,name_ru,name_en\r\n')).toBe(
      true,
    );
    expect(text).toContain('UZ-SA-99,UZ-SA,Yangiobod tumani,Янгиобод тумани,');
  });

  it('imports providers: created and updated, the export round-trips, audited', async () => {
    const exported = await (
      await call(t.app, 'GET', '/api/admin/registry/providers.csv', admin)
    ).text();
    const before = await providers();
    const csv = [
      `\uFEFF${exported.trimEnd()}`,
      'P-CSV-1,UZ-TO,UZ-TO-01,ppp,Toshkent markazi,,Ташкентский центр,Tashkent centre',
      'P-CSV-2,UZ-SA,UZ-SA-99,state,"Inson, markaz",Инсон марказ,"Центр ""Инсон""",Inson centre',
    ].join('\r\n');
    const res = await call(
      t.app,
      'POST',
      '/api/admin/registry/providers.csv',
      admin,
      csv,
      'text/csv',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 2, updated: before.length });

    const after = await providers();
    expect(after).toHaveLength(before.length + 2);
    // Unchanged by the round trip, the guarded formula included.
    for (const p of before) expect(after.find((x) => x.code === p.code)).toEqual(p);
    expect(after.find((p) => p.code === 'P-FORMULA')!.names.uz).toBe(
      '=HYPERLINK("http://evil.example","x")',
    );
    expect(after.find((p) => p.code === 'P-CSV-1')).toEqual({
      code: 'P-CSV-1',
      district: 'UZ-TO-01',
      region: 'UZ-TO',
      sector: 'ppp',
      names: {
        uz: 'Toshkent markazi',
        'uz-Cyrl': latinToCyrillic('Toshkent markazi'),
        ru: 'Ташкентский центр',
        en: 'Tashkent centre',
      },
    });
    expect(after.find((p) => p.code === 'P-CSV-2')!.names.ru).toBe('Центр "Инсон"');
    expect(await providerChoices()).toContain('P-CSV-2');
    const entry = (await auditEntries(t.app, admin)).find(
      (e) => e.action === 'registry.providers.import',
    );
    expect(entry).toMatchObject({
      username: 'admin',
      details: { created: 2, updated: before.length },
    });
  });

  it('the uz-Cyrl column may be left out: it is derived from uz', async () => {
    const csv =
      'code,region,district,sector,name_uz,name_ru,name_en\nP-LATIN,UZ-SA,UZ-SA-01,state,Yangi markaz,Новый центр,New centre\n';
    const res = await call(
      t.app,
      'POST',
      '/api/admin/registry/providers.csv',
      admin,
      csv,
      'text/csv',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 1, updated: 0 });
    expect((await providers()).find((p) => p.code === 'P-LATIN')!.names['uz-Cyrl']).toBe(
      latinToCyrillic('Yangi markaz'),
    );
  });

  it('all or nothing: errors name the line and the column, and nothing is imported', async () => {
    const before = await providers();
    const csv = [
      HEADER,
      'P-OK-1,UZ-SA,UZ-SA-01,state,Yaxshi,,Хороший,Good',
      'P-BAD-1,UZ-SA,UZ-XX-01,state,Yomon,,Плохой,Bad',
      '',
      'P-BAD-2,UZ-SA,UZ-SA-01,charity,Yomon,,Плохой,',
      'P-OK-1,UZ-SA,UZ-SA-01,state,Takror,,Повтор,Again',
      '"P-BAD-3\nsplit",UZ-SA,UZ-SA-01,state,a,,b,c',
      'P-SHORT,UZ-SA',
    ].join('\n');
    const res = await call(
      t.app,
      'POST',
      '/api/admin/registry/providers.csv',
      admin,
      csv,
      'text/csv; charset=utf-8',
    );
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('InvalidCsv');
    expect(error.message).toMatch(/nothing was imported/);
    expect(error.fields).toEqual([
      {
        name: 'line 3, column district',
        message: 'line 3, column district: no district "UZ-XX-01" in the registry',
      },
      {
        name: 'line 5, column sector',
        message: expect.stringMatching(/^line 5, column sector: one of state, ngo, private, ppp/),
      },
      { name: 'line 5, column name_en', message: 'line 5, column name_en: required' },
      {
        name: 'line 6, column code',
        message: 'line 6, column code: "P-OK-1" is already on line 2',
      },
      { name: 'line 7, column code', message: expect.stringMatching(/^line 7, column code: /) },
      { name: 'line 9', message: 'line 9: 2 cells where the header has 8' },
    ]);
    expect(await providers()).toEqual(before);
  });

  it('names a missing or unknown column, and a broken quote', async () => {
    const missing = await call(
      t.app,
      'POST',
      '/api/admin/registry/providers.csv',
      admin,
      'code,region,colour\nP,UZ-SA,red',
      'text/csv',
    );
    expect(missing.status).toBe(422);
    const names = (await errorOf(missing)).fields!.map((f) => f.name);
    expect(names).toContain('line 1, column colour');
    expect(names).toContain('line 1, column district');
    const quote = await call(
      t.app,
      'POST',
      '/api/admin/registry/providers.csv',
      admin,
      `${HEADER}\nP,"UZ-SA`,
      'text/csv',
    );
    expect(quote.status).toBe(422);
    expect((await errorOf(quote)).fields![0]!.name).toMatch(/^line \d+$/);
  });

  it('415 unless the file is sent as text/csv', async () => {
    const res = await call(
      t.app,
      'POST',
      '/api/admin/registry/providers.csv',
      admin,
      HEADER,
      'application/json',
    );
    expect(res.status).toBe(415);
  });
});

describe('roles', () => {
  const reads = [
    '/api/admin/registry/regions',
    '/api/admin/registry/districts',
    '/api/admin/registry/providers',
    '/api/admin/registry/providers.csv',
    '/api/admin/registry/districts.csv',
  ];
  const district = { region: 'UZ-SA', names: names('Z') };
  const provider = { region: 'UZ-SA', district: 'UZ-SA-01', sector: 'state', names: names('Z') };
  const writes: [string, string, unknown, string][] = [
    ['PUT', '/api/admin/registry/districts/UZ-SA-98', district, 'application/json'],
    ['PUT', '/api/admin/registry/providers/P-Z', provider, 'application/json'],
    ['POST', '/api/admin/registry/providers.csv', 'code,region\n', 'text/csv'],
  ];

  it('a manager gets 403 on every registry route', async () => {
    for (const url of reads) expect((await call(t.app, 'GET', url, manager)).status, url).toBe(403);
    for (const [method, url, body, type] of writes) {
      expect((await call(t.app, method, url, manager, body, type)).status, url).toBe(403);
    }
  });

  it('a sociologist reads but gets 403 on every write', async () => {
    for (const url of reads)
      expect((await call(t.app, 'GET', url, sociologist)).status, url).toBe(200);
    for (const [method, url, body, type] of writes) {
      const res = await call(t.app, method, url, sociologist, body, type);
      expect(res.status, url).toBe(403);
      expect((await errorOf(res)).code).toBe('Forbidden');
    }
    expect((await providers(admin)).some((p) => p.code === 'P-Z')).toBe(false);
  });
});
