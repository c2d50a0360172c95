/**
 * The compiled validator (server/ingest/validator.ts) against survey-core itself, on 10,500
 * seeded pseudo-random answer sets (valid, near-valid and invalid) for test/fixtures/all-types.json
 * and, when present, surveys/social-services.json and surveys/quick-feedback.json, materialized
 * with the fixture registry and random context variables.
 *
 * The reference is survey-core's decision plus Ovoz's extra checks, expressed through the
 * survey-core Model's own question objects, because survey-core accepts an out-of-range rating, an
 * over-long text or an unknown key and silently drops an invalid choice:
 *   1. reject unless every key names a question with a value (`getQuestionByName`) or an allowed
 *      `-Comment` (`showOtherItem`, `showCommentArea`), and every value could answer its question:
 *      the right type and one of its `rateValues`/`choices`/special items/`rows`/`columns`
 *      (such garbage never reaches the Model, whose question objects it can upset);
 *   2. set the variables and `data` on the Model and clear invisible values the way survey-core
 *      does on completion (`clearUnusedValues`), again while anything is left to clear;
 *   3. reject unless `model.validate(false)` passes and every visible question's submitted value is
 *      on offer now: `visibleRateValues`, `visibleChoices`, an `isExclusive` choice alone,
 *      `maxSelectedChoices`, `getMaxLength()`, and `getOthersMaxLength()` for its comment;
 *   4. otherwise accept and store the Model's data, empty values (null, "", [], {}) left out.
 * Both sides must agree on accept/reject for every case and, when accepting, on the stored data.
 * The reference Model is reused between cases for speed; every 100th case a fresh Model must agree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConditionRunner,
  Helpers,
  Model,
  QuestionNonValue,
  settings,
  type ItemValue,
  type Question,
} from 'survey-core';
import { afterAll, describe, expect, test } from 'vitest';
import { compileValidator } from '../../server/ingest/validator.js';
import { MAX_PATTERN_INPUT } from '../../common/limits.js';
import { checkSurvey } from '../../server/survey/check.js';
import { materialize, type Registry } from '../../common/survey/materialize.js';
import { registerOvozProperties } from '../../common/survey/properties.js';
import type { SurveyJson } from '../../common/survey/types.js';
import { fixtureRegistry } from '../fixtures/registry.js';
import { Rng } from '../helpers/prng.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = 20240611;
const COMMENT = settings.commentSuffix;
const CONTEXT = ['context_region', 'context_district', 'context_provider', 'context_channel'];

type Json = Record<string, unknown>;
type Vars = Record<string, string>;

/* ---------------------------------------------------------------------------------------- */
/* survey-core's question objects, read through the few members this test uses                 */

interface AnyQuestion {
  name: string;
  getType(): string;
  isVisible: boolean;
  isParentVisible: boolean;
  isRequired: boolean;
  showOtherItem?: boolean;
  showNoneItem?: boolean;
  showRefuseItem?: boolean;
  showDontKnowItem?: boolean;
  showCommentArea?: boolean;
  choices?: ItemValue[];
  visibleChoices?: ItemValue[];
  noneItem?: ItemValue;
  otherItem?: ItemValue;
  refuseItem?: ItemValue;
  dontKnowItem?: ItemValue;
  maxSelectedChoices?: number;
  rateValues?: ItemValue[];
  visibleRateValues?: ItemValue[];
  useRateValues?(): boolean;
  getValueTrue?(): unknown;
  getValueFalse?(): unknown;
  inputType?: string;
  min?: unknown;
  max?: unknown;
  getMaxLength?(): number | null;
  getOthersMaxLength(): number | null;
  rows?: ItemValue[];
  columns?: ItemValue[];
  validators?: { getType(): string; regex?: string; minLength?: number }[];
}

const q = (question: Question): AnyQuestion => question as unknown as AnyQuestion;

function isPlainObject(v: unknown): v is Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function specialItems(x: AnyQuestion): ItemValue[] {
  const out: ItemValue[] = [];
  if (x.showNoneItem && x.noneItem) out.push(x.noneItem);
  if (x.showRefuseItem && x.refuseItem) out.push(x.refuseItem);
  if (x.showDontKnowItem && x.dontKnowItem) out.push(x.dontKnowItem);
  if (x.showOtherItem && x.otherItem) out.push(x.otherItem);
  return out;
}

