/**
 * Webhook building blocks: which addresses an endpoint may not reach (SSRF), the signature a
 * receiver checks with its replay window, and the retry schedule over 24 hours. The delivery
 * itself is refused for a name that resolves to loopback, against a real listening socket.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { endpointProblem, isPrivateAddress } from '../../server/webhooks/addresses.js';
import { nextAttemptAt, RETRY_FOR_MS } from '../../server/webhooks/backoff.js';
import { post } from '../../server/webhooks/deliver.js';
import {
  REPLAY_WINDOW_SECONDS,
  sign,
  signedHeaders,
  verifySignature,
} from '../../server/webhooks/signature.js';

describe('endpoint addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::1111'])('allows %s', (a) => {
    expect(isPrivateAddress(a)).toBe(false);
  });

  it('refuses private literals, loopback names and other schemes unless allowed', () => {
    expect(endpointProblem('http://127.0.0.1:9000/hook', false)).toMatch(/private/);
    expect(endpointProblem('http://[::1]/hook', false)).toMatch(/private/);
    expect(endpointProblem('http://169.254.169.254/latest/meta-data', false)).toMatch(/private/);
    expect(endpointProblem('http://localhost/hook', false)).toMatch(/loopback/);
    expect(endpointProblem('ftp://example.org/hook', false)).toMatch(/http/);
    expect(endpointProblem('https://user:pw@example.org/hook', false)).toMatch(/password/);
    expect(endpointProblem('https://hooks.example.org/ovoz', false)).toBeNull();
    expect(endpointProblem('http://127.0.0.1:9000/hook', true)).toBeNull();
  });

  it('refuses at delivery a name that resolves to loopback, and sends nothing', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const refused = await post(`http://localhost:${port}/`, '{}', {}, false);
      expect(refused.status).toBeNull();
      expect(refused.error).toMatch(/private address/);
      const literal = await post(`http://127.0.0.1:${port}/`, '{}', {}, false);
      expect(literal.error).toMatch(/private address/);
      expect(requests).toBe(0);
      // Allowed by the admin setting: delivered.
      expect((await post(`http://localhost:${port}/`, '{}', {}, true)).status).toBe(200);
      expect(requests).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('signatures', () => {
  const secret = 'whsec_unit-test-secret';
  const body = '{"id":"evt_1","type":"response.created"}';
  const now = 1_800_000_000_000;

  it('signs "timestamp.body" with HMAC-SHA256, which the receiver verifies', () => {
    const h = signedHeaders(secret, 'evt_1', body, now);
    expect(h['ovoz-webhook-id']).toBe('evt_1');
    expect(h['ovoz-webhook-timestamp']).toBe(String(now / 1000));
    expect(h['ovoz-webhook-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    const headers = {
      timestamp: h['ovoz-webhook-timestamp']!,
      signature: h['ovoz-webhook-signature']!,
    };
    expect(verifySignature(secret, headers, body, now)).toBe(true);
    expect(verifySignature('another secret', headers, body, now)).toBe(false);
    expect(verifySignature(secret, headers, body.replace('1', '2'), now)).toBe(false);
    // Several signatures (while a secret is rotated): any one matching passes.
    const rotated = { ...headers, signature: `v1=${'0'.repeat(64)}, ${headers.signature}` };
    expect(verifySignature(secret, rotated, body, now)).toBe(true);
  });

  it('refuses a request replayed outside the window', () => {
    const ts = now / 1000;
    const headers = { timestamp: String(ts), signature: sign(secret, ts, body) };
    const late = now + (REPLAY_WINDOW_SECONDS + 1) * 1000;
    expect(verifySignature(secret, headers, body, now + REPLAY_WINDOW_SECONDS * 1000)).toBe(true);
    expect(verifySignature(secret, headers, body, late)).toBe(false);
    expect(verifySignature(secret, { ...headers, timestamp: null }, body, now)).toBe(false);
  });
});

describe('retry schedule', () => {
  it('doubles the delay after each failure and gives up after 24 hours', () => {
    const created = 0;
    let at = created;
    const delays: number[] = [];
    for (let attempts = 1; ; attempts++) {
      const next = nextAttemptAt(attempts, created, at, 30_000);
      if (next === null) break;
      delays.push(next - at);
      at = next;
    }
    expect(delays.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...delays)).toBe(6 * 3_600_000);
    expect(at).toBeLessThanOrEqual(RETRY_FOR_MS);
    expect(at).toBeGreaterThan(RETRY_FOR_MS - 6 * 3_600_000);
  });
});
