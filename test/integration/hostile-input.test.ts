/**
 * Hostile input, table-driven: every row has its exact status and error code, nothing refused is
 * stored, and the server goes on serving (/healthz 200 and a valid submission 201) after each.
 *
 * Decisions this test holds the server to:
 * - Free text is stored verbatim: no Unicode normalisation (NFC and NFD stay distinct), direction
 *   overrides, zero-width characters, emoji and NUL kept; a lone surrogate (`\ud800`, possible in
 *   JSON though not in UTF-8) is accepted and stored verbatim as its JSON escape; exports write
 *   well-formed UTF-8, so there it becomes U+FFFD.
 * - HTML or script in free text is stored verbatim and only ever shown as text (the CSV cell holds
 *   it as written; the browser side is test/browser/xss.test.ts).
 * - A text cell that a spreadsheet would run (= + - @ tab CR) is prefixed with ' in CSV exports
 *   and the codebook; XLSX writes every text as a text cell, never a formula, so it is kept as is.
 * - Any JSON body nested more than 64 levels deep is refused at the edge (400 TooDeep), before
 *   anything walks it; `meta` within that is accepted and never stored.
 * Bodies over 64 KiB (with Content-Length, chunked, endless) and raw request lines go through a
 * real server with node:http and node:net, since app.request() cannot send them.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { startBundledServer } from '../helpers/bundled-server.js';
import { QUICK } from '../helpers/durability.js';
import type { RunningServer } from '../helpers/server.js';
import { call, errorOf, signIn } from '../helpers/session.js';
import { STANDARD_DRIVERS } from '../../common/metrics/drivers.js';

const SOCIAL = '/api/public/surveys/social-services/responses';
const DRIVERS = Object.fromEntries(STANDARD_DRIVERS.map((d) => [d, 4]));
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
});
afterAll(async () => {
  await t?.close();
});

async function storedAnswers(id: string): Promise<Record<string, unknown> | undefined> {
  const row = await t.booted.deps.db
    .selectFrom('response')
    .select('answers')
    .where('id', '=', id)
    .executeTakeFirst();
  return row && (JSON.parse(row.answers) as Record<string, unknown>);
}

/** The server still serves: /healthz 200 and a valid submission 201. */
async function expectStillServing(): Promise<void> {
  expect((await t.app.request('/healthz')).status).toBe(200);
  const ok = await postJson(t.app, QUICK, { id: randomUUID(), answers: { satisfaction: 4 } });
  expect(ok.status).toBe(201);
}

const nested = (levels: number, inner = '1') => '['.repeat(levels) + inner + ']'.repeat(levels);

interface Row {
  name: string;
  url?: string;
  /** The whole body as text; `{id}` is replaced by the row's id. */
  raw?: string;
  answers?: unknown;
  extra?: Record<string, unknown>;
  status: number;
  code?: string;
  field?: string;
}

