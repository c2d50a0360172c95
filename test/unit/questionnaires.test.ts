/** The questionnaire files in surveys/: valid SurveyJS for survey-core 3.0.0, four languages, roles. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Model, Serializer, type Question } from 'survey-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerOvozProperties } from '../../common/survey/properties.js';
import { STANDARD_DRIVERS } from '../../common/metrics/drivers.js';

const SURVEYS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../surveys');
const LANGS = ['uz', 'uz-Cyrl', 'ru', 'en'] as const;
const FILES = ['social-services.json', 'quick-feedback.json'];

/** The roles of surveys/README.md. */
const ROLE =
  /^(?:satisfaction|trust|affordability|affordability:afford|delivery_days|recommend|effort|comment|context:(?:region|district|provider|channel)|driver:[a-z_]+|segment:[a-z_]+)$/;

const DRIVERS = STANDARD_DRIVERS;

type Json = Record<string, unknown>;

function load(file: string): Json {
  return JSON.parse(fs.readFileSync(path.join(SURVEYS, file), 'utf8')) as Json;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Names of the localisable properties of a survey-core class, inherited ones included. */
function localisable(className: string): string[] {
  return Serializer.getProperties(className)
    .filter((p) => p.isLocalizable)
    .map((p) => p.name);
}

interface Found {
  where: string;
  value: unknown;
}

/** Every localisable string of a questionnaire, by walking the JSON with survey-core's schema. */
function localisableStrings(json: Json): Found[] {
  const found: Found[] = [];
  const check = (obj: Json, className: string, where: string): void => {
    for (const name of localisable(className)) {
      if (name in obj) found.push({ where: `${where}.${name}`, value: obj[name] });
    }
  };
  const items = (list: unknown, where: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      // A bare value would be shown untranslated: every item needs a `text` of its own.
      if (!isObject(item)) found.push({ where: `${where}[${i}]`, value: item });
      else found.push({ where: `${where}[${i}].text`, value: item.text });
    });
  };
  const element = (el: Json, where: string): void => {
    const type = String(el.type);
    check(el, type, where);
    // Every question shows a title; without one survey-core would show its name.
    if (type !== 'panel' && type !== 'html')
      found.push({ where: `${where}.title`, value: el.title });
    for (const key of ['choices', 'rows', 'columns']) items(el[key], `${where}.${key}`);
    if (Array.isArray(el.elements)) {
      el.elements.forEach((c, i) => element(c as Json, `${where}.elements[${i}]`));
    }
  };
  check(json, 'survey', 'survey');
  found.push({ where: 'survey.title', value: json.title });
  found.push({ where: 'survey.completedHtml', value: json.completedHtml });
  (json.pages as Json[]).forEach((page, p) => {
    check(page, 'page', `pages[${p}]`);
    (page.elements as Json[]).forEach((el, i) => element(el, `pages[${p}].elements[${i}]`));
  });
  return found;
}

/** Every `role` in the file: on questions and on matrix rows. */
function roles(json: Json): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      if (typeof v.role === 'string') out.push(v.role);
      Object.values(v).forEach(walk);
    }
  };
  walk(json);
  return out;
}

function model(json: Json): Model {
  return new Model(json);
}

function question(survey: Model, name: string): Question {
  const q = survey.getQuestionByName(name);
  if (!q) throw new Error(`no question ${name}`);
  return q;
}

beforeAll(() => registerOvozProperties());

