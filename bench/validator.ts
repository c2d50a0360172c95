/**
 * How long the answer validator takes per submission: for every questionnaire of surveys/ and, when
 * present, of ../shared/surveyjs-corpus that Ovoz accepts, the median time of one `validate()` on
 * a plausible answer set (the first offered choice, a number, a short text for each question), by
 * the checker that serves it (compiled or survey-core), against the baseline measured in the same
 * run: a new survey-core Model per submission, its data set and validated.
 *
 *   npm run bench:validator
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Model, type Question } from 'survey-core';
import { checkerOf, compileValidator } from '../server/ingest/validator.js';
import { checkSurvey } from '../server/survey/check.js';
import { registerOvozProperties } from '../common/survey/properties.js';
import type { SurveyJson } from '../common/survey/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 400;
const BASELINE_RUNS = 40;

type Json = Record<string, unknown>;

function files(): string[] {
  const out: string[] = [];
  for (const dir of [path.join(ROOT, 'surveys'), path.resolve(ROOT, '../shared/surveyjs-corpus')]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort())
      if (f.endsWith('.json')) out.push(path.join(dir, f));
  }
  return out;
}

/** A plausible answer for each question, read from survey-core's own objects. */
function answersFor(json: SurveyJson): Json {
  const model = new Model(json);
  const out: Json = {};
  for (const question of model.getAllQuestions()) {
    const q = question as Question & Json;
    const first = (list: unknown) => (list as { value: unknown }[] | undefined)?.[0]?.value;
    let value: unknown;
    switch (q.getType()) {
      case 'rating':
        value = first(q.visibleRateValues);
        break;
      case 'radiogroup':
      case 'dropdown':
      case 'imagepicker':
        value = first(q.visibleChoices);
        break;
      case 'checkbox':
      case 'tagbox':
      case 'ranking':
        value = first(q.visibleChoices) === undefined ? undefined : [first(q.visibleChoices)];
        break;
      case 'boolean':
        value = true;
        break;
      case 'text':
        value =
          q.inputType === 'number' ? 1 : q.inputType === 'date' ? '2000-01-01' : 'abc@example.uz';
        break;
      case 'comment':
        value = 'a comment';
        break;
      case 'matrix': {
        const col = first(q.visibleColumns ?? q.columns);
        const cells: Json = {};
        for (const row of q.visibleRows as { name: string }[]) cells[row.name] = col;
        value = cells;
        break;
      }
      default:
        value = undefined;
    }
    if (value !== undefined) out[q.getValueName()] = value;
  }
  model.dispose();
  return out;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

registerOvozProperties();
console.log(
  'questionnaire | questions | checker | Ovoz median ms | new Model per submission ms | ratio',
);
for (const file of files()) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as SurveyJson;
  if (!checkSurvey(json).ok) continue;
  const validator = compileValidator(json);
  const answers = answersFor(json);
  for (let i = 0; i < 20; i++) validator.validate(answers);
  const ovoz = time(RUNS, () => validator.validate(answers));
  const baseline = time(BASELINE_RUNS, () => {
    const model = new Model(json);
    model.data = answers;
    model.validate(false);
    model.dispose();
  });
  const count = new Model(json).getAllQuestions().length;
  console.log(
    `${path.basename(file)} | ${count} | ${checkerOf(validator)} | ${ovoz.toFixed(3)} | ${baseline.toFixed(3)} | ${(baseline / ovoz).toFixed(1)}×`,
  );
}
