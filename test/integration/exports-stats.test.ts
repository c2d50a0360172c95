/**
 * Statistics-package exports: responses.sps, responses.R and responses.do read the statistics CSV
 * (`responses.csv?stats=1`). GNU PSPP and R really run them on the downloaded files and must
 * reproduce the report's counts and rate for a region, with the value labels in the chosen
 * language, unweighted and weighted (n_eff too). (Stata is not available here: its do-file is
 * checked for its shape only.)
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';
import { prng, randomSubmission, submitOn } from '../helpers/submissions.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const exec = promisify(execFile);

/** Runs a program in the work folder; its output, or a failure that shows what it printed. */
async function run(program: string, args: string[]): Promise<string> {
  try {
    return (await exec(program, args, { cwd: dir, maxBuffer: 64 << 20 })).stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(
      `${program} failed:\n${err.stderr ?? ''}\n${(err.stdout ?? '').slice(0, 4000)}`,
      { cause: e },
    );
  }
}

let t: TestApp;
let admin: string;
let dir: string;
let region: string;
let regionName: { ru: string; en: string };

const get = (p: string) => t.app.request(`/api/exports/${p}`, { headers: { cookie: admin } });

/** Downloads an export into the work folder under the name the server gives it. */
async function download(p: string): Promise<string> {
  const res = await get(p);
  expect(res.status, p).toBe(200);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')![1]!;
  fs.writeFileSync(path.join(dir, name), Buffer.from(await res.arrayBuffer()));
  return name;
}

/** Exact figures (an admin's `exact=1`), which the exported statistics must reproduce. */
async function report(q = ''): Promise<Json> {
  const res = await t.app.request(
    `/api/reports/satisfaction?survey=social-services&region=${region}${q}&exact=1`,
    { headers: { cookie: admin } },
  );
  expect(res.status).toBe(200);
  return res.json();
}

/** n, satisfied and rate as a statistics package printed them equal the report's region row. */
async function expectReport([n, x, rate]: string[], q = ''): Promise<void> {
  const r = await report(q);
  expect(Number(n)).toBe(r.overall.n);
  expect(Number(x)).toBe(r.overall.satisfied);
  expect(Number(rate)).toBeCloseTo(r.overall.rate, 12);
}

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovoz-stats-'));
  const registry = await t.booted.deps.registry.snapshot();
  const rand = prng(1414);
  for (const day of ['2026-09-14', '2026-10-06']) {
    const subs = Array.from({ length: 120 }, () => randomSubmission(rand, registry));
    subs[0]!.answers.comment = 'Navbat uzun, "juda" uzun;\nikkinchi qator';
    subs[1]!.answers.comment = "=SUM(A1) it's, quoted";
    await submitOn(t, day, subs);
  }
  // People served by every provider in both months, so that every response has a weight.
  const rows = registry.providers.flatMap((p) =>
    ['2026-09', '2026-10'].map((month) => ({
      provider: p.code,
      month,
      served: 40 + Math.floor(rand() * 2000),
      offered: null,
    })),
  );
  const put = await t.app.request('/api/admin/volumes', {
    method: 'PUT',
    headers: { cookie: admin, 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ rows }),
  });
  expect(put.status, await put.clone().text()).toBe(200);
  region = registry.regions[0]!.code;
  const r = registry.regions[0]!.names;
  regionName = { ru: r.ru, en: r.en };
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (dir && !process.env.KEEP_STATS) fs.rmSync(dir, { recursive: true, force: true });
});

