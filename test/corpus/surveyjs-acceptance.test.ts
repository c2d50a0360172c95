/**
 * Which questionnaires of the shared SurveyJS corpus (../shared/surveyjs-corpus, real surveys from
 * public repositories) Ovoz accepts as published, and why it refuses the others: only for a file
 * or signature upload, choices loaded from a web address, or an element type outside survey-core's
 * standard catalog, each named. For every accepted one: the empty answer set gets survey-core's
 * own verdict, an unknown key is refused, and a value of the wrong shape is refused by field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Model } from 'survey-core';
import { afterAll, describe, expect, test } from 'vitest';
import { checkerOf, compileValidator } from '../../server/ingest/validator.js';
import { checkSurvey } from '../../server/survey/check.js';
import { registerOvozProperties } from '../../server/survey/properties.js';
import type { SurveyJson } from '../../server/survey/types.js';

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

const refusals = new Map<string, string[]>();
const checkers = new Map<string, string>();

registerOvozProperties();

describe('the SurveyJS corpus', () => {
  test.each(FILES)('%s is accepted, or refused only by name', (file) => {
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
  });

  afterAll(() => {
    const accepted = FILES.length - refusals.size;
    const lines = [...refusals].map(([file, errors]) => `  ${file}\n    ${errors.join('\n    ')}`);
    const fast = [...checkers.values()].filter((c) => c === 'compiled').length;
    console.log(
      `SurveyJS corpus: ${accepted} of ${FILES.length} accepted ` +
        `(${fast} by the compiled checker, ${accepted - fast} by survey-core); refused:\n` +
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
