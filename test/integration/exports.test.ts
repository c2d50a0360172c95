/**
 * Exports (admin, sociologist): responses.csv streamed (UTF-8 BOM, RFC 4180, formula injection
 * neutralised), responses.xlsx (text cells, never formulas), codebook.csv; filters; roles.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/demo/generate.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { signIn, userSession } from '../helpers/session.js';
import { submitOn } from '../helpers/submissions.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let admin: string;
let sociologist: string;
let manager: string;

const DRIVERS = {
  timeliness: 2,
  ease: 'na',
  information: 4,
  courtesy: 5,
  fairness: 3,
  accessibility: 1,
  outcome: 4,
};
const NASTY = [
  '=HYPERLINK("http://evil.example","click")',
  '+1+2',
  '-3+4',
  '@SUM(A1)',
  '\tTab',
  'Navbat uzun, "juda" uzun;\nikkinchi qator',
  'Всё хорошо, спасибо',
  'bir\nikki',
];

const get = (path: string, cookie = admin) =>
  t.app.request(`/api/exports/${path}`, { headers: { cookie } });

/** The body as text, checking the UTF-8 byte-order mark (Response.text() would drop it). */
async function body(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
}

function readCsv(text: string): string[][] {
  return parse(text) as string[][];
}

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  sociologist = await userSession(t.app, admin, 'sofia', 'sociologist');
  manager = await userSession(t.app, admin, 'malika', 'manager', ['UZ-SA']);
  await submitOn(
    t,
    '2026-10-05',
    NASTY.map((comment, i) => ({
      link: { provider: i % 2 ? 'P-SA-01-1' : 'P-QA-01-1', channel: 'centre' },
      answers: {
        satisfaction: 1 + (i % 5),
        drivers: DRIVERS,
        trust: 4,
        paid: 'informal',
        afford: 'no',
        delivery_days: 10 + i,
        segment: i === 0 ? ['disability', 'elderly'] : ['none'],
        comment,
      },
    })),
  );
  await submitOn(t, '2026-10-20', [
    { answers: { satisfaction: 5, region: 'UZ-SA', channel: 'online', drivers: DRIVERS } },
  ]);
});

afterAll(async () => {
  await t?.close();
});

describe('exports: who may', () => {
  it('admins and sociologists; managers get 403, strangers 401', async () => {
    // Read to the end: an export left unread keeps its snapshot (on PostgreSQL, a connection).
    const csv = await get('social-services/responses.csv');
    expect(csv.status).toBe(200);
    await csv.arrayBuffer();
    expect((await get('social-services/codebook.csv', sociologist)).status).toBe(200);
    for (const path of ['responses.csv', 'responses.xlsx', 'codebook.csv']) {
      const res = await get(`social-services/${path}`, manager);
      expect(res.status).toBe(403);
      expect(((await res.json()) as Json).error.code).toBe('Forbidden');
      expect((await t.app.request(`/api/exports/social-services/${path}`)).status).toBe(401);
    }
  });

  it('refuses unknown surveys and bad filters', async () => {
    expect((await get('no-such-survey/responses.csv')).status).toBe(404);
    const bad = await get('social-services/responses.csv?from=2026-13-01&color=red');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as Json;
    expect(body.error.code).toBe('InvalidQuery');
    expect(body.error.fields.map((f: Json) => f.name).sort()).toEqual(['color', 'from']);
  });
});