/** Every value the question has, whatever its conditions. */
function allValues(x: AnyQuestion): unknown[] {
  switch (x.getType()) {
    case 'rating':
      return (x.useRateValues?.() ? x.rateValues : x.visibleRateValues)?.map((i) => i.value) ?? [];
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox':
    case 'tagbox':
      return [...(x.choices ?? []), ...specialItems(x)].map((i) => i.value);
    case 'boolean':
      return [x.getValueTrue?.(), x.getValueFalse?.()];
    default:
      return [];
  }
}

const isNumberInput = (x: AnyQuestion) => x.getType() === 'text' && x.inputType === 'number';

/* ---------------------------------------------------------------------------------------- */
/* The reference                                                                               */

interface Decision {
  accept: boolean;
  data?: Json;
  why?: string;
}

/** Whether `value` could answer `x` at all (checked for every submitted key, hidden or not). */
function wellFormed(x: AnyQuestion, value: unknown): boolean {
  switch (x.getType()) {
    case 'rating':
    case 'radiogroup':
    case 'dropdown':
    case 'boolean':
      return allValues(x).includes(value);
    case 'checkbox':
    case 'tagbox': {
      if (!Array.isArray(value)) return false;
      const all = allValues(x);
      return value.every((v) => all.includes(v)) && new Set(value).size === value.length;
    }
    case 'text':
      return isNumberInput(x)
        ? typeof value === 'number' && Number.isFinite(value)
        : typeof value === 'string';
    case 'comment':
      return typeof value === 'string';
    case 'matrix': {
      if (!isPlainObject(value)) return false;
      const rows = (x.rows ?? []).map((r) => r.value as unknown);
      const cols = (x.columns ?? []).map((c) => c.value as unknown);
      return Object.entries(value).every(([k, v]) => rows.includes(k) && cols.includes(v));
    }
    default:
      return false;
  }
}

/** Whether a visible question's submitted value is on offer now. */
function offered(x: AnyQuestion, value: unknown): boolean {
  switch (x.getType()) {
    case 'rating':
      return (x.visibleRateValues ?? []).some((i) => i.value === value);
    case 'radiogroup':
    case 'dropdown':
      return (x.visibleChoices ?? []).some((i) => i.value === value);
    case 'checkbox':
    case 'tagbox': {
      const list = value as unknown[];
      const visible = x.visibleChoices ?? [];
      const items = list.map((v) => visible.find((i) => i.value === v));
      if (items.some((i) => !i)) return false;
      if (list.length > 1 && items.some((i) => (i as { isExclusive?: boolean }).isExclusive)) {
        return false;
      }
      return !(x.maxSelectedChoices && list.length > x.maxSelectedChoices);
    }
    case 'text':
    case 'comment': {
      const max = x.getMaxLength?.() ?? null;
      return typeof value !== 'string' || max === null || value.length <= max;
    }
    default:
      return true;
  }
}

/**
 * Whether survey-core's clearing on completion would still change something: a hidden question
 * with a value or comment, a visible matrix with a value in a hidden row, or an "other" text
 * without "other" selected.
 */
function leftToClear(model: Model): boolean {
  const data = model.data as Json;
  for (const question of model.getAllQuestions()) {
    const x = q(question);
    const value = data[x.name];
    const comment = data[x.name + COMMENT];
    if (Helpers.isValueEmpty(value) && Helpers.isValueEmpty(comment)) continue;
    if (!x.isVisible || !x.isParentVisible) return true;
    if (x.getType() === 'matrix' && isPlainObject(value)) {
      const shown = new Set(
        (question as unknown as { visibleRows: { name: unknown }[] }).visibleRows.map(
          (r) => r.name,
        ),
      );
      if (Object.keys(value).some((k) => !shown.has(k) && !Helpers.isValueEmpty(value[k]))) {
        return true;
      }
    }
    if (x.showOtherItem && !Helpers.isValueEmpty(comment)) {
      const other = x.otherItem?.value;
      if (!(Array.isArray(value) ? value.includes(other) : value === other)) return true;
    }
  }
  return false;
}

/** What survey-core complains about (only to explain a mismatch). */
function errorsOf(model: Model): string {
  model.validate(true);
  const out: string[] = [];
  for (const question of model.getAllQuestions()) {
    if (!question.isVisible || !question.isParentVisible) continue;
    for (const e of question.errors) out.push(`${question.name}: ${e.getText()}`);
  }
  return out.join('; ');
}

