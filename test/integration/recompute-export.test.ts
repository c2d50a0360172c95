/**
 * The export reproduces the reports (issue: statistics a methodologist signs off, item 7): R
 * runs docs/recompute.R — base R, no Ovoz code — on the downloaded responses CSV and must give one
 * region's satisfaction rate and Wilson interval, delivery median and Social KPI index exactly
 * as the indicators report (exact figures) gives them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/demo/generate.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { ROOT } from '../helpers/server.js';
import { signIn } from '../helpers/session.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const exec = promisify(execFile);
let t: TestApp;
let cookie: string;
let dir: string;

beforeAll(async () => {
  t = await testApp();
  const { storage, config } = t.booted.deps;
  // No service volumes: the coverage component is administrative, not in the export.
  await loadDemo(
    { storage, utcOffsetMinutes: config.utcOffsetMinutes },
    { end: '2026-10-31', responses: 3000, volumes: false },
  );
  cookie = await signIn(t.app);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovoz-recompute-'));
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('docs/recompute.R', () => {
  it("reproduces a region's satisfaction, delivery median and KPI index from the CSV alone", async () => {
    const res = await t.app.request('/api/exports/social-services/responses.csv', {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const csv = path.join(dir, 'responses.csv');
    fs.writeFileSync(csv, Buffer.from(await res.arrayBuffer()));
    const rep = await t.app.request(
      '/api/reports/indicators?survey=social-services&groupBy=region&exact=1',
      { headers: { cookie } },
    );
    const body = (await rep.json()) as Json;
    expect(rep.status).toBe(200);
    // The region with the most answers.
    const row = [...body.groups].sort((a: Json, b: Json) => b.satisfaction.n - a.satisfaction.n)[0];
    const region = row.group.region as string;
    const script = path.join(ROOT, 'docs', 'recompute.R');
    const { stdout } = await exec('Rscript', ['--vanilla', script, csv, region], { cwd: dir });

    const sat = /satisfaction: n=(\d+) rate=([\d.]+) ci95=([\d.]+),([\d.]+)/.exec(stdout)!;
    expect(sat, stdout).not.toBeNull();
    expect(Number(sat[1])).toBe(row.satisfaction.n);
    expect(Number(sat[2])).toBeCloseTo(row.satisfaction.rate, 10);
    expect(Number(sat[3])).toBeCloseTo(row.satisfaction.ci95[0], 10);
    expect(Number(sat[4])).toBeCloseTo(row.satisfaction.ci95[1], 10);

    const del = /delivery: n=(\d+) median=([\d.]+)/.exec(stdout)!;
    expect(del, stdout).not.toBeNull();
    expect(Number(del[1])).toBe(row.deliveryTime.n);
    expect(Number(del[2])).toBe(row.deliveryTime.median);

    const kpi = /kpi: index=([\d.]+) components=(\S+)/.exec(stdout)!;
    expect(kpi, stdout).not.toBeNull();
    expect(kpi[2]!.split(',')).toEqual(row.kpi.components);
    expect(Number(kpi[1])).toBeCloseTo(row.kpi.index, 10);
  }, 60_000);
});
