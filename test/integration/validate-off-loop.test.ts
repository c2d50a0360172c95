/**
 * Answers to a survey survey-core must check itself (dynamic panels and matrices, rankings…) are
 * checked in the validating worker, never on the event loop: on a real (bundled) server over HTTP, /healthz
 * keeps answering while a slow household roster is being validated, and the worker's verdicts are
 * the compiled validator's own. Orderings and counts only: bench/validator-stall.ts measures.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { serveValidator } from '../../server/ingest/served-validator.js';
import type { ValidateOutcome, ValidateTask } from '../../server/ingest/validate-task.js';
import { compileValidator } from '../../server/ingest/validator.js';
import { CheckPool } from '../../server/survey/check-pool.js';
import type { SurveyJson } from '../../common/survey/types.js';
import { signedInBundledServer } from '../helpers/bundled-server.js';
import { rosterAnswers, slowRoster } from '../fixtures/slow-roster.js';

const inAll = (text: string) => ({ uz: text, 'uz-Cyrl': text, ru: text, en: text });

describe('a slow survey-core validation on a real server', () => {
  // Bundled, as `npm start` runs it: the worker is the bundle's check-worker.mjs.
  const t = signedInBundledServer();
  const post = t.post;

  it('/healthz answers again and again while a household roster is validated', async () => {
    const json = slowRoster({ title: inAll('Household'), texts: inAll });
    const created = await post(
      '/api/admin/surveys',
      { slug: 'roster', json },
      { cookie: t.cookie },
    );
    expect(created.status).toBe(201);
    expect((await post('/api/admin/surveys/roster/open', '', { cookie: t.cookie })).status).toBe(
      200,
    );
    const send = (answers: unknown) =>
      post('/api/public/surveys/roster/responses', { id: randomUUID(), answers });
    // The first answer set also compiles the survey; the measured one finds it ready.
    const first = await send(rosterAnswers(1));
    expect(first.status, `${await first.text()}\n${t.server.output().slice(-3000)}`).toBe(201);

    let done = false;
    const slow = send(rosterAnswers(10)).then((res) => {
      done = true;
      return res;
    });
    let answeredMeanwhile = 0;
    while (!done && answeredMeanwhile < 10_000) {
      expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
      if (!done) answeredMeanwhile++;
    }
    const res = await slow;
    expect(res.status).toBe(201);
    // On the event loop, only what came before the validation started could be answered.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(10);

    const wrong = rosterAnswers(2) as { household: Record<string, unknown>[] };
    wrong.household[1]!.f0 = 'not offered';
    const refused = await send(wrong);
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as { error: { fields: { name: string }[] } };
    expect(error.fields.map((f) => f.name)).toEqual(['household[1].f0']);
  });
});

describe('the validating worker', () => {
  const json = slowRoster({}) as SurveyJson;

  it('decides as the compiled validator does, while the event loop turns', async () => {
    const served = await serveValidator(json);
    expect(served.checker).toBe('survey-core');
    const local = compileValidator(json);
    const events: string[] = [];
    const slow = served.validate(rosterAnswers(10)).then((r) => {
      events.push('validated');
      return r;
    });
    setImmediate(() => events.push('loop turned'));
    expect(await slow).toEqual(local.validate(rosterAnswers(10)));
    // The roster is checked in another thread: the loop turns before its verdict comes back.
    expect(events).toEqual(['loop turned', 'validated']);

    const cases: unknown[] = [
      rosterAnswers(3),
      { ...rosterAnswers(2), extra: 1 },
      { household: [{ f0: 'z' }] },
      { household: [{ f0: 'a', f1: 'x', f3: 'b' }] },
      { household: 'text' },
      {},
      [],
    ];
    for (const answers of cases) {
      expect(await served.validate(answers)).toEqual(local.validate(answers));
    }
  });

  it('a survey the compiled checker covers is checked on the spot', async () => {
    const served = await serveValidator({ elements: [{ type: 'text', name: 't' }] });
    expect(served.checker).toBe('compiled');
    expect(await served.validate({ t: 'x' })).toEqual({ ok: true, data: { t: 'x' } });
  });

  it('a questionnaire it cannot check is refused when compiled', async () => {
    await expect(
      serveValidator({
        elements: [
          { type: 'paneldynamic', name: 'p', templateElements: [{ type: 'file', name: 'f' }] },
        ],
      } as SurveyJson),
    ).rejects.toThrow(/not supported|upload/);
  });

  it('over its time budget: 503 with Retry-After, and the next validation still runs', async () => {
    const words = {
      task: 'answer validation',
      busy: () => new AppError('Unavailable', 'busy', undefined, 5),
      overBudget: () => new AppError('Unavailable', 'over budget', undefined, 5),
      crashed: () => new AppError('Unavailable', 'crashed', undefined, 5),
    };
    const pool = new CheckPool<ValidateTask, ValidateOutcome>(4, words, 60_000);
    const served = await serveValidator(json, pool);
    const key = 'budget';
    const text = JSON.stringify(json);
    await expect(
      pool.run({ validate: { key, json: text, answers: rosterAnswers(10) } }, 1),
    ).rejects.toMatchObject({ code: 'Unavailable', status: 503, retryAfter: 5 });
    expect((await served.validate(rosterAnswers(1))).ok).toBe(true);
    await pool.close();
  });
});