class Reference {
  readonly model: Model;
  private vars = '';

  constructor(json: SurveyJson) {
    this.model = new Model(json);
    this.model.clearInvisibleValues = 'onComplete';
  }

  decide(answers: unknown, variables: Vars): Decision {
    if (!isPlainObject(answers)) return { accept: false, why: 'not an object' };
    const model = this.model;

    // Ovoz's checks that need no answers set: every key names a question (or an allowed
    // comment) and every value could answer its question. Garbage never reaches the Model.
    for (const [name, value] of Object.entries(answers)) {
      const question = model.getQuestionByName(name);
      if (question && !(question instanceof QuestionNonValue)) {
        if (value !== null && value !== undefined && !wellFormed(q(question), value)) {
          return { accept: false, why: `${name}: not well-formed` };
        }
        continue;
      }
      const base = name.endsWith(COMMENT)
        ? model.getQuestionByName(name.slice(0, -COMMENT.length))
        : null;
      if (!base || !(q(base).showOtherItem || q(base).showCommentArea)) {
        return { accept: false, why: `${name}: unknown key` };
      }
      if (value !== null && value !== undefined && typeof value !== 'string') {
        return { accept: false, why: `${name}: not text` };
      }
    }

    // Setting a variable re-runs every condition: only do it when they change.
    const key = JSON.stringify(variables);
    if (key !== this.vars) {
      for (const name of CONTEXT) model.setVariable(name, variables[name]);
      this.vars = key;
    }
    model.data = structuredClone(answers);

    // Clear invisible values as on completion, until nothing is left to clear.
    const clear = model as unknown as { clearUnusedValues(): void };
    for (let i = 0; leftToClear(model); i++) {
      if (i > 20) throw new Error('clearing did not settle');
      clear.clearUnusedValues();
    }

    if (!model.validate(false)) return { accept: false, why: 'survey-core validation' };

    const data = model.data as Json;
    for (const question of model.getAllQuestions()) {
      const x = q(question);
      if (!x.isVisible || !x.isParentVisible) continue;
      const value = answers[x.name];
      if (value !== null && value !== undefined && !offered(x, value)) {
        return { accept: false, why: `${x.name}: not on offer` };
      }
      const comment = data[x.name + COMMENT];
      const max = x.getOthersMaxLength();
      if (typeof comment === 'string' && max !== null && comment.length > max) {
        return { accept: false, why: `${x.name}${COMMENT}: too long` };
      }
    }
    const stored: Json = {};
    for (const [name, value] of Object.entries(data)) {
      if (!Helpers.isValueEmpty(value)) stored[name] = value;
    }
    return { accept: true, data: stored };
  }
}

/* ---------------------------------------------------------------------------------------- */
/* The generator                                                                               */

interface Case {
  answers: unknown;
  variables: Vars;
  mutations: string[];
}

/**
 * Guesses what is shown while answers are being made up, with survey-core's ConditionRunner on
 * the answers so far. Only a guide for the generator (so that most cases are plausible): it is not
 * the reference and need not be exact.
 */
class Guide {
  private readonly runners = new Map<string, ConditionRunner>();

  shows(expression: unknown, answers: Json, vars: Vars, item?: unknown): boolean {
    if (typeof expression !== 'string' || !expression) return true;
    let runner = this.runners.get(expression);
    if (!runner) this.runners.set(expression, (runner = new ConditionRunner(expression)));
    const values: Json = { ...answers, ...vars };
    if (item !== undefined) values.item = item;
    return runner.runValues(values);
  }

  visible(question: Question, answers: Json, vars: Vars): boolean {
    for (let el: unknown = question; el; el = (el as { parent?: unknown }).parent) {
      if (!this.shows((el as { visibleIf?: string }).visibleIf, answers, vars)) return false;
    }
    return true;
  }

  /** The question's values whose choice conditions currently hold. */
  offered(x: AnyQuestion, answers: Json, vars: Vars): unknown[] {
    const type = x.getType();
    const items =
      type === 'rating'
        ? x.useRateValues?.()
          ? (x.rateValues ?? [])
          : (x.visibleRateValues ?? [])
        : [...(x.choices ?? [])];
    const fallback = (x as { choicesVisibleIf?: string }).choicesVisibleIf;
    const shown = items
      .filter((i) => this.shows(i.visibleIf || fallback, answers, vars, i.value))
      .map((i) => i.value as unknown);
    return type === 'rating' ? shown : [...shown, ...specialItems(x).map((i) => i.value)];
  }
}