const ROWS: Row[] = [
  // Malformed JSON
  { name: 'truncated JSON', raw: '{"id":"{id}","answers":{', status: 400, code: 'BadRequest' },
  { name: 'empty body', raw: '', status: 400, code: 'BadRequest' },
  {
    name: 'trailing garbage',
    raw: '{"id":"{id}","answers":{}} x',
    status: 400,
    code: 'BadRequest',
  },
  { name: 'single quotes', raw: "{'id':'{id}'}", status: 400, code: 'BadRequest' },
  {
    name: 'a byte-order mark before the JSON (tolerated)',
    raw: '\uFEFF{"id":"{id}","answers":{"satisfaction":5}}',
    status: 201,
  },
  { name: 'body is an array', raw: '[1,2]', status: 400, code: 'InvalidBody', field: 'body' },
  { name: 'body is null', raw: 'null', status: 400, code: 'InvalidBody', field: 'body' },
  { name: 'answers is an array', answers: [5], status: 400, code: 'InvalidBody', field: 'answers' },
  { name: 'answers is a string', answers: 'x', status: 400, code: 'InvalidBody', field: 'answers' },
  // Deep nesting, huge arrays
  {
    name: '100,000 levels of nesting',
    raw: `{"id":"{id}","answers":${nested(100_000)}}`,
    status: 413,
    code: 'PayloadTooLarge',
  },
  {
    name: '30,000 levels in a text answer',
    raw: `{"id":"{id}","answers":{"satisfaction":5,"comment":${nested(30_000)}}}`,
    status: 400,
    code: 'TooDeep',
  },
  {
    name: '30,000 levels in meta',
    raw: `{"id":"{id}","answers":{"satisfaction":5},"meta":{"a":${nested(30_000)}}}`,
    status: 400,
    code: 'TooDeep',
  },
  {
    // The body and "meta" are 2 levels: 62 arrays inside make 64, the limit.
    name: '64 levels in all (the limit) in meta (accepted, never stored)',
    raw: `{"id":"{id}","answers":{"satisfaction":5},"meta":{"a":${nested(62)}}}`,
    status: 201,
  },
  {
    name: '65 levels in all: one over the limit',
    raw: `{"id":"{id}","answers":{"satisfaction":5},"meta":{"a":${nested(63)}}}`,
    status: 400,
    code: 'TooDeep',
  },
  {
    name: 'brackets inside a string do not count as nesting',
    raw: `{"id":"{id}","answers":{"satisfaction":5},"meta":{"a":"${'[{'.repeat(100)}"}}`,
    status: 201,
  },
  {
    name: 'a 6,000-item checkbox answer',
    url: SOCIAL,
    answers: { satisfaction: 5, drivers: DRIVERS, segment: Array(6000).fill('elderly') },
    status: 422,
    code: 'InvalidAnswers',
    field: 'segment',
  },
  {
    name: 'a 10,000-number array under an unknown question',
    answers: { satisfaction: 5, many: Array(10_000).fill(1) },
    status: 422,
    code: 'InvalidAnswers',
    field: 'many',
  },
  // Prototype keys
  ...['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'].map((key): Row => ({
    name: `answer key ${key}`,
    raw: `{"id":"{id}","answers":{"${key}":{"polluted":1},"satisfaction":5}}`,
    status: 422,
    code: 'InvalidAnswers',
    field: key,
  })),
  {
    name: 'top-level __proto__ (ignored)',
    raw: '{"id":"{id}","__proto__":{"polluted":1},"answers":{"satisfaction":5}}',
    status: 201,
  },
  {
    name: 'top-level constructor.prototype (ignored)',
    raw: '{"id":"{id}","constructor":{"prototype":{"polluted":1}},"answers":{"satisfaction":5}}',
    status: 201,
  },
  // Wrong types
  {
    name: 'rating as a string',
    answers: { satisfaction: '5' },
    status: 422,
    code: 'InvalidAnswers',
    field: 'satisfaction',
  },
  {
    name: 'rating as a boolean',
    answers: { satisfaction: true },
    status: 422,
    code: 'InvalidAnswers',
    field: 'satisfaction',
  },
  {
    name: 'rating as an object',
    answers: { satisfaction: { v: 5 } },
    status: 422,
    code: 'InvalidAnswers',
    field: 'satisfaction',
  },
  {
    name: 'text as a number',
    answers: { satisfaction: 5, comment: 5 },
    status: 422,
    code: 'InvalidAnswers',
    field: 'comment',
  },
  {
    name: 'text over its maxLength',
    answers: { satisfaction: 5, comment: 'x'.repeat(1001) },
    status: 422,
    code: 'InvalidAnswers',
    field: 'comment',
  },
  {
    name: 'id not a UUID',
    raw: '{"id":"../../x","answers":{"satisfaction":5}}',
    status: 400,
    code: 'InvalidBody',
    field: 'id',
  },
  {
    name: 'version as a string',
    extra: { version: '1' },
    answers: { satisfaction: 5 },
    status: 400,
    code: 'InvalidBody',
    field: 'version',
  },
  {
    name: 'unknown version',
    extra: { version: 99 },
    answers: { satisfaction: 5 },
    status: 400,
    code: 'InvalidBody',
    field: 'version',
  },
  {
    name: 'unknown language',
    extra: { lang: 'xx' },
    answers: { satisfaction: 5 },
    status: 400,
    code: 'InvalidBody',
    field: 'lang',
  },
  {
    name: 'forged context link',
    extra: { c: 'e30.forged' },
    answers: { satisfaction: 5 },
    status: 400,
    code: 'InvalidContext',
  },
  {
    name: 'unknown one-time token',
    extra: { t: 'x'.repeat(40) },
    answers: { satisfaction: 5 },
    status: 400,
    code: 'InvalidContext',
  },
  // Out of scale, not offered, unknown
  ...[6, 0, -1, 2.5, 1e308].map((v): Row => ({
    name: `rating ${v} on a 1–5 scale`,
    answers: { satisfaction: v },
    status: 422,
    code: 'InvalidAnswers',
    field: 'satisfaction',
  })),
  {
    name: 'a choice not offered',
    url: SOCIAL,
    answers: { satisfaction: 5, drivers: DRIVERS, channel: 'carrier-pigeon' },
    status: 422,
    code: 'InvalidAnswers',
    field: 'channel',
  },
  {
    name: 'a checkbox choice not offered',
    url: SOCIAL,
    answers: { satisfaction: 5, drivers: DRIVERS, segment: ['elderly', 'vip'] },
    status: 422,
    code: 'InvalidAnswers',
    field: 'segment',
  },
  {
    name: 'a matrix row not offered',
    url: SOCIAL,
    answers: { satisfaction: 5, drivers: { ...DRIVERS, bribes: 5 } },
    status: 422,
    code: 'InvalidAnswers',
    field: 'drivers.bribes',
  },
  {
    name: 'an unknown question',
    answers: { satisfaction: 5, salary: 100 },
    status: 422,
    code: 'InvalidAnswers',
    field: 'salary',
  },
];

