/** Ovoz's Uzbek UI dictionaries for survey-core: complete, faithful to placeholders, registered. */
import { Model, englishStrings, getLocaleStrings, surveyLocalization } from 'survey-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUzbekLocales } from '../../common/citizen/locales/register.js';
import { uzCyrlStrings } from '../../common/citizen/locales/uz-Cyrl.js';
import { uzStrings } from '../../common/citizen/locales/uz.js';

const english = englishStrings as Record<string, string>;

const DICTIONARIES: [string, Record<string, string>][] = [
  ['uz', uzStrings],
  ['uz-Cyrl', uzCyrlStrings],
];

/** Placeholders of a string, sorted: {0}, {1}, {panelIndex}, … */
function placeholders(s: string): string[] {
  return (s.match(/\{[^{}]*\}/g) ?? []).sort();
}

/** Code names survey-core's messages quote, which stay in Latin letters in any script. */
const CODE_WORDS = /true|path|onUploadFiles/g;

describe.each(DICTIONARIES)('%s dictionary', (_code, strings) => {
  it("has exactly the keys of survey-core's English dictionary", () => {
    expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
  });

  it('has no empty strings', () => {
    for (const [key, value] of Object.entries(strings)) {
      expect(typeof value, key).toBe('string');
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('keeps every placeholder, line break and file-size unit', () => {
    for (const [key, value] of Object.entries(strings)) {
      const en = english[key] as string;
      expect(placeholders(value), key).toEqual(placeholders(en));
      expect(value.split('\n').length, key).toBe(en.split('\n').length);
    }
    expect((strings.fileSizeUnits as string).split(',')).toHaveLength(
      english.fileSizeUnits!.split(',').length,
    );
  });

  it('is not a copy of the English texts', () => {
    const same = Object.keys(english).filter(
      (k) => strings[k] === english[k] && !/^\{[^}]*\}$/.test(english[k] as string),
    );
    // Only strings that are the same in every language may stay as they are ("OK").
    for (const key of same) expect(['ok', 'indexText', 'panelDynamicProgressText']).toContain(key);
  });
});

describe('scripts', () => {
  it('writes uz in Latin letters with o‘ g‘ (U+2018) and ’ (U+2019)', () => {
    for (const [key, value] of Object.entries(uzStrings)) {
      expect(value, key).not.toMatch(/[\u0400-\u04FF]/);
      expect(value, key).not.toMatch(/[ʻʼ'`]/);
    }
    expect(uzStrings.booleanUncheckedLabel).toBe('Yo‘q');
  });

  it('writes uz-Cyrl in Cyrillic letters, apart from quoted code names and placeholders', () => {
    for (const [key, value] of Object.entries(uzCyrlStrings)) {
      const text = value.replace(/\{[^{}]*\}/g, '').replace(CODE_WORDS, '');
      expect(text, key).not.toMatch(/[A-Za-z]/);
    }
    expect(uzCyrlStrings.pageNextText).toBe('Кейинги');
    expect(uzCyrlStrings.booleanUncheckedLabel).toBe('Йўқ');
  });
});

describe('registerUzbekLocales', () => {
  beforeAll(() => registerUzbekLocales());

  it('registers uz and uz-Cyrl with their native names', () => {
    expect(getLocaleStrings('uz')).toBe(uzStrings);
    expect(getLocaleStrings('uz-Cyrl')).toBe(uzCyrlStrings);
    expect(surveyLocalization.getLocaleName('uz')).toBe('Oʻzbekcha');
    expect(surveyLocalization.getLocaleName('uz-Cyrl')).toBe('Ўзбекча');
    expect(surveyLocalization.getLocaleName('uz', true)).toBe('Uzbek');
    expect(surveyLocalization.getLocales()).toEqual(expect.arrayContaining(['uz', 'uz-Cyrl']));
  });

  it('is harmless to call twice', () => {
    registerUzbekLocales();
    expect(getLocaleStrings('uz')).toBe(uzStrings);
  });

  it('makes a Model show Uzbek buttons, progress and errors', () => {
    const survey = new Model({
      pages: [
        { elements: [{ type: 'text', name: 'a', isRequired: true }] },
        { elements: [{ type: 'text', name: 'b', inputType: 'number', min: 0, max: 365 }] },
      ],
    });
    survey.locale = 'uz';
    expect(survey.pageNextText).toBe('Keyingi');
    expect(survey.getLocalizableString('pageNextText').renderedHtml).toBe('Keyingi');
    expect(survey.pagePrevText).toBe('Orqaga');
    expect(survey.completeText).toBe('Yakunlash');
    expect(survey.progressText).toBe('Sahifa 1 / 2');
    const a = survey.getQuestionByName('a');
    a.validate(true);
    expect(a.errors.map((e) => e.getText())).toEqual(['Javob berish shart.']);

    survey.locale = 'uz-Cyrl';
    expect(survey.pageNextText).toBe('Кейинги');
    expect(survey.progressText).toBe('Саҳифа 1 / 2');
    a.validate(true);
    expect(a.errors.map((e) => e.getText())).toEqual(['Жавоб бериш шарт.']);
    survey.setValue('b', 400);
    const b = survey.getQuestionByName('b');
    b.validate(true);
    expect(b.errors.map((e) => e.getText())).toEqual(['Қиймат 365 дан катта бўлмаслиги керак']);

    survey.locale = 'en';
    expect(survey.pageNextText).toBe('Next');
  });

  it('shows the Uzbek none item on a checkbox question', () => {
    const survey = new Model({
      elements: [{ type: 'checkbox', name: 'c', choices: ['x'], showNoneItem: true }],
    });
    survey.locale = 'uz-Cyrl';
    const q = survey.getQuestionByName('c') as unknown as { noneItem: { text: string } };
    expect(q.noneItem.text).toBe('Ҳеч бири');
  });
});