class Generator {
  private readonly questions: Question[];
  private readonly guide = new Guide();

  constructor(
    model: Model,
    private readonly rng: Rng,
    private readonly registry: Registry,
  ) {
    this.questions = model.getAllQuestions().filter((x) => !(x instanceof QuestionNonValue));
  }

  variables(): Vars {
    const r = this.rng;
    const vars: Vars = {};
    const region = r.pick(this.registry.regions).code;
    if (r.chance(0.4)) vars.context_region = r.chance(0.95) ? region : 'UZ-XX';
    if (r.chance(0.25)) {
      const districts = this.registry.districts.filter((d) => d.region === region);
      vars.context_district = r.pick(districts).code;
      if (r.chance(0.8)) vars.context_region = region;
    }
    if (r.chance(0.15)) {
      vars.context_provider = r.pick(this.registry.providers).code;
    }
    if (r.chance(0.2)) vars.context_channel = r.pick(['centre', 'mahalla', 'online', 'phone']);
    return vars;
  }

  /** A plausible answer: mostly valid, guided by the registry for the context questions. */
  private valid(x: AnyQuestion, answers: Json, vars: Vars): unknown {
    const r = this.rng;
    const role = (x as unknown as { role?: string }).role;
    if (role === 'context:district') {
      const region = (answers.region as string | undefined) ?? vars.context_region;
      const list = this.registry.districts.filter((d) => d.region === region || r.chance(0.1));
      return (list.length ? r.pick(list) : r.pick(this.registry.districts)).code;
    }
    if (role === 'context:provider') {
      const district = (answers.district as string | undefined) ?? vars.context_district;
      const list = this.registry.providers.filter((p) => p.district === district || r.chance(0.1));
      return (list.length ? r.pick(list) : r.pick(this.registry.providers)).code;
    }
    const offered = r.chance(0.9) ? this.guide.offered(x, answers, vars) : allValues(x);
    switch (x.getType()) {
      case 'rating':
      case 'radiogroup':
      case 'dropdown':
        return offered.length ? r.pick(offered) : r.pick(allValues(x));
      case 'boolean':
        return r.pick(allValues(x));
      case 'checkbox':
      case 'tagbox': {
        const all = offered;
        const exclusive = specialItems(x)
          .filter((i) => (i as { isExclusive?: boolean }).isExclusive)
          .map((i) => i.value as unknown);
        if (exclusive.length && r.chance(0.2)) return [r.pick(exclusive)];
        const regular = all.filter((v) => !exclusive.includes(v));
        const pick = r.subset(regular, x.maxSelectedChoices || 4);
        return pick.length || !regular.length ? pick : [r.pick(regular)];
      }
      case 'text': {
        if (isNumberInput(x)) {
          const min = typeof x.min === 'number' ? x.min : 0;
          const max = typeof x.max === 'number' ? x.max : 100;
          if (r.chance(0.3)) return r.pick([min, max, min + 1, max - 1, 31, 30]);
          return min + r.int(Math.min(max - min + 1, 60));
        }
        const regex = x.validators?.find((v) => v.getType() === 'regexvalidator');
        if (regex) return r.chance(0.85) ? `AB${100 + r.int(900000)}` : 'ab12';
        if (x.inputType === 'email')
          return r.chance(0.85) ? `user${r.int(99)}@example.uz` : 'nope@';
        if (x.inputType === 'tel') return `+998${9000000 + r.int(999999)}`.slice(0, 7 + r.int(8));
        return r.text(1 + r.int(10));
      }
      case 'comment': {
        const max = x.getMaxLength?.() ?? 100;
        return r.chance(0.1) ? r.text(max) : r.text(1 + r.int(Math.max(1, max - 1)));
      }
      case 'matrix': {
        const out: Json = {};
        const cols = (x.columns ?? []).map((c) => c.value as unknown);
        for (const row of x.rows ?? []) {
          if (r.chance(0.97)) out[row.value as string] = r.pick(cols);
        }
        return out;
      }
      default:
        return undefined;
    }
  }