describe('hostile submissions (in-process app)', () => {
  it.each(ROWS)('$name → $status $code', async (row) => {
    const id = randomUUID();
    const body =
      row.raw !== undefined
        ? row.raw.replaceAll('{id}', id)
        : { id, answers: row.answers, ...row.extra };
    const res = await postJson(t.app, row.url ?? QUICK, body);
    const text = await res.text();
    expect(res.status, text).toBe(row.status);
    if (row.code) {
      const error = (JSON.parse(text) as { error: { code: string; fields?: { name: string }[] } })
        .error;
      expect(error.code).toBe(row.code);
      if (row.field) expect(error.fields?.map((f) => f.name)).toContain(row.field);
    }
    await t.booted.deps.writer.drain();
    if (row.status >= 400) expect(await storedAnswers(id)).toBeUndefined();
    else expect(await storedAnswers(id)).toEqual({ satisfaction: 5 });
    await expectStillServing();
  });

  it('leaves Object.prototype as it was', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops answers to questions hidden by the survey’s conditions, and stores the rest', async () => {
    const id = randomUUID();
    const answers = { satisfaction: 4, drivers: DRIVERS, paid: 'none', afford: 'no' };
    const res = await postJson(t.app, SOCIAL, { id, answers });
    expect(res.status).toBe(201);
    await t.booted.deps.writer.drain();
    const stored = (await storedAnswers(id))!;
    expect(stored.paid).toBe('none');
    expect(stored).not.toHaveProperty('afford');
  });
});

describe('slugs that try to leave their place', () => {
  const SLUGS: Array<[string, string, string]> = [
    ['..', '..', 'NotFound'], // the URL parser resolves it before routing
    ['%2e%2e', '%2e%2e', 'NotFound'],
    ['..%2f..%2fpackage.json', '..%2f..%2fpackage.json', 'SurveyNotFound'],
    ['%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'SurveyNotFound'],
    ['..%5c..%5cpackage.json', '..%5c..%5cpackage.json', 'SurveyNotFound'],
    ['%252e%252e', '%252e%252e', 'SurveyNotFound'],
    ['quick-feedback%00', 'quick-feedback%00', 'SurveyNotFound'],
    ['%00', '%00', 'SurveyNotFound'],
    ['a 10 KB slug', 'x'.repeat(10_240), 'SurveyNotFound'],
    ['Quick-Feedback', 'Quick-Feedback', 'SurveyNotFound'],
  ];
  it.each(SLUGS)('%s → 404 (read and submit)', async (_name, slug, code) => {
    const read = await t.app.request(`/api/public/surveys/${slug}`);
    expect(read.status).toBe(404);
    expect((await errorOf(read)).code).toBe(code);
    const submit = await postJson(t.app, `/api/public/surveys/${slug}/responses`, {
      id: randomUUID(),
      answers: { satisfaction: 5 },
    });
    expect(submit.status).toBe(404);
    expect((await errorOf(submit)).code).toBe(code);
    await expectStillServing();
  });

  it.each([
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/..%5c..%5cpackage.json',
    '/assets/%00.js',
  ])('%s → 404, no file outside the assets', async (path) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('"devDependencies"');
  });
});

