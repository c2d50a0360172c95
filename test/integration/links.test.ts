/**
 * One-time links from service events, provider API keys, QR codes and posters: on a real database
 * (test/helpers/database.ts), and the one-token race through a real listening server.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTER_INSTRUCTIONS } from '../../server/links/poster.js';
import { hashToken, newToken } from '../../server/links/tokens.js';
import { estimateMinutes } from '../../common/citizen/welcome.js';
import { postJson, testApp, type TestApp } from '../helpers/app.js';
import { foreignKeyTargets, tableColumns, withDb } from '../helpers/database.js';
import { histogramBlocks } from '../helpers/rollup-snapshot.js';
import { signInOver, startServer, tempDir } from '../helpers/server.js';
import { signIn } from '../helpers/session.js';

const SURVEY = 'social-services';
const PROVIDER = 'P-SA-01-1'; // state centre, district UZ-SA-01, region UZ-SA
const OTHER_PROVIDER = 'P-SA-01-2';
const EVENT = {
  survey: SURVEY,
  provider: PROVIDER,
  serviceType: 'pension',
  requestedAt: '2026-10-01',
  deliveredAt: '2026-10-15',
};

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
});
afterAll(async () => {
  await t.close();
});

interface Issued {
  links: Array<{ url: string; token: string; expiresAt: string }>;
}

async function issue(body: object = EVENT, headers: Record<string, string> = { cookie: admin }) {
  return postJson(t.app, '/api/admin/service-events', body, headers);
}

async function issueOne(body: object = EVENT): Promise<string> {
  const res = await issue(body);
  expect(res.status).toBe(201);
  return ((await res.json()) as Issued).links[0]!.token;
}

/** A complete, valid answer set for social-services when the link fixes provider, district and region. */
const ANSWERS = {
  satisfaction: 4,
  drivers: {
    timeliness: 3,
    ease: 4,
    information: 4,
    courtesy: 5,
    fairness: 5,
    accessibility: 'na',
    outcome: 4,
  },
  trust: 4,
  paid: 'none',
  delivery_days: 30,
  channel: 'centre',
};

const read = (token: string) => t.app.request(`/api/public/surveys/${SURVEY}?t=${token}`);
const submit = (token: string, id = randomUUID(), answers: object = ANSWERS) =>
  postJson(t.app, `/api/public/surveys/${SURVEY}/responses`, { id, answers, lang: 'ru', t: token });
const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;
const db = () => t.booted.deps.db;
const responseRow = (id: string) =>
  db().selectFrom('response').selectAll().where('id', '=', id).executeTakeFirst();