  next(): Case {
    const r = this.rng;
    const vars = this.variables();
    // First a value for every question, then which of them are given: visibility is guessed from
    // the answers kept so far and the later ones planned, so conditions on later questions count.
    const planned: Json = {};
    for (const question of this.questions) {
      const value = this.valid(q(question), planned, vars);
      if (value !== undefined) planned[question.name] = value;
    }
    const answers: Json = {};
    for (const question of this.questions) {
      const x = q(question);
      const shown = this.guide.visible(question, planned, vars);
      const p = !shown ? 0.1 : x.isRequired ? 0.99 : 0.75;
      const value = planned[x.name];
      if (value === undefined || !r.chance(p)) {
        delete planned[x.name];
        continue;
      }
      answers[x.name] = value;
      const other = x.otherItem?.value;
      const chose = Array.isArray(value) ? value.includes(other) : value === other;
      if (x.showOtherItem && chose && r.chance(0.9)) {
        const max = x.getOthersMaxLength() ?? 50;
        answers[x.name + COMMENT] = r.chance(0.15) ? r.text(max + r.int(2)) : r.text(3);
      }
      if (x.showCommentArea && r.chance(0.3)) answers[x.name + COMMENT] = r.text(1 + r.int(20));
    }
    const mutations: string[] = [];
    const count = r.chance(0.62) ? 0 : 1 + r.int(2);
    let result: unknown = answers;
    for (let i = 0; i < count; i++) result = this.mutate(result as Json, mutations);
    if (r.chance(0.003)) {
      result = r.pick([null, [], 'answers', 42, [answers]]);
      mutations.push('not an object');
    }
    return { answers: result, variables: vars, mutations };
  }

  /** One near-valid or invalid change. */
  private mutate(answers: Json, log: string[]): Json {
    const r = this.rng;
    const x = q(r.pick(this.questions));
    const kind = r.pick([
      'missing',
      'out of range',
      'wrong type',
      'extra key',
      'invalid choice',
      'boundary',
      'over-long',
      'empty',
      'hidden answer',
      'comment',
    ]);
    log.push(`${kind}: ${x.name}`);
    const out = { ...answers };
    const type = x.getType();
    switch (kind) {
      case 'missing':
        delete out[x.name];
        break;
      case 'out of range': {
        const all = allValues(x).filter((v): v is number => typeof v === 'number');
        if (all.length) out[x.name] = r.pick([Math.max(...all) + 1, Math.min(...all) - 1, 2.5]);
        else if (isNumberInput(x)) out[x.name] = r.pick([-1, 366, 1e6, 0.5]);
        else if (type === 'matrix') out[x.name] = { [(x.rows?.[0]?.value as string) ?? 'a']: 6 };
        else out[x.name] = r.pick(['zz', 7]);
        break;
      }
      case 'wrong type':
        out[x.name] = r.pick<unknown>(['3', 3, true, ['x'], { a: 1 }, 'true', 0, '']);
        break;
      case 'extra key':
        out[
          r.pick(['zz', 'Satisfaction', 'constructor', 'toString', `${x.name}${COMMENT}`, 'a.b'])
        ] = r.pick<unknown>([1, 'x', null]);
        if (r.chance(0.3)) {
          return JSON.parse(
            JSON.stringify(out).replace('{', '{"__proto__":{"polluted":true},'),
          ) as Json;
        }
        break;
      case 'invalid choice':
        if (type === 'checkbox' || type === 'tagbox') {
          out[x.name] = r.pick<unknown>([
            ['zz'],
            [...(Array.isArray(out[x.name]) ? (out[x.name] as unknown[]) : []), 'none'],
            ['none', 'other'],
            ['elderly', 'elderly'],
            allValues(x),
          ]);
        } else if (type === 'matrix') {
          out[x.name] = r.pick<unknown>([{ nope: 1 }, { [x.rows?.[0]?.value as string]: 0 }]);
        } else {
          out[x.name] = r.pick<unknown>([
            'zz',
            'other',
            'none',
            r.pick(fixtureRegistry.districts).code,
            r.pick(fixtureRegistry.providers).code,
            'UZ-SA',
          ]);
        }
        break;
      case 'boundary':
        if (isNumberInput(x)) out[x.name] = r.pick([0, 365, -1, 366, 30, 31, 1.5]);
        else if (type === 'rating') out[x.name] = r.pick(allValues(x));
        else if (type === 'text' || type === 'comment') {
          const max = x.getMaxLength?.() ?? 20;
          out[x.name] = r.text(max + r.pick([0, 1, -1]));
        }
        break;
      case 'over-long': {
        const max = x.getMaxLength?.() ?? x.getOthersMaxLength() ?? 30;
        if (type === 'text' || type === 'comment') out[x.name] = r.text(max + 1 + r.int(5));
        else if (x.showOtherItem)
          out[x.name + COMMENT] = r.text((x.getOthersMaxLength() ?? 30) + 1);
        else out[x.name] = r.text(max + 1);
        break;
      }
      case 'empty':
        out[x.name] = r.pick<unknown>([null, '', '   ', [], {}]);
        break;
      case 'hidden answer':
        // Answer everything, hidden or not.
        for (const y of this.questions) {
          if (out[y.name] === undefined) out[y.name] = this.valid(q(y), out, {});
        }
        break;
      case 'comment':
        out[x.name + COMMENT] = r.pick<unknown>(['why', '', 5, '   ', r.text(50)]);
        if (x.showOtherItem && x.otherItem) {
          out[x.name] =
            type === 'checkbox'
              ? ['elderly', x.otherItem.value]
              : r.pick([x.otherItem.value, 'zz']);
        }
        break;
    }
    return out;
  }
}