describe('Unicode in free text', () => {
  const TEXTS: Array<[string, string]> = [
    ['NFC', 'Caf\u00e9 o\u2018zbek'],
    ['NFD', 'Cafe\u0301 o\u2018zbek'],
    ['right-to-left override', 'abc\u202Egnp.exe'],
    ['zero-width characters', 'a\u200Bb\u200Cc\u200Dd\uFEFFe'],
    ['emoji and a ZWJ sequence', '😀 👨‍👩‍👧 🇺🇿'],
    ['NUL and control characters', 'a\u0000b\u0007c\u001bd'],
    ['Cyrillic and Arabic script', 'Раҳмат — شكرا'],
    ['a lone surrogate', 'bad \ud800 half'],
  ];
  it.each(TEXTS)('%s: accepted and stored verbatim', async (_name, text) => {
    const id = randomUUID();
    // JSON.stringify writes a lone surrogate as the escape \ud800, as a hostile client would.
    const res = await postJson(t.app, QUICK, { id, answers: { satisfaction: 3, comment: text } });
    expect(res.status).toBe(201);
    await t.booted.deps.writer.drain();
    const stored = (await storedAnswers(id))!.comment as string;
    expect(stored).toBe(text);
    expect(stored.length).toBe(text.length); // no normalisation
  });

  it('the CSV export writes well-formed UTF-8: a lone surrogate becomes U+FFFD', async () => {
    const res = await call(t.app, 'GET', '/api/exports/quick-feedback/responses.csv', admin);
    expect(res.status).toBe(200);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await res.arrayBuffer());
    expect(text).toContain('bad \uFFFD half');
    expect(text).toContain('Cafe\u0301 o\u2018zbek');
    expect(text).toContain('Caf\u00e9 o\u2018zbek');
  });
});