describe.each(FILES)('%s', (file) => {
  it('parses, loads into survey-core with no JSON errors and is open', () => {
    const json = load(file);
    const survey = model(json);
    expect((survey.jsonErrors ?? []).map((e) => e.getFullDescription())).toEqual([]);
    expect(json.ovozStatus).toBe('open');
    expect(survey.getAllQuestions().length).toBeGreaterThan(0);
  });

  it('has unique question names and at most 15 questions', () => {
    const names = model(load(file))
      .getAllQuestions()
      .map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeLessThanOrEqual(15);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('gives every localisable string in uz, uz-Cyrl, ru and en', () => {
    const found = localisableStrings(load(file));
    expect(found.length).toBeGreaterThan(5);
    for (const { where, value } of found) {
      expect(isObject(value), `${where} must be a localisable object`).toBe(true);
      const texts = value as Json;
      for (const lang of LANGS) {
        expect(typeof texts[lang], `${where}.${lang}`).toBe('string');
        expect((texts[lang] as string).trim(), `${where}.${lang}`).not.toBe('');
      }
      expect(Object.keys(texts).sort(), where).toEqual([...LANGS].sort());
      // Scripts: uz is Latin, uz-Cyrl and ru are Cyrillic, en is Latin.
      expect(texts.uz as string, `${where}.uz`).not.toMatch(/[\u0400-\u04FF]/);
      expect(texts['uz-Cyrl'] as string, `${where}.uz-Cyrl`).not.toMatch(/[A-Za-z](?![^<]*>)/);
      expect(texts.ru as string, `${where}.ru`).toMatch(/[\u0400-\u04FF]/);
      expect(texts.en as string, `${where}.en`).not.toMatch(/[\u0400-\u04FF]/);
    }
  });

  it('writes Uzbek Latin with o‘ and g‘ (U+2018) and the ’ apostrophe (U+2019)', () => {
    for (const { value } of localisableStrings(load(file))) {
      expect((value as Json).uz as string).not.toMatch(/[ʻʼ'`]/);
    }
  });

  it('renders each language through survey-core', () => {
    const survey = model(load(file));
    const q = question(survey, 'satisfaction');
    const seen = new Set<string>();
    for (const lang of LANGS) {
      survey.locale = lang;
      expect(q.title).not.toBe('satisfaction');
      seen.add(q.title);
    }
    expect(seen.size).toBe(4);
  });

  it('declares only the roles of surveys/README.md', () => {
    const declared = roles(load(file));
    expect(declared.length).toBeGreaterThan(0);
    for (const role of declared) expect(role).toMatch(ROLE);
  });

  it('asks for overall satisfaction 1–5, required, and an optional comment of ≤ 1000 characters', () => {
    const survey = model(load(file));
    const sat = question(survey, 'satisfaction');
    expect(sat.getType()).toBe('rating');
    expect(sat.isRequired).toBe(true);
    expect(sat.getPropertyValue('role')).toBe('satisfaction');
    const values = (sat as unknown as { visibleRateValues: { value: unknown }[] })
      .visibleRateValues;
    expect(values.map((v) => v.value)).toEqual([1, 2, 3, 4, 5]);
    const comment = question(survey, 'comment');
    expect(comment.getType()).toBe('comment');
    expect(comment.isRequired).toBe(false);
    expect(comment.getPropertyValue('maxLength')).toBe(1000);
    expect(comment.getPropertyValue('role')).toBe('comment');
  });
});

describe('social-services.json', () => {
  const file = 'social-services.json';

  it('asks its questions in the agreed order', () => {
    const names = model(load(file))
      .getAllQuestions()
      .map((q) => q.name);
    expect(names).toEqual([
      'satisfaction',
      'drivers',
      'trust',
      'paid',
      'afford',
      'delivery_days',
      'channel',
      'region',
      'district',
      'provider',
      'segment',
      'comment',
    ]);
  });

  it('has every standard role of METRICS.md', () => {
    const declared = new Set(roles(load(file)));
    const standard = [
      'satisfaction',
      ...DRIVERS.map((d) => `driver:${d}`),
      'trust',
      'affordability',
      'affordability:afford',
      'delivery_days',
      'context:region',
      'context:district',
      'context:provider',
      'context:channel',
      'comment',
    ];
    for (const role of standard) expect(declared, role).toContain(role);
    expect([...declared].some((r) => r.startsWith('segment:'))).toBe(true);
    // Each role once (a role maps to one question or row).
    expect(roles(load(file)).length).toBe(declared.size);
  });

  it('has several pages, one topic each, with a progress bar', () => {
    const survey = model(load(file));
    expect(survey.pages.length).toBeGreaterThanOrEqual(5);
    expect(survey.showProgressBar).toBe(true);
    survey.locale = 'uz';
    expect(survey.progressText).toContain(String(survey.visiblePages.length));
  });

  it('asks the seven drivers in one matrix: 1–5 agreement plus na, every row answered', () => {
    const survey = model(load(file));
    const q = question(survey, 'drivers') as Question & {
      rows: { value: unknown; role?: unknown; getPropertyValue(n: string): unknown }[];
      columns: { value: unknown }[];
    };
    expect(q.getType()).toBe('matrix');
    expect(q.rows.map((r) => r.value)).toEqual(DRIVERS);
    expect(q.rows.map((r) => r.getPropertyValue('role'))).toEqual(
      DRIVERS.map((d) => `driver:${d}`),
    );
    expect(q.columns.map((c) => c.value)).toEqual([1, 2, 3, 4, 5, 'na']);
    expect(q.getPropertyValue('eachRowRequired')).toBe(true);

    expect(q.validate(false)).toBe(false);
    survey.setValue('drivers', { timeliness: 4 });
    expect(q.validate(false)).toBe(false);
    survey.setValue('drivers', Object.fromEntries(DRIVERS.map((d) => [d, 'na'])));
    expect(q.validate(false)).toBe(true);
  });

  it('keeps the roles when survey-core serialises the questionnaire', () => {
    const again = model(model(load(file)).toJSON());
    expect(question(again, 'trust').getPropertyValue('role')).toBe('trust');
    const rows = (
      question(again, 'drivers') as unknown as { rows: { getPropertyValue(n: string): unknown }[] }
    ).rows;
    expect(rows[0]?.getPropertyValue('role')).toBe('driver:timeliness');
  });

  it('asks trust 1–5', () => {
    const q = question(model(load(file)), 'trust');
    expect(q.getType()).toBe('rating');
    const values = (q as unknown as { visibleRateValues: { value: unknown }[] }).visibleRateValues;
    expect(values.map((v) => v.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('asks about payments, and affordability only when something was paid', () => {
    const survey = model(load(file));
    const paid = question(survey, 'paid');
    expect(paid.getType()).toBe('radiogroup');
    const choices = (paid as unknown as { choices: { value: unknown }[] }).choices;
    expect(choices.map((c) => c.value)).toEqual(['none', 'formal', 'informal', 'both', 'na']);
    const afford = question(survey, 'afford');
    const affordChoices = (afford as unknown as { choices: { value: unknown }[] }).choices;
    expect(affordChoices.map((c) => c.value)).toEqual(['yes', 'no']);
    expect(afford.isVisible).toBe(false);
    for (const [value, visible] of [
      ['none', false],
      ['formal', true],
      ['informal', true],
      ['both', true],
      ['na', false],
    ] as const) {
      survey.setValue('paid', value);
      expect(afford.isVisible, value).toBe(visible);
    }
  });

  it('asks delivery days as an optional whole number 0–365', () => {
    const survey = model(load(file));
    const q = question(survey, 'delivery_days');
    expect(q.getType()).toBe('text');
    expect(q.getPropertyValue('inputType')).toBe('number');
    expect(q.getPropertyValue('min')).toBe(0);
    expect(q.getPropertyValue('max')).toBe(365);
    expect(q.isRequired).toBe(false);
    expect(q.validate(false)).toBe(true);
    survey.setValue('delivery_days', 400);
    expect(q.validate(false)).toBe(false);
    survey.setValue('delivery_days', 12);
    expect(q.validate(false)).toBe(true);
  });

  it('lists the four channels', () => {
    const q = question(model(load(file)), 'channel');
    const choices = (q as unknown as { choices: { value: unknown }[] }).choices;
    expect(choices.map((c) => c.value)).toEqual(['centre', 'mahalla', 'online', 'phone']);
  });

  it('leaves region, district and provider as dropdowns with no choices', () => {
    const survey = model(load(file));
    for (const [name, role] of [
      ['region', 'context:region'],
      ['district', 'context:district'],
      ['provider', 'context:provider'],
    ] as const) {
      const q = question(survey, name);
      expect(q.getType()).toBe('dropdown');
      expect(q.getPropertyValue('role')).toBe(role);
      expect((q as unknown as { choices: unknown[] }).choices).toHaveLength(0);
    }
    const place = (load(file).pages as Json[]).flatMap((p) => p.elements as Json[]);
    for (const el of place.filter(
      (e) => String(e.role).startsWith('context:') && e.name !== 'channel',
    )) {
      expect(el).not.toHaveProperty('choices');
    }
  });

  it('never requires the segment question', () => {
    const json = load(file);
    const survey = model(json);
    const q = question(survey, 'segment');
    expect(q.getType()).toBe('checkbox');
    expect(String(q.getPropertyValue('role'))).toMatch(/^segment:/);
    expect(q.isRequired).toBe(false);
    expect(q.requiredIf ?? '').toBe('');
    expect(q.validate(false)).toBe(true);
    const choices = (q as unknown as { choices: { value: unknown }[] }).choices;
    expect(choices.map((c) => c.value)).toEqual(['disability', 'elderly', 'low_income', 'other']);
    expect(q.getPropertyValue('showNoneItem')).toBe(true);
  });

  it('requires nothing but satisfaction and the matrix rows', () => {
    const required = model(load(file))
      .getAllQuestions()
      .filter((q) => q.isRequired)
      .map((q) => q.name);
    expect(required).toEqual(['satisfaction']);
  });
});

/**
 * The reference wording of the 5-point agreement scale (the OMB Circular A-11 §280 customer
 * experience items: strongly disagree … strongly agree, with a neutral middle), in each language.
 * Every agreement scale shipped in surveys/ uses exactly these labels, so the instrument means the
 * same in every language (the middle is neutral everywhere, never "partly agree" or "yes and no").
 */
const AGREEMENT: Record<(typeof LANGS)[number], string[]> = {
  uz: [
    'Umuman qo‘shilmayman',
    'Qo‘shilmayman',
    'Na qo‘shilaman, na qo‘shilmayman',
    'Qo‘shilaman',
    'To‘liq qo‘shilaman',
  ],
  'uz-Cyrl': [
    'Умуман қўшилмайман',
    'Қўшилмайман',
    'На қўшиламан, на қўшилмайман',
    'Қўшиламан',
    'Тўлиқ қўшиламан',
  ],
  ru: [
    'Совсем не согласен',
    'Не согласен',
    'Ни согласен, ни не согласен',
    'Согласен',
    'Полностью согласен',
  ],
  en: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
};

describe('scales mean the same in every language', () => {
  it('every matrix scale has the same points in each language, and agreement scales use the reference wording', () => {
    let agreement = 0;
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!isObject(node)) return;
      if (node.type === 'matrix' && Array.isArray(node.columns)) {
        const points = (node.columns as Json[]).filter((c) => typeof c.value === 'number');
        for (const lang of LANGS) {
          const labels = points.map((c) => (c.text as Record<string, string>)[lang]);
          expect(labels.every((l) => typeof l === 'string' && l !== '')).toBe(true);
        }
        const en = points.map((c) => (c.text as Record<string, string>).en);
        if (en.some((l) => /agree/i.test(l ?? ''))) {
          agreement += 1;
          expect(points.map((c) => c.value)).toEqual([1, 2, 3, 4, 5]);
          for (const lang of LANGS) {
            expect(points.map((c) => (c.text as Record<string, string>)[lang])).toEqual(
              AGREEMENT[lang],
            );
          }
        }
      }
      Object.values(node).forEach(walk);
    };
    for (const file of FILES) walk(load(file));
    expect(agreement).toBeGreaterThan(0);
  });
});