describe('GET /api/exports/:slug/responses.csv', () => {
  it('streams UTF-8 with a BOM, CRLF records, one column per variable, comments last', async () => {
    const res = await get('social-services/responses.csv', sociologist);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ovoz-social-services-responses.csv"',
    );
    const text = await body(res);
    expect(text.split('\r\n').length).toBeGreaterThan(NASTY.length);
    const [header, ...rows] = readCsv(text);
    expect(header).toEqual([
      'id',
      'survey_version',
      'submitted_hour',
      'day',
      'region',
      'district',
      'provider',
      'sector',
      'channel',
      'lang',
      'service_days',
      'satisfaction',
      'drivers.timeliness',
      'drivers.ease',
      'drivers.information',
      'drivers.courtesy',
      'drivers.fairness',
      'drivers.accessibility',
      'drivers.outcome',
      'trust',
      'paid',
      'afford',
      'delivery_days',
      'segment.disability',
      'segment.elderly',
      'segment.low_income',
      'segment.other',
      'segment.none',
      'comment',
    ]);
    expect(rows).toHaveLength(NASTY.length + 1);
    const col = (name: string) => header!.indexOf(name);
    const first = rows.find((r) => r[col('delivery_days')] === '10')!;
    expect(first.slice(1, 10)).toEqual([
      '1',
      '2026-10-05T07:00:00.000Z',
      '2026-10-05',
      'UZ-QA',
      'UZ-QA-01',
      'P-QA-01-1',
      'state',
      'centre',
      'uz',
    ]);
    expect(first[col('drivers.timeliness')]).toBe('2');
    expect(first[col('drivers.ease')]).toBe('na');
    expect(first[col('paid')]).toBe('informal');
    expect(
      [col('segment.disability'), col('segment.elderly'), col('segment.none')].map((i) => first[i]),
    ).toEqual(['1', '1', '0']);
    // The open-link response: only the region; segment unanswered → every dichotomy empty.
    const open = rows.find((r) => r[col('channel')] === 'online')!;
    expect(open.slice(4, 9)).toEqual(['UZ-SA', '', '', '', 'online']);
    expect(open[col('segment.disability')]).toBe('');
    expect(open[col('comment')]).toBe('');
  });

  it('prefixes a text that a spreadsheet would run as a formula; keeps quotes, commas, new lines', async () => {
    const [header, ...rows] = readCsv(await body(await get('social-services/responses.csv')));
    const comments = rows.map((r) => r[header!.indexOf('comment')]);
    expect(comments).toEqual(
      expect.arrayContaining([
        '\'=HYPERLINK("http://evil.example","click")',
        "'+1+2",
        "'-3+4",
        "'@SUM(A1)",
        "'\tTab",
        'Navbat uzun, "juda" uzun;\nikkinchi qator',
        'Всё хорошо, спасибо',
        'bir\nikki',
      ]),
    );
    // Numbers are numbers: no prefix, even where negative would be possible.
    expect(rows.every((r) => /^\d+$/.test(r[header!.indexOf('satisfaction')]!))).toBe(true);
  });

  it('filters like the reports: from, to, region, district, provider, sector', async () => {
    const rowsOf = async (q: string) =>
      readCsv(await body(await get(`social-services/responses.csv?${q}`))).length - 1;
    expect(await rowsOf('region=UZ-SA')).toBe(5);
    expect(await rowsOf('provider=P-QA-01-1')).toBe(4);
    expect(await rowsOf('district=UZ-SA-01')).toBe(4);
    expect(await rowsOf('from=2026-10-06')).toBe(1);
    expect(await rowsOf('to=2026-10-05&sector=state')).toBe(8);
    const res = await get(
      'social-services/responses.csv?region=UZ-SA&from=2026-10-01&to=2026-10-31',
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ovoz-social-services-responses-UZ-SA-2026-10-01_2026-10-31.csv"',
    );
    expect(readCsv(await body(res)).length - 1).toBe(5);
    const audit = (await (
      await t.app.request('/api/admin/audit', { headers: { cookie: admin } })
    ).json()) as Json;
    expect(audit.entries[0]).toMatchObject({
      action: 'export.responses.csv',
      target: 'social-services',
      details: { filters: { region: 'UZ-SA', from: '2026-10-01', to: '2026-10-31' } },
    });
  });
});

describe('responses.csv for spreadsheets: bom and sep', () => {
  it('bom=1 starts with the byte-order mark, bom=0 without; the same rows either way', async () => {
    const withBom = await body(await get('social-services/responses.csv?bom=1'));
    const res = await get('social-services/responses.csv?bom=0&region=UZ-SA');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ovoz-social-services-responses-UZ-SA.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes[0]).toBe('i'.charCodeAt(0));
    const plain = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(plain.startsWith('id,survey_version,')).toBe(true);
    expect(readCsv(plain)).toEqual(readCsv(withBom).filter((r, i) => i === 0 || r[4] === 'UZ-SA'));
  });

  it('sep=; separates by semicolons, quotes what holds one, and stays formula-safe', async () => {
    const comma = readCsv(await body(await get('social-services/responses.csv')));
    const text = await body(await get('social-services/responses.csv?sep=%3B'));
    expect(text.split('\r\n')[0]).toBe(comma[0]!.join(';'));
    const rows = parse(text, { delimiter: ';' }) as string[][];
    expect(rows).toEqual(comma);
    const comments = rows.map((r) => r[rows[0]!.indexOf('comment')]);
    expect(comments).toContain('Navbat uzun, "juda" uzun;\nikkinchi qator');
    expect(comments).toContain('\'=HYPERLINK("http://evil.example","click")');
    expect(text).toContain('"Navbat uzun, ""juda"" uzun;\nikkinchi qator"');
    expect(text).toContain(';Всё хорошо, спасибо');
  });

  it('refuses other separators and bom values', async () => {
    const bad = await get('social-services/responses.csv?sep=%7C&bom=yes');
    expect(bad.status).toBe(400);
    const json = (await bad.json()) as Json;
    expect(json.error.fields.map((f: Json) => f.name).sort()).toEqual(['bom', 'sep']);
  });
});