describe('script and formulas in free text, in every export', () => {
  const SCRIPT = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const FORMULAS = ['=1+1', '+1+1', '-1+1', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '\uFF1D1+1'];

  beforeAll(async () => {
    for (const comment of [SCRIPT, ...FORMULAS]) {
      const res = await postJson(t.app, QUICK, {
        id: randomUUID(),
        answers: { satisfaction: 2, comment },
      });
      expect(res.status).toBe(201);
    }
    await t.booted.deps.writer.drain();
  });

  const csvCells = async (path: string): Promise<string[]> => {
    const res = await call(t.app, 'GET', path, admin);
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { bom: true, relax_column_count: true }) as string[][];
    return rows.flat();
  };

  it('CSV: the script is a plain text cell; every formula start is prefixed with an apostrophe', async () => {
    const cells = await csvCells('/api/exports/quick-feedback/responses.csv');
    expect(cells).toContain(SCRIPT);
    for (const f of FORMULAS) {
      expect(cells).toContain(`'${f}`);
      expect(cells).not.toContain(f);
    }
    const formulaLike = cells.filter((c) => /^[=+@\t\r\uFF1D]/.test(c) || /^-\D/.test(c));
    expect(formulaLike).toEqual([]);
  });

  it('XLSX: texts are text cells, never formulas, kept exactly', async () => {
    const res = await call(t.app, 'GET', '/api/exports/quick-feedback/responses.xlsx', admin);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const cells: ExcelJS.Cell[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => cells.push(c))));
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    for (const text of [SCRIPT, ...FORMULAS.filter((f) => !f.startsWith('\r'))]) {
      const cell = cells.find((c) => c.value === text);
      expect(cell?.type, JSON.stringify(text)).toBe(ExcelJS.ValueType.String);
    }
  });

  it('codebook and answers of a designed survey: question texts, choice values and labels that look like formulas', async () => {
    const texts = (s: string) => ({ uz: s, ru: s, en: s });
    const json = {
      title: texts('=HYPERLINK("http://evil.example","x")'),
      pages: [
        {
          name: 'p1',
          elements: [
            {
              type: 'rating',
              name: 'satisfaction',
              role: 'satisfaction',
              title: texts('=1+1'),
              rateMin: 1,
              rateMax: 5,
              isRequired: true,
            },
            {
              type: 'radiogroup',
              name: 'pick',
              title: texts('@SUM(A1:A2)'),
              choices: FORMULAS.map((f) => ({ value: f, text: texts(f) })),
            },
          ],
        },
      ],
    };
    const created = await call(t.app, 'POST', '/api/admin/surveys', admin, {
      slug: 'formulas',
      json,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await call(t.app, 'POST', '/api/admin/surveys/formulas/open', admin)).status).toBe(200);
    for (const pick of FORMULAS) {
      const res = await postJson(t.app, '/api/public/surveys/formulas/responses', {
        id: randomUUID(),
        answers: { satisfaction: 1, pick },
      });
      expect(res.status, JSON.stringify(pick)).toBe(201);
    }
    await t.booted.deps.writer.drain();

    const codebook = await csvCells('/api/exports/formulas/codebook.csv');
    expect(codebook).toContain(`'=1+1`);
    expect(codebook).toContain(`'@SUM(A1:A2)`);
    const answers = await csvCells('/api/exports/formulas/responses.csv');
    for (const f of FORMULAS) expect(answers).toContain(`'${f}`);
    for (const cells of [codebook, answers]) {
      const formulaLike = cells.filter((c) => /^[=+@\t\r\uFF1D]/.test(c) || /^-\D/.test(c));
      expect(formulaLike).toEqual([]);
    }
  });
});

describe('unknown filters and groupings', () => {
  const BASE = '/api/reports/satisfaction?survey=quick-feedback';
  it.each([
    `${BASE}&groupBy=colour`,
    `${BASE}&groupBy=region,__proto__`,
    `${BASE}&colour=red`,
    `${BASE}&__proto__=x`,
    `${BASE}&region=UZ-SA&region=UZ-TO`,
    `${BASE}&sector=military`,
    `${BASE}&from=2026-02-30`,
    `${BASE}&region=${encodeURIComponent("x' or 1=1 --")}`,
    '/api/reports/bottlenecks?survey=quick-feedback&method=guess',
    '/api/reports/trend?survey=quick-feedback&groupBy=year',
    '/api/exports/quick-feedback/responses.csv?colour=red',
    '/api/exports/quick-feedback/responses.csv?groupBy=region',
    '/api/exports/quick-feedback/responses.xlsx?region=../../etc',
  ])('%s → 400 InvalidQuery', async (url) => {
    const res = await call(t.app, 'GET', url, admin);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('InvalidQuery');
    await expectStillServing();
  });
});