/* ---------------------------------------------------------------------------------------- */
/* The run                                                                                     */

interface Stats {
  cases: number;
  accepted: number;
  rejected: number;
  typesAccepted: Map<string, number>;
  mutations: Map<string, number>;
  reasons: Map<string, number>;
}

const stats: Stats = {
  cases: 0,
  accepted: 0,
  rejected: 0,
  typesAccepted: new Map(),
  mutations: new Map(),
  reasons: new Map(),
};

function count(stats: Stats, c: Case, expected: Decision, model: Model): void {
  stats.cases++;
  for (const m of c.mutations) {
    const kind = m.split(':')[0] as string;
    stats.mutations.set(kind, (stats.mutations.get(kind) ?? 0) + 1);
  }
  if (expected.accept && expected.data) {
    stats.accepted++;
    for (const x of model.getAllQuestions()) {
      if (expected.data[x.name] !== undefined) {
        const type = x.getType() + (isNumberInput(q(x)) ? ':number' : '');
        stats.typesAccepted.set(type, (stats.typesAccepted.get(type) ?? 0) + 1);
      }
    }
  } else {
    stats.rejected++;
    const reason = (expected.why ?? '').replace(/^.*: /, '');
    stats.reasons.set(reason, (stats.reasons.get(reason) ?? 0) + 1);
  }
}

function surveys(): { name: string; json: SurveyJson; cases: number }[] {
  const out = [
    {
      name: 'test/fixtures/all-types.json',
      json: JSON.parse(
        fs.readFileSync(path.join(ROOT, 'test/fixtures/all-types.json'), 'utf8'),
      ) as SurveyJson,
      cases: 0,
    },
  ];
  for (const file of ['surveys/social-services.json', 'surveys/quick-feedback.json']) {
    const full = path.join(ROOT, file);
    if (fs.existsSync(full)) {
      out.push({
        name: file,
        json: JSON.parse(fs.readFileSync(full, 'utf8')) as SurveyJson,
        cases: 0,
      });
    }
  }
  // 10,500 cases in all; the fixture takes whatever the questionnaires present do not. A
  // survey-core Model takes milliseconds per case on the condition-heavy surveys, little on the
  // short one, so the short one takes a larger share.
  const share: Record<string, number> = {
    'surveys/social-services.json': 2_700,
    'surveys/quick-feedback.json': 6_200,
  };
  for (const s of out) s.cases = share[s.name] ?? 0;
  (out[0] as { cases: number }).cases = 10_500 - out.reduce((sum, s) => sum + s.cases, 0);
  return out;
}

registerOvozProperties();

