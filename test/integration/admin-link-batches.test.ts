/** Batches of one-time links: as CSV, and as printable receipt slips with QR codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLIP_INSTRUCTIONS } from '../../server/links/slips.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { auditEntries, call, errorOf, signIn, userSession } from '../helpers/session.js';

let t: TestApp;
let admin: string;
let sociologist: string;
let manager: string;

const EVENT = { survey: 'social-services', provider: 'P-SA-01-1', serviceType: 'pension' };

beforeAll(async () => {
  t = await testApp();
  admin = await signIn(t.app);
  sociologist = await userSession(t.app, admin, 'sofia', 'sociologist');
  manager = await userSession(t.app, admin, 'mansur', 'manager', ['UZ-SA']);
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/admin/service-events.csv', () => {
  it('201: a CSV (BOM, header) of url, token, expiresAt; the links work; audited without tokens', async () => {
    const res = await call(t.app, 'POST', '/api/admin/service-events.csv', admin, {
      ...EVENT,
      count: 3,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      'ovoz-links-social-services-P-SA-01-1.csv',
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFurl,token,expiresAt\r\n')).toBe(true);
    const rows = text
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows).toHaveLength(3);
    for (const [url, token, expiresAt] of rows) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(url).toBe(`${t.booted.deps.config.publicUrl}/s/social-services?t=${token}`);
      expect(Date.parse(expiresAt!)).toBeGreaterThan(Date.now());
    }
    const opened = await t.app.request(`/api/public/surveys/social-services?t=${rows[0]![1]}`);
    expect(opened.status).toBe(200);

    const entry = (await auditEntries(t.app, admin)).find((e) => e.action === 'links.issue');
    expect(entry).toMatchObject({
      target: 'social-services',
      details: { provider: 'P-SA-01-1', count: 3, format: 'csv' },
    });
    expect(JSON.stringify(entry)).not.toContain(rows[0]![1]);
  });

  it('the same checks as service-events: unknown provider 404, bad body 400', async () => {
    const unknown = await call(t.app, 'POST', '/api/admin/service-events.csv', admin, {
      ...EVENT,
      provider: 'P-NONE',
    });
    expect(unknown.status).toBe(404);
    const bad = await call(t.app, 'POST', '/api/admin/service-events.csv', admin, {
      ...EVENT,
      count: 0,
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields![0]!.name).toBe('count');
  });
});

describe('POST /api/admin/service-events/slips', () => {
  it('201: A4 pages of 8 slips, a QR code each, instructions and the expiry date, a strict CSP', async () => {
    // A provider name that tries to inject markup into the printed page.
    const put = await call(t.app, 'PUT', '/api/admin/registry/providers/P-EVIL', admin, {
      region: 'UZ-SA',
      district: 'UZ-SA-01',
      sector: 'private',
      names: { uz: '<script>alert(1)</script>Klinika', ru: 'Клиника', en: 'Clinic' },
    });
    expect(put.status).toBe(201);
    const res = await call(t.app, 'POST', '/api/admin/service-events/slips', admin, {
      survey: 'social-services',
      provider: 'P-EVIL',
      count: 9,
      expiresInDays: 10,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    const html = await res.text();
    expect(html.match(/class="page"/g)).toHaveLength(2);
    expect(html.match(/class="slip"/g)).toHaveLength(9);
    expect(html.match(/<svg/g)).toHaveLength(9);
    expect(html).toContain('@page { size: A4');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;Klinika');
    expect(html).toContain(SLIP_INSTRUCTIONS.ru);
    const links = [...html.matchAll(/<p class="link">([^<]+)<\/p>/g)].map((m) => m[1]);
    expect(new Set(links).size).toBe(9);
    const offset = t.booted.deps.config.utcOffsetMinutes * 60_000;
    const expires = new Date(Date.now() + 10 * 86_400_000 + offset).toISOString().slice(0, 10);
    expect(html).toContain(`valid until ${expires}`);
    const entry = (await auditEntries(t.app, admin)).find((e) => e.action === 'links.issue');
    expect(entry).toMatchObject({ details: { provider: 'P-EVIL', count: 9, format: 'slips' } });
  });

  it('at most 200 slips at once', async () => {
    const res = await call(t.app, 'POST', '/api/admin/service-events/slips', admin, {
      ...EVENT,
      count: 201,
    });
    expect(res.status).toBe(400);
  });
});

describe('roles', () => {
  it('sociologists and managers get 403; no session 401', async () => {
    for (const url of ['/api/admin/service-events.csv', '/api/admin/service-events/slips']) {
      expect((await call(t.app, 'POST', url, sociologist, EVENT)).status, url).toBe(403);
      expect((await call(t.app, 'POST', url, manager, EVENT)).status, url).toBe(403);
      expect((await call(t.app, 'POST', url, 'ovoz_session=x', EVENT)).status, url).toBe(401);
    }
  });
});