describe('raw HTTP against a real server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startBundledServer();
  });
  afterAll(async () => {
    await server?.kill();
    if (server) fs.rmSync(server.dir, { recursive: true, force: true });
  });

  interface RawResult {
    status: number;
    body: string;
  }

  /** One request on its own connection; `chunks` are written as they come (chunked unless a length is set). */
  function send(
    path: string,
    headers: Record<string, string | number>,
    chunks: Iterable<Buffer | string>,
    method = 'POST',
  ): Promise<RawResult> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, path, method, headers, agent: false },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
          res.on('error', reject);
        },
      );
      // The server may answer and close before the whole body is sent: not an error here.
      req.on('error', (e) =>
        (e as NodeJS.ErrnoException).code === 'EPIPE' ||
        (e as NodeJS.ErrnoException).code === 'ECONNRESET'
          ? undefined
          : reject(e),
      );
      (async () => {
        for (const chunk of chunks) {
          if (req.destroyed || req.writableEnded) return;
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r).once('close', r));
        }
        req.end();
      })().catch(() => undefined);
    });
  }

  /**
   * Bytes straight onto a socket: the head, then the body pieces as the socket takes them, until
   * the server answers or hangs up. The answer's status and text.
   */
  function sendBytes(head: string, body: Iterable<Buffer> = []): Promise<RawResult> {
    return new Promise((resolve) => {
      let data = '';
      let answered = false;
      const socket = net.connect(server.port, '127.0.0.1');
      const done = () => {
        socket.destroy();
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
        resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
      };
      socket.on('data', (d) => {
        data += d;
        answered = true;
        if (complete(data)) done();
      });
      socket.on('error', () => undefined); // a reset after the answer: the answer counts
      socket.on('close', done);
      socket.setTimeout(10_000, done);
      socket.once('connect', async () => {
        socket.write(head);
        for (const piece of body) {
          if (answered || socket.destroyed) return;
          if (!socket.write(piece)) await new Promise((r) => socket.once('drain', r));
        }
      });
    });
  }

  /** Whether `data` holds a whole answer: its head and as many body bytes as it announced. */
  function complete(data: string): boolean {
    const end = data.indexOf('\r\n\r\n');
    if (end < 0) return false;
    const length = /\r\ncontent-length: *(\d+)/i.exec(data.slice(0, end))?.[1];
    return length !== undefined && Buffer.byteLength(data.slice(end + 4)) >= Number(length);
  }

  /** A chunked body that never ends (up to `total` bytes offered), each piece framed. */
  function* endless(size: number, total: number) {
    const frame = (b: Buffer) =>
      Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    yield frame(Buffer.from('{"id":"'));
    const piece = frame(Buffer.alloc(size, 'x'));
    for (let sent = 0; sent < total; sent += size) yield piece;
  }
  const postHead = (extra: string) =>
    `POST ${QUICK} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}\r\n`;

  const big = (bytes: number) => {
    const id = randomUUID();
    const head = `{"id":"${id}","answers":{"satisfaction":5,"comment":"`;
    return Buffer.from(`${head}${'x'.repeat(bytes - head.length - 4)}"}}`);
  };
  function* pieces(buffer: Buffer, size: number) {
    for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
  }
  const json = { 'content-type': 'application/json' };

  const CASES: Array<[string, number, string | null, () => Promise<RawResult>]> = [
    [
      '70 KB with Content-Length',
      413,
      'PayloadTooLarge',
      () => send(QUICK, { ...json, 'content-length': 70_000 }, [big(70_000)]),
    ],
    [
      '70 KB chunked, no Content-Length',
      413,
      'PayloadTooLarge',
      () => send(QUICK, { ...json, 'transfer-encoding': 'chunked' }, pieces(big(70_000), 4096)),
    ],
    [
      'an endless chunked body (20 MB offered)',
      413,
      'PayloadTooLarge',
      () => sendBytes(postHead('Transfer-Encoding: chunked\r\n'), endless(16_384, 20_000_000)),
    ],
    [
      'Content-Length of 1 GB with a small body',
      413,
      'PayloadTooLarge',
      () => send(QUICK, { ...json, 'content-length': 1_000_000_000 }, ['{"id":']),
    ],
    [
      'a literal ../ path',
      404,
      'NotFound',
      () => send('/api/public/surveys/../../../etc/passwd/responses', json, ['{}']),
    ],
    [
      'a literal ../ path to a static file',
      404,
      'NotFound',
      () => send('/assets/../../package.json', {}, [], 'GET'),
    ],
    [
      'a NUL byte in the request line',
      400,
      null,
      () => sendBytes('GET /s/quick\u0000feedback HTTP/1.1\r\nHost: x\r\n\r\n'),
    ],
    [
      'a 10 KB slug',
      404,
      'SurveyNotFound',
      () => send(`/api/public/surveys/${'a'.repeat(10_240)}/responses`, json, ['{}']),
    ],
  ];

  it.each(CASES)('%s → %i %s, and the server goes on', async (_name, status, code, request) => {
    const res = await request();
    expect(res.status, res.body.slice(0, 200)).toBe(status);
    if (code) expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe(code);
    expect(res.body).not.toContain('"devDependencies"');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ok = await fetch(server.url + QUICK, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ id: randomUUID(), answers: { satisfaction: 5 } }),
    });
    expect(ok.status).toBe(201);
  });
});
