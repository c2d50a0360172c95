/**
 * Which questionnaires of the shared SurveyJS corpus (../shared/surveyjs-corpus, real surveys from
 * public repositories) Ovoz accepts as published, and why it refuses the others: only for a file
 * or signature upload, choices loaded from a web address, or an element type outside survey-core's
 * standard catalog, each named. For every accepted one: the empty answer set gets survey-core's
 * own verdict, an unknown key is refused, a value of the wrong shape is refused by field, and
 * generated answer sets (valid, near-valid, malformed) get the verdict and the stored data of
 * survey-core (test/helpers/survey-reference.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Model } from 'survey-core';
import { afterAll, describe, expect, test } from 'vitest';
import { checkerOf, compileValidator } from '../../server/ingest/validator.js';
import { checkSurvey } from '../../server/survey/check.js';
import { registerOvozProperties } from '../../common/survey/properties.js';
import type { SurveyJson } from '../../common/survey/types.js';
import { Generator, Rng, reference } from '../helpers/survey-reference.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = path.resolve(ROOT, '../shared/surveyjs-corpus');
const FILES = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** What may keep a corpus questionnaire out: requests to others, uploads, non-standard types. */
const ALLOWED_REFUSAL =
  /choicesByUrl|file or signature upload|unknown element type "custom-question"/;

const ACCEPTED = 28;
/** Generated answer sets per accepted questionnaire (a fresh survey-core Model each). */
const CASES = 25;
const SEED = 20261208;
const cases = { total: 0, accepted: 0, disagreements: 0 };

const refusals = new Map<string, string[]>();
const checkers = new Map<string, string>();

registerOvozProperties();

describe('the SurveyJS corpus', () => {
  test.each(FILES)('%s is accepted, or refused only by name', { timeout: 600_000 }, (file) => {
    const json = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as SurveyJson;
    const result = checkSurvey(json);
    if (!result.ok) {
      refusals.set(
        file,
        result.errors.map((e) => `${e.path}: ${e.message}`),
      );
      for (const e of result.errors) expect(e.message, file).toMatch(ALLOWED_REFUSAL);
      return;
    }
    const validator = compileValidator(json);
    checkers.set(file, checkerOf(validator));

    // The empty answer set: survey-core's own verdict on the survey as published.
    const model = new Model(json);
    model.data = {};
    const expected = model.validate(false);
    expect(validator.validate({}).ok, file).toBe(expected);

    expect(validator.validate({ 'no such question': 1 })).toEqual({
      ok: false,
      fields: [{ name: 'no such question', message: 'Unknown question.' }],
    });
    for (const q of model.getAllQuestions()) {
      const type = q.getType();
      if (type === 'html' || type === 'image' || type === 'expression') continue;
      const name = q.getValueName();
      const result = validator.validate({ [name]: [[{ x: Symbol.name }]] });
      expect(result.ok, `${file}: ${name}`).toBe(false);
      if (!result.ok)
        expect(result.fields[0]?.name.startsWith(name), `${file}: ${name}`).toBe(true);
    }
    model.dispose();

    const generator = new Generator(new Rng(SEED + FILES.indexOf(file)));
    const disagreements: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const answers = generator.answers(json);
      // survey-core changes the objects it is given: each side gets its own copy.
      const expected = reference(json, structuredClone(answers), generator.bad);
      const actual = validator.validate(answers);
      cases.total++;
      if (expected.accept) cases.accepted++;
      if (
        actual.ok !== expected.accept ||
        (actual.ok && JSON.stringify(actual.data) !== JSON.stringify(expected.data))
      ) {
        disagreements.push(JSON.stringify({ case: i, answers, expected, actual }));
      }
    }
    cases.disagreements += disagreements.length;
    expect(disagreements.length, disagreements.slice(0, 3).join('\n')).toBe(0);
  });

  afterAll(() => {
    const accepted = FILES.length - refusals.size;
    const lines = [...refusals].map(([file, errors]) => `  ${file}\n    ${errors.join('\n    ')}`);
    const fast = [...checkers.values()].filter((c) => c === 'compiled').length;
    console.log(
      `SurveyJS corpus: ${accepted} of ${FILES.length} accepted ` +
        `(${fast} by the compiled checker, ${accepted - fast} by survey-core); ` +
        `${cases.total} generated answer sets, ${cases.accepted} valid for survey-core, ` +
        `${cases.disagreements} disagreements; refused:\n` +
        lines.join('\n'),
    );
  });

  test(`${ACCEPTED} of 35 are accepted`, () => {
    expect(FILES.length).toBe(35);
    let accepted = 0;
    for (const file of FILES) {
      const json = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as SurveyJson;
      if (checkSurvey(json).ok) accepted++;
    }
    expect(accepted).toBe(ACCEPTED);
  });
});