describe('the compiled validator decides as survey-core does', () => {
  const list = surveys();
  list.forEach((survey, index) => {
    test(`${survey.name}: ${survey.cases} seeded cases`, { timeout: 120_000 }, () => {
      const json = materialize(survey.json, fixtureRegistry);
      const validator = compileValidator(json);
      const reference = new Reference(json);
      const seed = SEED + index;
      const rng = new Rng(seed);
      const generator = new Generator(reference.model, rng, fixtureRegistry);
      const disagreements: string[] = [];
      const disagree = (what: unknown) => {
        disagreements.push(JSON.stringify(what, null, 1));
      };
      // Cases come in runs that share their variables, so the reference re-runs conditions less.
      let vars: Vars = {};
      for (let i = 0; i < survey.cases; i++) {
        const c = generator.next();
        if (i % 25 !== 0) c.variables = vars;
        vars = c.variables;
        const expected = reference.decide(c.answers, c.variables);
        // The reference Model is reused for speed; now and then a fresh one must agree with it.
        if (i % 100 === 0) {
          const fresh = new Reference(json).decide(c.answers, c.variables);
          if (fresh.accept !== expected.accept || !sameData(fresh.data, expected.data)) {
            disagree({
              seed,
              case: i,
              problem: 'reused reference Model drifted',
              c,
              expected,
              fresh,
            });
          }
        }
        const actual = validator.validate(c.answers, c.variables);
        if (actual.ok !== expected.accept || (actual.ok && !sameData(actual.data, expected.data))) {
          if (expected.why === 'survey-core validation') expected.why = errorsOf(reference.model);
          disagree({ seed, case: i, ...c, reference: expected, validator: actual });
        }
        count(stats, c, expected, reference.model);
      }
      expect(
        disagreements.length,
        `${disagreements.length} of ${survey.cases} cases disagree; the first ones:\n` +
          disagreements.slice(0, 5).join('\n\n'),
      ).toBe(0);
      expect(({} as Json).polluted).toBeUndefined();
    });
  });

  test('enough cases, a healthy share of accepts and rejects, every question type', () => {
    expect(stats.cases).toBeGreaterThanOrEqual(10_000);
    expect(stats.accepted / stats.cases).toBeGreaterThan(0.2);
    expect(stats.rejected / stats.cases).toBeGreaterThan(0.2);
    for (const type of [
      'rating',
      'radiogroup',
      'dropdown',
      'checkbox',
      'matrix',
      'text',
      'text:number',
      'comment',
      'boolean',
    ]) {
      expect(stats.typesAccepted.get(type) ?? 0, type).toBeGreaterThan(50);
    }
    for (const [kind, n] of stats.mutations) {
      expect(n, kind).toBeGreaterThan(kind === 'not an object' ? 10 : 200);
    }
  });

  afterAll(() => {
    console.log(
      `differential: ${stats.cases} cases, ${stats.accepted} accepted, ${stats.rejected} rejected;`,
      'accepted answers by type:',
      Object.fromEntries(stats.typesAccepted),
      'mutations:',
      Object.fromEntries(stats.mutations),
      'rejected because:',
      Object.fromEntries(stats.reasons),
    );
  });
});