describe('responses.csv?stats=1', () => {
  it('has no byte-order mark and one line per response', async () => {
    const res = await get('social-services/responses.csv?stats=1');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ovoz-social-services-responses-stats.csv"',
    );
    const text = await res.text();
    expect(text.charCodeAt(0)).toBe('i'.charCodeAt(0));
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(241);
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    const rows = parse(text) as string[][];
    const comments = rows.map((r) => r[rows[0]!.indexOf('comment')]);
    expect(comments).toContain('Navbat uzun, "juda" uzun; ikkinchi qator');
    expect(comments).toContain("'=SUM(A1) it's, quoted");
  });

  it('the syntax files refuse CSV parameters, and the CSV refuses lang', async () => {
    expect((await get('social-services/responses.sps?sep=%3B')).status).toBe(400);
    expect((await get('social-services/responses.csv?lang=ru')).status).toBe(400);
    expect((await get('social-services/responses.R?lang=xx')).status).toBe(400);
  });
});

describe('GNU PSPP runs responses.sps', () => {
  it('reads every response with labels and reproduces the region report', async () => {
    const csv = await download('social-services/responses.csv?stats=1');
    const sps = await download('social-services/responses.sps?lang=ru');
    expect(sps).toBe('ovoz-social-services-responses.sps');
    const syntax = fs.readFileSync(path.join(dir, sps), 'utf8');
    expect(syntax).toContain(`/FILE='${csv}'`);
    const check = `${syntax}
FREQUENCIES region.
DISPLAY LABELS.
SELECT IF region = '${region}'.
COMPUTE top = satisfaction >= 4.
AGGREGATE /OUTFILE=* /BREAK=region /cases=N /n=NU(top) /x=SUM(top) /rate=MEAN(top).
FORMATS cases n x (F8.0) rate (F18.15).
LIST.
`;
    fs.writeFileSync(path.join(dir, 'check.sps'), check);
    const stdout = await run('pspp', ['-O', 'format=csv', '-o', '-', 'check.sps']);
    // No warning: every field of every line was read as its format says.
    expect(stdout).not.toMatch(/warning|error/i);
    // Value labels and variable labels in Russian.
    expect(stdout).toContain(
      'satisfaction,12,"В целом, насколько вы довольны полученной услугой?"',
    );
    expect(stdout).toContain('drivers_ease,14,');
    expect(stdout).toMatch(new RegExp(`\n,${regionName.ru},\\d+,`));
    const list = stdout.slice(stdout.lastIndexOf('Table: Data List'));
    const [, values] = parse(list.split('\n').slice(1).join('\n'), {
      relax_column_count: true,
    }) as string[][];
    const [, cases, ...figures] = values!;
    expect(Number(cases)).toBeGreaterThan(0);
    await expectReport(figures);
  }, 60_000);

  it('with WEIGHT BY weight reproduces the weighted report: rate and n_eff', async () => {
    await download(`social-services/responses.csv?stats=1&region=${region}`);
    const sps = await download(`social-services/responses.sps?region=${region}&lang=en`);
    const syntax = fs.readFileSync(path.join(dir, sps), 'utf8');
    expect(syntax).toContain('WEIGHT BY weight');
    const check = `${syntax}
COMPUTE top = satisfaction >= 4.
COMPUTE w2 = weight ** 2.
SELECT IF NOT MISSING(top).
WEIGHT BY weight.
AGGREGATE /OUTFILE=* MODE=ADDVARIABLES /BREAK=region /rate=MEAN(top).
WEIGHT OFF.
AGGREGATE /OUTFILE=* /BREAK=region /n=N /rate=FIRST(rate) /sw=SUM(weight) /sw2=SUM(w2).
COMPUTE neff = sw * sw / sw2.
FORMATS n (F8.0) rate neff (F24.15).
LIST n rate neff.
`;
    fs.writeFileSync(path.join(dir, 'weighted.sps'), check);
    const stdout = await run('pspp', ['-O', 'format=csv', '-o', '-', 'weighted.sps']);
    expect(stdout).not.toMatch(/warning|error/i);
    const list = stdout.slice(stdout.lastIndexOf('Table: Data List'));
    const [, [n, rate, neff]] = parse(list.split('\n').slice(1).join('\n'), {
      relax_column_count: true,
    }) as string[][] as [string[], string[]];
    const r = await report('&weighted=1');
    expect(r.weighted).toBe(true);
    expect(r.overall.weighted).toBe(true);
    expect(Number(n)).toBe(r.overall.n);
    expect(Number(rate)).toBeCloseTo(r.overall.rate, 12);
    expect(Number(neff)).toBeCloseTo(r.overall.nEff, 9);
    // Weighting moves the rate: not the unweighted one.
    expect(Math.abs(r.overall.rate - (await report()).overall.rate)).toBeGreaterThan(1e-6);
  }, 60_000);
});