const responseCount = async (id: string) =>
  (
    await db()
      .selectFrom('response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).n;

describe('one-time links from service events', () => {
  const firstId = randomUUID();
  let token: string;
  let unused: string;
  let firstReceipt: unknown;

  it('issues links: 201 with url, token and a 30-day expiry', async () => {
    const before = Date.now();
    const res = await issue({ ...EVENT, count: 3 });
    expect(res.status).toBe(201);
    const { links } = (await res.json()) as Issued;
    expect(links).toHaveLength(3);
    expect(new Set(links.map((l) => l.token)).size).toBe(3);
    for (const l of links) {
      expect(l.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(l.url).toBe(`${t.booted.deps.config.publicUrl}/s/${SURVEY}?t=${l.token}`);
      const days = (Date.parse(l.expiresAt) - before) / 86_400_000;
      expect(days).toBeGreaterThan(29.99);
      expect(days).toBeLessThan(30.01);
    }
    token = links[0]!.token;
    unused = links[1]!.token;
  });

  it('GET with t: the context names the provider and its area (the service dates stay on the server)', async () => {
    const res = await read(token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { context: unknown }).context).toEqual({
      provider: PROVIDER,
      district: 'UZ-SA-01',
      region: 'UZ-SA',
    });
  });

  it('POST with t: 201, the row carries the provider, its area and sector, and service_days', async () => {
    const res = await submit(token, firstId);
    expect(res.status, await res.clone().text()).toBe(201);
    firstReceipt = await res.json();
    const row = await responseRow(firstId);
    expect(row).toMatchObject({
      provider: PROVIDER,
      district: 'UZ-SA-01',
      region: 'UZ-SA',
      sector: 'state',
      service_days: 14,
    });
    // The service-event days, not the citizen's recollection, count as the delivery time.
    const delivery = new Set(
      (await histogramBlocks(db(), 'delivery_days')).map((h) =>
        JSON.stringify({
          base: h.base,
          fourteen: h.counts[14]! > 0 ? 1 : 0,
          n: h.counts.reduce((a, b) => a + b, 0),
        }),
      ),
    );
    expect([...delivery]).toEqual([JSON.stringify({ base: 0, fourteen: 1, n: 1 })]);
  });

  it('the same token with another response id: 409 TokenUsed, nothing stored', async () => {
    const id = randomUUID();
    const res = await submit(token, id);
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('TokenUsed');
    expect(await responseCount(id)).toBe(0);
  });

  it('GET with a used token answers exactly as with an unused one: opening a link never tells', async () => {
    const used = await read(token);
    const fresh = await read(unused);
    expect(used.status).toBe(200);
    expect(fresh.status).toBe(200);
    expect(used.headers.get('etag')).toBe(fresh.headers.get('etag'));
    expect(await used.text()).toBe(await fresh.text());
  });

  it('a response through a one-time link keeps its day only, not its hour', async () => {
    const row = await t.booted.deps.db
      .selectFrom('response')
      .select(['submitted_at', 'day'])
      .where('id', '=', firstId)
      .executeTakeFirstOrThrow();
    // Local midnight (UTC+5) of the local day, in UTC.
    const midnight = new Date(Date.parse(`${row.day}T00:00:00Z`) - 5 * 3_600_000).toISOString();
    expect(row.submitted_at).toBe(midnight);
  });

  it('a retry of the first response id after its token was redeemed: 200, the same receipt', async () => {
    const res = await submit(token, firstId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(firstReceipt);
    expect(await responseCount(firstId)).toBe(1);
  });

  it('an expired token: 410 TokenExpired on GET and POST', async () => {
    const { token: raw, hash } = newToken();
    const survey = await db()
      .selectFrom('survey')
      .select('id')
      .where('slug', '=', SURVEY)
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('service_token')
      .values({
        token_hash: hash,
        survey_id: survey.id,
        provider: PROVIDER,
        region: 'UZ-SA',
        district: 'UZ-SA-01',
        expires_at: new Date(Date.now() - 60_000).toISOString(),
      })
      .execute();
    const got = await read(raw);
    expect(got.status).toBe(410);
    expect(await errorCode(got)).toBe('TokenExpired');
    const posted = await submit(raw);
    expect(posted.status).toBe(410);
    expect(await errorCode(posted)).toBe('TokenExpired');
  });

  it.each([
    ['forged', () => newToken().token],
    ['malformed', () => 'not-a-token'],
  ])('a %s token: 400 InvalidContext', async (_, make) => {
    const raw = make();
    const got = await read(raw);
    expect(got.status).toBe(400);
    expect(await errorCode(got)).toBe('InvalidContext');
    const posted = await submit(raw);
    expect(posted.status).toBe(400);
    expect(await errorCode(posted)).toBe('InvalidContext');
  });

  it("another survey's token: 400 InvalidContext", async () => {
    const raw = await issueOne();
    const res = await t.app.request(`/api/public/surveys/quick-feedback?t=${raw}`);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('InvalidContext');
  });

  it('refuses bad service events', async () => {
    for (const [body, status] of [
      [{ ...EVENT, count: 0 }, 400],
      [{ ...EVENT, count: 1001 }, 400],
      [{ ...EVENT, requestedAt: '2026-10-20' }, 400],
      [{ ...EVENT, requestedAt: '1 Oct 2026' }, 400],
      [{ ...EVENT, provider: 'P-NOPE-1' }, 404],
      [{ ...EVENT, survey: 'no-such-survey' }, 404],
    ] as const) {
      expect((await issue(body)).status).toBe(status);
    }
    const text = await t.app.request('/api/admin/service-events', {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'text/plain' },
      body: JSON.stringify(EVENT),
    });
    expect(text.status).toBe(415);
  });
});

describe('token anonymity', () => {
  it('the token table holds only hashes and nothing that leads to a response', async () => {
    const res = await issue({ ...EVENT, count: 2 });
    const { links } = (await res.json()) as Issued;
    const [used, unused] = links.map((l) => l.token) as [string, string];
    const id = randomUUID();
    expect((await submit(used, id)).status).toBe(201);

    const dump = JSON.stringify(await db().selectFrom('service_token').selectAll().execute());
    expect(dump).not.toContain(used);
    expect(dump).not.toContain(unused);
    expect(dump).not.toContain(id);
    // No response id, no time of use: nothing to join on.
    const columns = await tableColumns(db(), 'service_token');
    expect(columns.sort()).toEqual(
      [
        'token_hash',
        'survey_id',
        'provider',
        'region',
        'district',
        'service_type',
        'requested_at',
        'delivered_at',
        'expires_at',
        'used',
      ].sort(),
    );
    const references = await foreignKeyTargets(db(), 'service_token');
    expect(references).toContain('survey');
    expect(references).not.toContain('response');
    // Redeemed: a flag, no time of use, and the service details cleared.
    expect(
      await db()
        .selectFrom('service_token')
        .selectAll()
        .where('token_hash', '=', hashToken(used))
        .executeTakeFirst(),
    ).toMatchObject({
      used: 1,
      service_type: null,
      requested_at: null,
      delivered_at: null,
    });

    // The response row cannot confirm the token either.
    const row = JSON.stringify(await responseRow(id));
    expect(row).not.toContain(used);
    expect(row).not.toContain(hashToken(used));

    // The audit log records the issuance, never a token.
    const audit = JSON.stringify(
      await db().selectFrom('audit_log').selectAll().where('action', '=', 'links.issue').execute(),
    );
    expect(audit).toContain(PROVIDER);
    for (const l of links) expect(audit).not.toContain(l.token);
  });
});

describe('provider API keys', () => {
  let key: string;

  it('an admin creates a key, shown once and stored as a hash', async () => {
    const res = await postJson(
      t.app,
      '/api/admin/api-keys',
      { provider: PROVIDER, label: 'SA IT' },
      { cookie: admin },
    );
    expect(res.status).toBe(201);
    key = ((await res.json()) as { key: string }).key;
    expect(key).toMatch(/^ovoz_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await db().selectFrom('api_key').selectAll().execute())).not.toContain(
      key,
    );
    const unknown = await postJson(
      t.app,
      '/api/admin/api-keys',
      { provider: 'P-NOPE-1', label: 'x' },
      { cookie: admin },
    );
    expect(unknown.status).toBe(404);
    const anonymous = await postJson(t.app, '/api/admin/api-keys', {
      provider: PROVIDER,
      label: 'x',
    });
    expect(anonymous.status).toBe(401);
  });

  it("issues links for its own provider (201), not another's (403)", async () => {
    const own = await issue(EVENT, { authorization: `Bearer ${key}` });
    expect(own.status).toBe(201);
    expect(((await own.json()) as Issued).links).toHaveLength(1);
    const other = await issue(
      { ...EVENT, provider: OTHER_PROVIDER },
      { authorization: `Bearer ${key}` },
    );
    expect(other.status).toBe(403);
    expect(await errorCode(other)).toBe('Forbidden');
  });

  it('no key, a wrong key or a revoked key: 401', async () => {
    expect((await issue(EVENT, {})).status).toBe(401);
    expect((await issue(EVENT, { authorization: 'Bearer ovoz_nope' })).status).toBe(401);
    const created = await postJson(
      t.app,
      '/api/admin/api-keys',
      { provider: PROVIDER, label: 'old' },
      { cookie: admin },
    );
    const { id, key: old } = (await created.json()) as { id: number; key: string };
    const revoked = await t.app.request(`/api/admin/api-keys/${id}/revoke`, {
      method: 'POST',
      headers: { cookie: admin },
    });
    expect(revoked.status).toBe(200);
    const res = await issue(EVENT, { authorization: `Bearer ${old}` });
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('Unauthenticated');
  });
});

/** The dark modules of the SVG the qrcode library draws ("M4 4.5h7m3 0h1…"), as a PBM image zbarimg reads. */
function svgToPbm(svg: string, scale = 8): string {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const dark = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args!
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (cmd === 'M') [x, y] = [n[0]!, n[1]!];
    else if (cmd === 'm') [x, y] = [x + n[0]!, y + n[1]!];
    else {
      const to = cmd === 'h' ? x + n[0]! : n[0]!;
      for (let i = x; i < to; i++) dark[Math.floor(y)]![i] = 1;
      x = to;
    }
  }
  const rows = dark.flatMap((r) => {
    const line = r.flatMap((v) => new Array<number>(scale).fill(v)).join(' ');
    return new Array<string>(scale).fill(line);
  });
  return `P1\n${size * scale} ${size * scale}\n${rows.join('\n')}\n`;
}

