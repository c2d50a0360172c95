/** A phone that refuses brotli (`br;q=0`) gets gzip or plain JSON, never brotli. */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCodings } from '../../server/http/accept-encoding.js';
import { testApp, type TestApp } from '../helpers/app.js';

describe('acceptedCodings', () => {
  it.each([
    ['br;q=0, gzip', ['gzip']],
    ['gzip, deflate, br', ['br', 'gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0', []],
    ['br;q=0, *', ['gzip']],
    ['identity', []],
    [undefined, []],
  ] as const)('%s → %j', (header, want) => {
    expect(acceptedCodings(header)).toEqual(want);
  });
});

describe('the questionnaire for a phone that refuses brotli', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is sent gzip-compressed when the phone says br;q=0, gzip', async () => {
    const res = await t.app.request('/api/public/surveys/social-services', {
      headers: { 'accept-encoding': 'br;q=0, gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = JSON.parse(gunzipSync(new Uint8Array(await res.arrayBuffer())).toString('utf8'));
    expect(body.slug).toBe('social-services');
  });

  it('is sent plain when the phone refuses both', async () => {
    const res = await t.app.request('/api/public/surveys/social-services', {
      headers: { 'accept-encoding': 'br;q=0, gzip;q=0' },
    });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect((await res.json()).slug).toBe('social-services');
  });
});
