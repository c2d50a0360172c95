/**
 * No single request can stall the server, and nothing a designer saves can be turned against it:
 * on a real server over HTTP. Catastrophic answer formats are refused at save time by question
 * name (and one stored before the check existed is never served); /healthz keeps answering while
 * a large questionnaire is checked; a flood of aborted uploads costs at most one short log line
 * each, rate-limited, with no stack trace and no payload; survey-core's console noise is cut.
 * Orderings and counts only: how fast is bench/stall.ts's business.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { withDb } from '../helpers/database.js';
import { describe, expect, it } from 'vitest';
import { CATASTROPHIC } from '../fixtures/catastrophic-patterns.js';
import { signedInBundledServer } from '../helpers/bundled-server.js';

const t = signedInBundledServer();

/** POSTs as the signed-in admin. */
const post = (path: string, body: unknown) => t.post(path, body, { cookie: t.cookie });

const healthy = async () => (await fetch(`${t.server.url}/healthz`)).status === 200;

/** A text in every language a survey offers, so the survey is ready to open. */
const inAll = (text: string) => ({ uz: text, 'uz-Cyrl': text, ru: text, en: text });

describe('answer formats that could backtrack catastrophically', () => {
  it.each(CATASTROPHIC.map((p, i) => [i, p] as const))(
    'pattern %i (%s) is refused at save time, by question name',
    async (i, pattern) => {
      const res = await post('/api/admin/surveys', {
        slug: `redos-${i}`,
        json: {
          title: 'Pattern',
          elements: [
            { type: 'rating', name: 'satisfaction', role: 'satisfaction' },
            {
              type: 'text',
              name: `passport_${i}`,
              validators: [{ type: 'regex', regex: pattern }],
            },
          ],
        },
      });
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as {
        error: { code: string; fields: { name: string; message: string; code?: string }[] };
      };
      expect(error.code).toBe('InvalidSurvey');
      expect(error.fields).toContainEqual(
        expect.objectContaining({
          name: 'elements[1].validators[0].regex',
          message: expect.stringContaining(`question "passport_${i}"`),
          code: 'PatternUnsafe',
        }),
      );
      expect(await healthy()).toBe(true);
    },
  );

  it('an everyday pattern is accepted, and its worst input is answered while /healthz answers', async () => {
    const created = await post('/api/admin/surveys', {
      slug: 'phone-pattern',
      json: {
        title: inAll('Phone'),
        elements: [
          {
            type: 'rating',
            name: 'satisfaction',
            role: 'satisfaction',
            title: inAll('Satisfied?'),
          },
          {
            type: 'text',
            name: 'phone',
            title: inAll('Phone'),
            validators: [{ type: 'regex', regex: '^\\+998[0-9]{9}$' }],
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect((await post('/api/admin/surveys/phone-pattern/open', '')).status).toBe(200);
    const send = (phone: string) =>
      fetch(`${t.server.url}/api/public/surveys/phone-pattern/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: randomUUID(), answers: { satisfaction: 5, phone } }),
      });
    const [worst, health] = await Promise.all([send(`+998${'9'.repeat(990)}!`), healthy()]);
    expect(worst.status).toBe(422);
    expect(health).toBe(true);
    expect((await send('+998901234567')).status).toBe(201);
  });

  it('a catastrophic pattern stored before the check existed is never served', async () => {
    await withDb(t.server.databaseUrl, async (db) => {
      const now = new Date().toISOString();
      const json = JSON.stringify({
        title: 'Old',
        elements: [
          { type: 'rating', name: 'satisfaction', role: 'satisfaction' },
          { type: 'text', name: 'code', validators: [{ type: 'regex', regex: '^(a+)+$' }] },
        ],
      });
      const { id } = await db
        .insertInto('survey')
        .values({ slug: 'old-redos', status: 'open', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('survey_version')
        .values({ survey_id: id, version: 1, json, hash: 'x', created_at: now })
        .execute();
    });
    const res = await fetch(`${t.server.url}/api/public/surveys/old-redos`);
    expect(res.status).toBe(503);
    const submit = await fetch(`${t.server.url}/api/public/surveys/old-redos/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: randomUUID(),
        answers: { satisfaction: 5, code: `${'a'.repeat(34)}!` },
      }),
    });
    expect(submit.status).toBe(503);
    expect(await healthy()).toBe(true);
  });
});

describe('a large questionnaire is checked off the event loop', () => {
  it('/healthz answers again and again while one design check runs', async () => {
    const json = {
      elements: Array.from({ length: 1000 }, (_, i) => ({
        type: 'text',
        name: `q${i}`,
        title: { uz: `Savol ${i}`, ru: `Вопрос ${i}`, en: `Question ${i}` },
        ...(i ? { visibleIf: `{q${i - 1}} notempty or {q0} = 'x${i}'` } : {}),
      })),
    };
    let checked = false;
    const check = post('/api/admin/surveys/check', { json }).then(async (res) => {
      checked = true;
      return res;
    });
    let answeredMeanwhile = 0;
    while (!checked && answeredMeanwhile < 10_000) {
      expect(await healthy()).toBe(true);
      if (!checked) answeredMeanwhile++;
    }
    const res = await check;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    // Blocking the loop would let through only what was answered while the body was uploading.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(10);
  });
});

describe('the log cannot be flooded', () => {
  it('300 aborted uploads: at most one short line each, rate-limited, no stack, no payload', async () => {
    const before = t.server.output().length;
    const MARK = 'PAYLOAD-MARK-9f3c';
    for (let i = 0; i < 300; i++) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(t.server.port, '127.0.0.1', () => {
          socket.write(
            'POST /api/public/surveys/quick-feedback/responses HTTP/1.1\r\nHost: x\r\n' +
              'Content-Type: application/json\r\nContent-Length: 50000\r\n\r\n' +
              `{"id":"${randomUUID()}","answers":{"comment":"${MARK}`,
          );
          setImmediate(() => socket.destroy());
        });
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    }
    // The server has seen every one of them once /healthz answers after the last.
    expect(await healthy()).toBe(true);
    const lines = t.server.output().slice(before).split('\n').filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(300);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(typeof entry.msg).toBe('string');
      expect(line.length).toBeLessThan(1000);
    }
    expect(t.server.output()).not.toContain(MARK);
    expect(t.server.output()).not.toMatch(/\n\s+at /);
    const aborted = lines.filter((l) => l.includes('"request aborted by the client"'));
    expect(aborted.length).toBeGreaterThanOrEqual(1);
    expect(aborted.every((l) => /"requestId":"[0-9a-f]{16}"/.test(l))).toBe(true);
  });

  it('survey-core’s complaint about a 10 KB bad expression is cut, not logged whole', async () => {
    const bad = `{q0} = '${'x'.repeat(10_000)}' and (((`;
    const res = await post('/api/admin/surveys/check', {
      json: {
        elements: [
          { type: 'text', name: 'q0' },
          { type: 'text', name: 'q1', visibleIf: bad.slice(0, 999) },
        ],
      },
    });
    expect([200, 422]).toContain(res.status);
    const res2 = await post('/api/admin/surveys/check', {
      json: {
        elements: [{ type: 'text', name: 'q0' }],
        calculatedValues: [{ name: 'v', expression: bad }],
      },
    });
    expect([200, 422]).toContain(res2.status);
    const complaints = t.server
      .output()
      .split('\n')
      .filter((l) => l.includes('"library output"') && l.includes('Invalid expression'));
    expect(complaints.length).toBeGreaterThanOrEqual(1);
    for (const line of complaints) expect(line).toMatch(/… \(\d+ characters\)/);
    expect(t.server.output()).not.toContain('x'.repeat(1000));
  });
});