describe('GET /api/exports/:slug/responses.xlsx', () => {
  it('has the same columns and rows, texts as text cells (never formulas)', async () => {
    const res = await get('social-services/responses.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ovoz-social-services-responses.xlsx"',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('responses')!;
    const csv = readCsv(await body(await get('social-services/responses.csv')));
    expect(sheet.rowCount).toBe(csv.length);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(csv[0]);
    const commentCol = header.indexOf('comment') + 1;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row, n) => n > 1 && cells.push(row.getCell(commentCol)));
    const formula = cells.find((c) => String(c.value).startsWith('=HYPERLINK'))!;
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe('=HYPERLINK("http://evil.example","click")');
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    const sat = sheet.getRow(2).getCell(header.indexOf('satisfaction') + 1);
    expect(sat.type).toBe(ExcelJS.ValueType.Number);
  });
});

describe('GET /api/exports/:slug/codebook.csv', () => {
  it('lists every column with its texts in each language, value labels and role', async () => {
    const res = await get('social-services/codebook.csv', sociologist);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ovoz-social-services-codebook.csv"',
    );
    const [header, ...rows] = readCsv(await body(res));
    expect(header).toEqual([
      'variable',
      'question_uz',
      'question_uz-Cyrl',
      'question_ru',
      'question_en',
      'type',
      'value_labels_uz',
      'value_labels_uz-Cyrl',
      'value_labels_ru',
      'value_labels_en',
      'role',
      'versions',
    ]);
    const csvHeader = readCsv(await body(await get('social-services/responses.csv')))[0];
    expect(rows.map((r) => r[0])).toEqual(csvHeader);
    const by = new Map(
      rows.map((r) => [r[0], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]),
    );
    expect(by.get('drivers.timeliness')).toMatchObject({
      question_en:
        'Do you agree with these statements about the service? — I got the service in a reasonable time, without needless waiting.',
      question_ru: expect.stringContaining('Услугу оказали в разумный срок'),
      'question_uz-Cyrl': expect.stringContaining('Хизмат ўз вақтида'),
      type: 'matrix row',
      value_labels_en:
        '1=Strongly disagree; 2=Disagree; 3=Neither agree nor disagree; 4=Agree; 5=Strongly agree; na=Don’t know / not applicable',
      role: 'driver:timeliness',
      versions: '1',
    });
    expect(by.get('satisfaction')).toMatchObject({
      type: 'rating',
      value_labels_en: '1=Very dissatisfied; 2=2; 3=3; 4=4; 5=Very satisfied',
      role: 'satisfaction',
    });
    expect(by.get('segment.disability')).toMatchObject({
      type: 'checkbox (0/1)',
      value_labels_en: '1=selected; 0=not selected',
      question_en: 'Do any of these apply to you? — Person with a disability',
      role: 'segment:group',
    });
    expect(by.get('region')!.value_labels_ru).toContain('UZ-SA=');
    expect(by.get('comment')).toMatchObject({ type: 'comment', role: 'comment' });
  });
});

describe('streaming', () => {
  it('reads its own snapshot: a submission is accepted while an export is half read', async () => {
    const { storage, config } = t.booted.deps;
    await loadDemo(
      { storage, utcOffsetMinutes: config.utcOffsetMinutes },
      {
        responses: 5000,
        end: '2026-09-30',
        volumes: false,
      },
    );
    const res = await get('social-services/responses.csv');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const submitted = await postJson(t.app, '/api/public/surveys/social-services/responses', {
      id: randomUUID(),
      answers: { satisfaction: 4, region: 'UZ-TK', drivers: DRIVERS },
    });
    expect(submitted.status).toBe(201);
    let bytes = first.value!.byteLength;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    const text = await body(await get('social-services/responses.csv'));
    // The half-read export did not see the new response; the next one does.
    expect(bytes).toBeLessThan(Buffer.byteLength(text) + 3);
    expect(readCsv(text)).toHaveLength(NASTY.length + 1 + 5000 + 2);
  }, 30_000);
});