describe('R runs responses.R', () => {
  it('reads every response as labelled factors and reproduces the region report', async () => {
    await download('social-services/responses.csv?stats=1');
    const script = await download('social-services/responses.R?lang=en');
    expect(script).toBe('ovoz-social-services-responses.R');
    const check = `source(${JSON.stringify(script)}, encoding = "UTF-8")
stopifnot(is.ordered(ovoz$satisfaction), is.factor(ovoz$region))
cat("label:", attr(ovoz$satisfaction, "label"), "\\n")
cat("rows:", nrow(ovoz), "\\n")
cat("ease-na:", sum(is.na(ovoz$drivers_ease)), "\\n")
r <- ovoz[!is.na(ovoz$region) & ovoz$region == ${JSON.stringify(regionName.en)}, ]
top <- as.integer(r$satisfaction) >= 4
cat(sprintf("region: %d,%d,%.15f\\n", sum(!is.na(top)), sum(top, na.rm = TRUE), mean(top, na.rm = TRUE)))
`;
    fs.writeFileSync(path.join(dir, 'check.R'), check);
    const stdout = await run('Rscript', ['--vanilla', 'check.R']);
    expect(stdout).toContain(
      'label: Overall, how satisfied are you with the service you received?',
    );
    expect(stdout).toContain('rows: 240');
    await expectReport(/region: (.*)/.exec(stdout)![1]!.split(','));
  }, 60_000);
});

describe('R weighted', () => {
  it('weighted.mean over the weight reproduces the weighted report and its n_eff', async () => {
    await download(`social-services/responses.csv?stats=1&region=${region}`);
    const script = await download(`social-services/responses.R?region=${region}&lang=ru`);
    const check = `source(${JSON.stringify(script)}, encoding = "UTF-8")
top <- as.integer(ovoz$satisfaction) >= 4
ok <- !is.na(top)
w <- ovoz$weight[ok]
cat(sprintf("weighted: %d,%.15f,%.12f\\n", sum(ok), weighted.mean(top[ok], w), sum(w)^2 / sum(w^2)))
`;
    fs.writeFileSync(path.join(dir, 'weighted.R'), check);
    const stdout = await run('Rscript', ['--vanilla', 'weighted.R']);
    const [n, rate, nEff] = /weighted: (.*)/.exec(stdout)![1]!.split(',').map(Number);
    const r = await report('&weighted=1');
    expect(n).toBe(r.overall.n);
    expect(rate).toBeCloseTo(r.overall.rate, 12);
    expect(nEff).toBeCloseTo(r.overall.nEff, 9);
  }, 60_000);
});

describe('Stata do-file', () => {
  it('reads the same CSV by position, labels every variable and codes the missing answers', async () => {
    const text = await (await get('social-services/responses.do?lang=uz')).text();
    expect(text).toContain('import delimited using `"ovoz-social-services-responses-stats.csv"\'');
    expect(text).toContain('rename v1 id');
    expect(text).toContain('rename v29 comment_');
    expect(text).toContain('replace drivers_ease_n = .a if drivers_ease == `"na"\'');
    // Numbers no label names are read as numbers, never over a missing code.
    expect(text).toContain('replace drivers_ease_n = real(drivers_ease) if drivers_ease_n == .');
    expect(text).toContain('rename v30 weight');
    expect(text).toMatch(/label define region_l 1 `"[^"]+"' 2/);
    expect(text).toContain('label variable satisfaction `"Umuman olganda');
  });
});