function sameData(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/** A stable JSON form for comparing stored data. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Json)[k])]),
    );
  }
  return value;
}

/* ---------------------------------------------------------------------------------------- */
/* Answer formats (regex validators): the server's verdict equals survey-core's for every      */
/* pattern a questionnaire may be saved with, on text and on the values of a checkbox.         */

/** Everyday and tricky patterns that pass the save-time check (server/survey/pattern.ts). */
const PATTERNS: { regex: string; caseInsensitive?: boolean; samples: string[] }[] = [
  { regex: '^\\+998[0-9]{9}$', samples: ['+998901234567', '+99890123456', '998901234567'] },
  { regex: '^[A-Z]{2}[0-9]{7}$', samples: ['AB1234567', 'ab1234567', 'AB123456'] },
  { regex: '^[A-Z]{2}[0-9]{7}$', caseInsensitive: true, samples: ['ab1234567', 'Ab1234567'] },
  { regex: '^\\d{2}\\.\\d{2}\\.\\d{4}$', samples: ['01.02.2026', '1.2.2026', '01/02/2026'] },
  { regex: '^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$', samples: ['a.b@c.uz', 'a@b', 'x+y@mail.example.uz'] },
  { regex: '^\\S+$', samples: ['abc', 'a b', 'a\u00a0b', 'a\ufeffb', 'a\u2028b'] },
  { regex: '^.{3,5}$', samples: ['abc', 'ab\nc', 'a\u2029bc', '😀a', '😀😀😀'] },
  { regex: '\\bnon\\b', samples: ['a non b', 'nonce', 'NON'] },
  { regex: '\\bnon\\b', caseInsensitive: true, samples: ['NON', 'Non-stop', 'anon'] },
  { regex: '^[а-яё ]+$', samples: ['салом дунё', 'САЛОМ', 'salom'] },
  { regex: '^[а-яё ]+$', caseInsensitive: true, samples: ['САЛОМ ДУНЁ', 'Ёлка', 'salom'] },
  { regex: '^straße$', caseInsensitive: true, samples: ['STRASSE', 'STRAẞE', 'Straße'] },
  { regex: '^[a-z]+$', caseInsensitive: true, samples: ['ſ', 'K', 'İ', 'abc'] },
  { regex: '^(yes|no)$', samples: ['yes', 'no', 'yesno', 'YES'] },
  { regex: '[0-9]', samples: ['abc', 'a1', '١'] },
  { regex: '^(?:[A-Z][a-z]*)(?: [A-Z][a-z]*)*$', samples: ['Aziza Karimova', 'aziza', 'A B C'] },
  { regex: '^\\p{L}+$', samples: ['p{L}', 'abc'] },
  { regex: '^[^<>]*$', samples: ['plain', '<b>', ''] },
  { regex: '^(?=.*\\d)[a-z0-9]{6,}$', samples: ['abc123', 'abcdef', '123456'] },
  { regex: '', samples: ['anything'] },
];

const ALPHABET = [
  ...'aAbBzZ09 _-.+@<>',
  'ſ',
  'K',
  'İ',
  'ß',
  'ẞ',
  'ё',
  'Ё',
  'я',
  'Я',
  '\n',
  '\r',
  '\t',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '١',
  '😀',
  '\ud800',
];

function patternSurvey(p: (typeof PATTERNS)[number]): SurveyJson {
  const validators = [
    { type: 'regex', regex: p.regex, caseInsensitive: p.caseInsensitive === true },
  ];
  return {
    elements: [
      { type: 'text', name: 'code', validators },
      { type: 'comment', name: 'note', validators },
      {
        type: 'checkbox',
        name: 'tags',
        choices: ['abc', 'AB1234567', '+998901234567', 'a b', 'STRASSE', '1'],
        validators,
      },
    ],
  } as SurveyJson;
}

/** survey-core's verdict, plus Ovoz's cap on what a pattern runs on (MAX_PATTERN_INPUT). */
function surveyCoreAccepts(model: Model, answers: Json): boolean {
  model.clear(true, true);
  model.data = answers;
  const capped = Object.values(answers).some((v) =>
    [...(Array.isArray(v) ? v : []), v].some((x) => String(x).length > MAX_PATTERN_INPUT),
  );
  return model.validate(false) && !capped;
}

describe('answer formats: the server decides as survey-core does', () => {
  test('every pattern a questionnaire may carry, on generated and edge-case answers', () => {
    const rng = new Rng(SEED + 99);
    const disagreements: string[] = [];
    let cases = 0;
    for (const p of PATTERNS) {
      const json = patternSurvey(p);
      expect(checkSurvey(json).errors, p.regex).toEqual([]);
      const validator = compileValidator(json);
      const model = new Model(json);
      const inputs = [
        ...p.samples,
        ...p.samples.map((s) => s + rng.pick(ALPHABET)),
        ...p.samples.map((s) => rng.pick(ALPHABET) + s),
        'x'.repeat(MAX_PATTERN_INPUT + 1),
        (p.samples[0] ?? 'a').repeat(
          Math.ceil(MAX_PATTERN_INPUT / Math.max(1, p.samples[0]?.length ?? 1)),
        ),
      ];
      for (let i = 0; i < 80; i++) {
        let s = '';
        const n = 1 + rng.int(12);
        for (let k = 0; k < n; k++) s += rng.pick(ALPHABET);
        inputs.push(s);
      }
      for (const input of inputs) {
        for (const answers of [
          { code: input },
          { note: input },
          { tags: rng.subset(['abc', 'AB1234567', '+998901234567', 'a b', 'STRASSE', '1'], 3) },
        ]) {
          if ('tags' in answers && (answers.tags as unknown[]).length === 0) continue;
          cases++;
          const expected = surveyCoreAccepts(model, answers);
          const actual = validator.validate(answers).ok;
          if (actual !== expected) {
            disagreements.push(JSON.stringify({ pattern: p, answers, expected, actual }));
          }
        }
      }
      model.dispose();
    }
    expect(cases).toBeGreaterThan(2000);
    expect(disagreements.length, disagreements.slice(0, 5).join('\n')).toBe(0);
  }, 180_000);
});