function zbar(file: string): string {
  return execFileSync('zbarimg', ['--nodbus', '--quiet', '--raw', file], { encoding: 'utf8' })
    .replace(/^QR-Code:/, '')
    .replace(/\r?\n$/, '');
}

describe('QR codes and posters', () => {
  const qr = (query: string, cookie = admin) =>
    t.app.request(`/api/admin/surveys/${SURVEY}/qr?${query}`, { headers: { cookie } });
  let dir: string;
  beforeAll(() => {
    dir = tempDir('ovoz-qr-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('PNG: scans to exactly the signed link, and the link opens the survey with its context', async () => {
    const res = await qr(`format=png&provider=${PROVIDER}&channel=centre&lang=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(
      /filename="ovoz-social-services-P-SA-01-1-centre\.png"/,
    );
    const link = res.headers.get('x-ovoz-link')!;
    expect(link).toMatch(
      new RegExp(`^${t.booted.deps.config.publicUrl}/s/${SURVEY}\\?c=[^&]+&lang=ru$`),
    );
    const file = path.join(dir, 'qr.png');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(zbar(file)).toBe(link);

    const url = new URL(link);
    const opened = await t.app.request(
      `/api/public/surveys/${SURVEY}?c=${url.searchParams.get('c')}`,
    );
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as { context: unknown }).context).toEqual({
      provider: PROVIDER,
      district: 'UZ-SA-01',
      region: 'UZ-SA',
      channel: 'centre',
    });
    // The signature covers the survey: the same link on another survey is refused.
    const elsewhere = await t.app.request(
      `/api/public/surveys/quick-feedback?c=${url.searchParams.get('c')}`,
    );
    expect(elsewhere.status).toBe(400);
    expect(await errorCode(elsewhere)).toBe('InvalidContext');
  });

  it('a channel outside the closed list is refused, not signed', async () => {
    const res = await qr(`format=svg&provider=${PROVIDER}&channel=evilchan`);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('InvalidQuery');
    expect(res.headers.get('x-ovoz-link')).toBeNull();
  });

  it('SVG: a well-formed SVG document that scans to the same kind of link', async () => {
    const res = await qr('format=svg&district=UZ-SA-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(
      /filename="ovoz-social-services-UZ-SA-01\.svg"/,
    );
    const svg = await res.text();
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]*>.*<\/svg>\s*$/s,
    );
    expect(svg).not.toMatch(/<script|href=/i);
    const file = path.join(dir, 'qr.pbm');
    fs.writeFileSync(file, svgToPbm(svg));
    const link = res.headers.get('x-ovoz-link')!;
    expect(zbar(file)).toBe(link);
    const opened = await t.app.request(
      `/api/public/surveys/${SURVEY}?c=${new URL(link).searchParams.get('c')}`,
    );
    expect(((await opened.json()) as { context: unknown }).context).toEqual({
      district: 'UZ-SA-01',
      region: 'UZ-SA',
    });
  });

  it('unknown or inconsistent codes: 400 InvalidQuery; unknown survey: 404; no session: 401', async () => {
    for (const query of [
      'provider=P-NOPE-1',
      'region=UZ-XX',
      'provider=P-SA-01-1&region=UZ-TO',
      'format=gif',
      'lang=fr',
      'channel=a%20b',
    ]) {
      const res = await qr(query);
      expect(res.status, query).toBe(400);
      expect(await errorCode(res)).toBe('InvalidQuery');
    }
    const missing = await t.app.request('/api/admin/surveys/no-such-survey/qr', {
      headers: { cookie: admin },
    });
    expect(missing.status).toBe(404);
    expect((await t.app.request(`/api/admin/surveys/${SURVEY}/qr`)).status).toBe(401);
  });

  it('a manager may not make QR codes: 403', async () => {
    const created = await postJson(
      t.app,
      '/api/admin/users',
      {
        username: 'qr-manager',
        password: 'manager-password-long',
        role: 'manager',
        regions: ['UZ-SA'],
      },
      { cookie: admin },
    );
    expect(created.status).toBe(201);
    const manager = await signIn(t.app, 'qr-manager', 'manager-password-long');
    expect((await qr('format=svg', manager)).status).toBe(403);
  });

  it('poster: A4 HTML with the title, the provider, the inline QR, the short address and four instruction lines, all escaped', async () => {
    await db()
      .insertInto('provider')
      .values({
        code: 'P-XSS-1',
        district_code: 'UZ-SA-01',
        region_code: 'UZ-SA',
        sector: 'ngo',
        name_uz: '<script>alert(1)</script> & "Co"',
        name_uz_cyrl: 'x',
        name_ru: '<img src=x onerror=alert(2)>',
        name_en: 'Evil Ltd',
      })
      .execute();
    t.booted.deps.registry.invalidate();

    const res = await t.app.request(`/api/admin/surveys/${SURVEY}/poster?provider=P-XSS-1`, {
      headers: { cookie: admin },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    // What to do and how long it takes, in every language: the survey's own estimate.
    const survey = await t.booted.deps.catalog.bySlug(SURVEY);
    const minutes = estimateMinutes(survey!.latest.json);
    for (const line of Object.values(POSTER_INSTRUCTIONS)) expect(html).toContain(line(minutes));
    expect(html).toContain('Ijtimoiy xizmatlar haqida fikringiz');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|<[^>]*\ssrc=|url\(/i);
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(html).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(html).toContain(`/s/${SURVEY}?c=`);

    // The printed short address opens the same signed link as the QR code; printed again, the
    // poster keeps its code.
    const short = /\/k\/([2-9A-HJ-NP-Z]{4})</.exec(html)?.[1];
    expect(short).toBeDefined();
    const signed = /<a class="link" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(signed).toContain(`/s/${SURVEY}?c=`);
    const opened = await t.app.request(`/k/${short!.toLowerCase()}`);
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe(signed);
    const again = await t.app.request(`/api/admin/surveys/${SURVEY}/poster?provider=P-XSS-1`, {
      headers: { cookie: admin },
    });
    expect(await again.text()).toContain(`/k/${short!}<`);
    const unknown = await t.app.request('/k/ZZZZZ');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Такой код не найден');

    const missing = await t.app.request(`/api/admin/surveys/${SURVEY}/poster`, {
      headers: { cookie: admin },
    });
    expect(missing.status).toBe(400);
  });
});

describe('one token, 50 parallel submissions through a real server', () => {
  it('exactly one 201, 49 × 409 TokenUsed, exactly one row', async () => {
    const server = await startServer();
    try {
      const cookie = await signInOver(server.url);
      const issued = await fetch(`${server.url}/api/admin/service-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(EVENT),
      });
      expect(issued.status).toBe(201);
      const token = ((await issued.json()) as Issued).links[0]!.token;

      const results = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const res = await fetch(`${server.url}/api/public/surveys/${SURVEY}/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ id: randomUUID(), answers: ANSWERS, t: token }),
          });
          return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
        }),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const refused = results.filter((r) => r.status === 409);
      expect(refused).toHaveLength(49);
      expect(refused.every((r) => r.body.error?.code === 'TokenUsed')).toBe(true);

      const stored = await withDb(server.databaseUrl, (other) =>
        other
          .selectFrom('response')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      );
      expect(stored).toEqual({ n: 1 });
    } finally {
      await server.stop();
      fs.rmSync(server.dir, { recursive: true, force: true });
    }
  });
});
