/**
 * GET /s/:slug: the built page with the open survey's welcome screen in the link's language,
 * compressed, with an ETag (a repeat visit costs a 304) and the page's Content-Security-Policy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_CSP } from '../../server/routes/web.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/server.js';

const TEMPLATE =
  '<!doctype html><html lang="uz"><head><meta name="robots" content="noindex" />' +
  '<title>Ovoz</title></head><body><div id="root">' +
  '<!--ovoz:page--><p class="boot">Loading</p><!--/ovoz:page--></div></body></html>';

let t: TestApp;
let webDir: string;

beforeAll(async () => {
  webDir = tempDir('ovoz-web-');
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'citizen.html'), TEMPLATE);
  t = await testApp({ OVOZ_WEB_DIR: webDir, PUBLIC_URL: 'https://ovoz.example' });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('GET /s/:slug', () => {
  it('has the survey’s welcome screen in the link’s language, the link’s context kept', async () => {
    const res = await t.app.request('/s/quick-feedback?lang=ru&c=abc&start=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CITIZEN_CSP);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('<html lang="ru"');
    expect(html).toContain('<title>Оставьте отзыв</title>');
    expect(html).toContain('<h1 class="title welcome__title">Оставьте отзыв</h1>');
    expect(html).toContain('href="/s/quick-feedback?lang=en&amp;c=abc"');
    // The Start form's own mark is not carried on.
    expect(html).not.toContain('start=1');
    // With scripts off, the welcome links to the plain form of the same link.
    expect(html).toContain('<a href="/s/quick-feedback?lang=ru&amp;c=abc&amp;basic=1">');
  });

  it('defaults to Uzbek, and a repeat visit with the ETag costs a 304', async () => {
    const res = await t.app.request('/s/quick-feedback', { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    const etag = res.headers.get('etag')!;
    const again = await t.app.request('/s/quick-feedback', {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const plain = await (await t.app.request('/s/quick-feedback?lang=xx')).text();
    expect(plain).toContain('<html lang="uz"');
    expect(plain).toContain('Fikringizni bildiring');
  });

  it('is the page as built when the survey is unknown (its script says so)', async () => {
    for (const slug of ['no-such-survey', 'UPPER', 'a'.repeat(300)]) {
      const res = await t.app.request(`/s/${slug}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(TEMPLATE);
    }
  });
});

describe('what search engines see', () => {
  const head = (html: string) => html.slice(0, html.indexOf('</head>'));

  it('the public page is indexable, canonical and alternates under the public URL', async () => {
    const res = await t.app.request('/s/quick-feedback?lang=ru');
    expect(res.headers.get('x-robots-tag')).toBeNull();
    const html = head(await res.text());
    expect(html).not.toContain('noindex');
    expect(html).toContain('<meta name="description" content="');
    expect(html).toContain(
      '<link rel="canonical" href="https://ovoz.example/s/quick-feedback?lang=ru">',
    );
    expect(html).toContain(
      '<link rel="alternate" hreflang="uz-Cyrl" href="https://ovoz.example/s/quick-feedback?lang=uz-Cyrl">',
    );
  });

  it('a one-time link is noindex (header and page), canonical to the public address', async () => {
    const res = await t.app.request('/s/quick-feedback?t=one-time-secret&lang=en');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const html = head(await res.text());
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain(
      '<link rel="canonical" href="https://ovoz.example/s/quick-feedback?lang=en">',
    );
    expect(html).not.toContain('one-time-secret');
  });

  it('an unknown survey stays noindex', async () => {
    expect(await (await t.app.request('/s/no-such-survey')).text()).toContain('noindex');
  });

  it('robots.txt lets them read the surveys, not the admin app or the API', async () => {
    const res = await t.app.request('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toEqual(['User-agent: *', 'Allow: /s/', 'Disallow: /admin', 'Disallow: /api/']);
  });
});
