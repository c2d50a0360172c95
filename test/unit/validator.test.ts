/**
 * The compiled answer validator, rule by rule, on test/fixtures/all-types.json (every question type
 * the questionnaires use, with conditions on questions, choices, rows, a panel and a page).
 * test/integration/differential.test.ts proves the same rules against survey-core at scale.
 */
import { describe, expect, it, vi } from 'vitest';
import { compileValidator } from '../../server/ingest/validator.js';
import type { ValidationResult } from '../../server/ingest/validator-types.js';
import { materialize, roleVariables } from '../../common/survey/materialize.js';
import type { SurveyJson } from '../../common/survey/types.js';
import fixture from '../fixtures/all-types.json' with { type: 'json' };
import { fixtureRegistry } from '../fixtures/registry.js';

type Json = Record<string, unknown>;

const survey = materialize(fixture as SurveyJson, fixtureRegistry);
const validator = compileValidator(survey);

/** A valid answer set: satisfaction 4 hides the drivers page; no link fixes anything. */
const BASE: Json = {
  satisfaction: 4,
  service: 'pension',
  paid: 'formal',
  afford: true,
  region: 'UZ-SA',
  district: 'UZ-SA-01',
  provider: 'P-SA-2',
};

const with_ = (patch: Json): Json => ({ ...BASE, ...patch });
const without = (...names: string[]): Json =>
  Object.fromEntries(Object.entries(BASE).filter(([k]) => !names.includes(k)));

/** The names the validator complains about, or the stored data. */
function outcome(result: ValidationResult): { rejected: string[] } | { stored: Json } {
  return result.ok ? { stored: result.data } : { rejected: result.fields.map((f) => f.name) };
}

interface Row {
  rule: string;
  answers: unknown;
  variables?: Record<string, string>;
}

describe('accepted answers, and what is stored', () => {
  const cases: (Row & { stored: Json })[] = [
    { rule: 'a complete, valid answer set', answers: BASE, stored: BASE },
    {
      rule: 'an answer to a question hidden by its condition is dropped',
      answers: with_({ paid: 'none', afford: false }),
      stored: with_({ paid: 'none', afford: undefined }),
    },
    {
      rule: "a hidden page's answers are dropped",
      answers: with_({ satisfaction: 5, drivers: { timeliness: 1, courtesy: 1 }, trust: 2 }),
      stored: with_({ satisfaction: 5 }),
    },
    {
      rule: 'a hidden matrix row is dropped, the visible rows kept',
      answers: with_({
        satisfaction: 3,
        drivers: { timeliness: 2, courtesy: 'na', accessibility: 5 },
      }),
      stored: with_({ satisfaction: 3, drivers: { timeliness: 2, courtesy: 'na' } }),
    },
    {
      rule: 'a row shown by a condition is kept',
      answers: with_({
        satisfaction: 3,
        segment: ['disability'],
        drivers: { timeliness: 2, courtesy: 'na', accessibility: 5 },
      }),
      stored: with_({
        satisfaction: 3,
        segment: ['disability'],
        drivers: { timeliness: 2, courtesy: 'na', accessibility: 5 },
      }),
    },
    {
      rule: 'hiding cascades until nothing changes, also through later questions',
      // satisfaction 5 hides wants_callback, whose `true` had shown callback_time (earlier).
      answers: with_({ satisfaction: 5, callback_time: 'morning', wants_callback: true }),
      stored: with_({ satisfaction: 5 }),
    },
    {
      rule: 'a region fixed by the link hides the region question; districts follow the link',
      answers: with_({ region: 'UZ-SA', district: 'UZ-TO-01', provider: 'P-TO-1' }),
      variables: { context_region: 'UZ-TO' },
      stored: { ...without('region'), district: 'UZ-TO-01', provider: 'P-TO-1' },
    },
    {
      rule: 'null and empty answers are not stored',
      answers: with_({ recommend: null, comment: '', segment: [], phone: undefined }),
      stored: BASE,
    },
    {
      rule: 'an "other" answer keeps its text',
      answers: with_({ channel: 'other', 'channel-Comment': 'by post' }),
      stored: with_({ channel: 'other', 'channel-Comment': 'by post' }),
    },
    {
      rule: 'an "other" text without "other" selected is dropped',
      answers: with_({ channel: 'centre', 'channel-Comment': 'by post' }),
      stored: with_({ channel: 'centre' }),
    },
    {
      rule: "a comment area's text is kept",
      answers: with_({ recommend: 9, 'recommend-Comment': 'good staff' }),
      stored: with_({ recommend: 9, 'recommend-Comment': 'good staff' }),
    },
    {
      rule: 'a required question that is disabled (enableIf) need not be answered',
      answers: with_({ channel: 'phone' }),
      stored: with_({ channel: 'phone' }),
    },
    {
      rule: 'a choice shown by its condition can be chosen',
      answers: with_({ channel: 'centre', service: 'care' }),
      stored: with_({ channel: 'centre', service: 'care' }),
    },
    {
      rule: 'choicesVisibleIf on a later question can show a choice',
      answers: with_({ segment: ['veteran'], age_group: 'old' }),
      stored: with_({ segment: ['veteran'], age_group: 'old' }),
    },
    {
      rule: 'boundary values are accepted',
      answers: with_({
        recommend: 0,
        effort: 7,
        delivery_days: 365,
        visits: 20,
        comment: 'x'.repeat(60),
      }),
      stored: with_({
        recommend: 0,
        effort: 7,
        delivery_days: 365,
        visits: 20,
        comment: 'x'.repeat(60),
      }),
    },
    {
      rule: '"none" alone is accepted',
      answers: with_({ segment: ['none'] }),
      stored: with_({ segment: ['none'] }),
    },
  ];

  it.each(cases)('$rule', ({ answers, variables, stored }) => {
    const expected = JSON.parse(JSON.stringify(stored)) as Json; // without the undefined keys
    expect(outcome(validator.validate(answers, variables))).toEqual({ stored: expected });
  });

  it('a hidden panel drops the questions in it, nested panels too', () => {
    const result = validator.validate(
      with_({ service: undefined, delivery_days: 3, paid: 'none' }),
    );
    // service is required, so the set is rejected, but not for the hidden panel's answers.
    expect(outcome(result)).toEqual({ rejected: ['service'] });
  });
});

describe('rejected answers, and the fields named', () => {
  const cases: (Row & { rejected: string[] })[] = [
    {
      rule: 'out-of-range rating (above)',
      answers: with_({ satisfaction: 6 }),
      rejected: ['satisfaction'],
    },
    {
      rule: 'out-of-range rating (below)',
      answers: with_({ satisfaction: 0 }),
      rejected: ['satisfaction'],
    },
    {
      rule: 'a rating given as text',
      answers: with_({ satisfaction: '4' }),
      rejected: ['satisfaction'],
    },
    { rule: 'a fractional rating', answers: with_({ recommend: 2.5 }), rejected: ['recommend'] },
    {
      rule: 'a rating value hidden by its condition',
      answers: with_({ satisfaction: 3, drivers: { timeliness: 1, courtesy: 3 }, effort: 7 }),
      rejected: ['effort'],
    },
    {
      rule: 'over-long comment',
      answers: with_({ comment: 'x'.repeat(61) }),
      rejected: ['comment'],
    },
    {
      rule: 'over-long text',
      answers: with_({ wants_callback: true, phone: '+998 90 123 45 678' }),
      rejected: ['phone'],
    },
    {
      rule: 'over-long "other" text (survey maxCommentLength)',
      answers: with_({ channel: 'other', 'channel-Comment': 'x'.repeat(41) }),
      rejected: ['channel-Comment'],
    },
    { rule: 'unknown key', answers: with_({ zz: 1 }), rejected: ['zz'] },
    {
      rule: 'a key in the wrong case',
      answers: with_({ Satisfaction: 4 }),
      rejected: ['Satisfaction'],
    },
    {
      rule: 'a key of a question without a value',
      answers: with_({ note: 'x' }),
      rejected: ['note'],
    },
    {
      rule: 'a comment key the question does not have',
      answers: with_({ 'service-Comment': 'x' }),
      rejected: ['service-Comment'],
    },
    {
      rule: 'a variable sent as an answer',
      answers: with_({ context_region: 'UZ-SA' }),
      rejected: ['context_region'],
    },
    { rule: 'invalid choice', answers: with_({ service: 'zz' }), rejected: ['service'] },
    { rule: 'a choice of a number type', answers: with_({ paid: 1 }), rejected: ['paid'] },
    {
      rule: 'a choice hidden by its condition',
      answers: with_({ channel: 'phone', service: 'care' }),
      rejected: ['service'],
    },
    {
      rule: 'a district of another region (registry filter)',
      answers: with_({ district: 'UZ-TO-01', provider: 'P-TO-1' }),
      rejected: ['district'],
    },
    {
      rule: 'a provider of another district',
      answers: with_({ provider: 'P-SA-3' }),
      rejected: ['provider'],
    },
    {
      rule: 'a choice hidden by choicesVisibleIf',
      answers: with_({ segment: ['veteran'], age_group: 'young' }),
      rejected: ['segment'],
    },
    {
      rule: 'an invalid answer to a hidden question (hidden or not, garbage is garbage)',
      answers: with_({ paid: 'none', afford: 'maybe' }),
      rejected: ['afford'],
    },
    {
      rule: '"none" with another choice',
      answers: with_({ segment: ['none', 'elderly'] }),
      rejected: ['segment'],
    },
    {
      rule: 'more than maxSelectedChoices',
      answers: with_({
        segment: ['disability', 'elderly', 'low_income', 'other'],
        'segment-Comment': 'x',
      }),
      rejected: ['segment'],
    },
    {
      rule: 'a choice twice',
      answers: with_({ segment: ['elderly', 'elderly'] }),
      rejected: ['segment'],
    },
    {
      rule: 'a single choice where a list is due',
      answers: with_({ segment: 'elderly' }),
      rejected: ['segment'],
    },
    {
      rule: 'required question missing',
      answers: without('satisfaction'),
      rejected: ['satisfaction'],
    },
    { rule: 'required question blank', answers: with_({ service: '' }), rejected: ['service'] },
    {
      rule: 'required question inside a panel missing',
      answers: without('paid', 'afford'),
      rejected: ['paid'],
    },
    {
      rule: 'required question shown by a condition missing',
      answers: without('afford'),
      rejected: ['afford'],
    },
    {
      rule: 'a required question enabled by enableIf missing',
      answers: with_({ channel: 'online' }),
      rejected: ['reference'],
    },
    {
      rule: 'every row required',
      answers: with_({ satisfaction: 2, drivers: { timeliness: 1 } }),
      rejected: ['drivers.courtesy'],
    },
    {
      rule: 'an unknown matrix row',
      answers: with_({ satisfaction: 2, drivers: { timeliness: 1, courtesy: 1, nope: 1 } }),
      rejected: ['drivers.nope'],
    },
    {
      rule: 'a matrix answer that is not a column',
      answers: with_({ satisfaction: 2, drivers: { timeliness: 6, courtesy: 1 } }),
      rejected: ['drivers.timeliness'],
    },
    {
      rule: 'a matrix answer that is not an object',
      answers: with_({ drivers: [1, 2] }),
      rejected: ['drivers'],
    },
    {
      rule: 'requiredIf on a matrix cell',
      answers: with_({ satisfaction: 2, drivers: { timeliness: 1, courtesy: 2 } }),
      rejected: ['trust'],
    },
    {
      rule: 'number below min',
      answers: with_({ delivery_days: -1 }),
      rejected: ['delivery_days'],
    },
    {
      rule: 'number above max',
      answers: with_({ delivery_days: 366 }),
      rejected: ['delivery_days'],
    },
    {
      rule: 'number off its step',
      answers: with_({ delivery_days: 2.5 }),
      rejected: ['delivery_days'],
    },
    {
      rule: 'number given as text',
      answers: with_({ delivery_days: '5' }),
      rejected: ['delivery_days'],
    },
    {
      rule: 'numeric validator',
      answers: with_({ delivery_days: 40, visits: 21 }),
      rejected: ['visits'],
    },
    {
      rule: 'text validator (minLength)',
      answers: with_({ wants_callback: true, phone: '123' }),
      rejected: ['phone'],
    },
    {
      rule: 'requiredIf',
      answers: with_({ wants_callback: true }),
      rejected: ['phone'],
    },
    {
      rule: 'regex validator',
      answers: with_({ channel: 'online', reference: 'ab12' }),
      rejected: ['reference'],
    },
    {
      rule: 'e-mail input',
      answers: with_({ wants_callback: true, phone: '+998901234', email: 'nope@' }),
      rejected: ['email'],
    },
    { rule: 'boolean given as text', answers: with_({ afford: 'yes' }), rejected: ['afford'] },
    {
      rule: '"other" without its text',
      answers: with_({ channel: 'other' }),
      rejected: ['channel-Comment'],
    },
    {
      rule: 'a comment that is not text',
      answers: with_({ recommend: 3, 'recommend-Comment': 5 }),
      rejected: ['recommend-Comment'],
    },
    { rule: 'answers that are a list', answers: [BASE], rejected: [''] },
    { rule: 'answers that are null', answers: null, rejected: [''] },
    { rule: 'answers that are text', answers: 'satisfaction=4', rejected: [''] },
  ];

  it.each(cases)('$rule', ({ answers, variables, rejected }) => {
    expect(outcome(validator.validate(answers, variables))).toEqual({ rejected });
  });

  it('gives plain English messages', () => {
    const result = validator.validate(with_({ satisfaction: 9, comment: 'x'.repeat(61), zz: 1 }));
    expect(result).toEqual({
      ok: false,
      fields: [
        { name: 'satisfaction', message: 'Not one of the offered ratings.' },
        { name: 'zz', message: 'Unknown question.' },
      ],
    });
    const long = validator.validate(with_({ comment: 'x'.repeat(61) }));
    expect(long).toEqual({
      ok: false,
      fields: [{ name: 'comment', message: 'Longer than 60 characters.' }],
    });
  });
});

describe('hostile keys', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])(
    'rejects %s without polluting Object.prototype',
    (key) => {
      const answers = JSON.parse(`{"${key}": {"polluted": true}, "satisfaction": 4}`) as Json;
      expect(outcome(validator.validate(answers))).toEqual({ rejected: [key] });
      expect(({} as Json).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    },
  );

  it('rejects a hostile key inside a matrix answer', () => {
    const answers = JSON.parse(
      '{"satisfaction": 2, "drivers": {"__proto__": {"polluted": true}, "timeliness": 1, "courtesy": 1}}',
    ) as Json;
    expect(outcome(validator.validate(with_(answers)))).toEqual({
      rejected: ['drivers.__proto__'],
    });
    expect(({} as Json).polluted).toBeUndefined();
  });
});

describe('the validator itself', () => {
  it('never changes the answers it is given, and stores copies', () => {
    const drivers = Object.freeze({ timeliness: 2, courtesy: 'na', accessibility: 5 });
    const answers = Object.freeze(
      with_({ satisfaction: 3, drivers, segment: Object.freeze(['elderly']) }),
    );
    const result = validator.validate(answers);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.drivers).toEqual({ timeliness: 2, courtesy: 'na' });
    expect(result.data.drivers).not.toBe(drivers);
    expect(result.data.segment).not.toBe(answers.segment);
  });

  it('gives the same decision however often it runs (no state kept between calls)', () => {
    const a = with_({ satisfaction: 2, drivers: { timeliness: 1, courtesy: 3 } });
    const b = with_({ satisfaction: 5, drivers: { timeliness: 1 } });
    const first = [validator.validate(a), validator.validate(b)];
    expect([validator.validate(a), validator.validate(b), validator.validate(a)]).toEqual([
      first[0],
      first[1],
      first[0],
    ]);
  });

  it.each([
    ['a file upload', { elements: [{ type: 'file', name: 'f' }] }],
    ['a signature', { elements: [{ type: 'signaturepad', name: 's' }] }],
    [
      'choices loaded from a web address',
      { elements: [{ type: 'dropdown', name: 'd', choicesByUrl: { url: 'https://x.example' } }] },
    ],
    [
      'an upload inside a dynamic panel',
      {
        elements: [
          { type: 'paneldynamic', name: 'p', templateElements: [{ type: 'file', name: 'f' }] },
        ],
      },
    ],
    [
      'an unknown function in a condition',
      { elements: [{ type: 'text', name: 't', visibleIf: 'evil() = 1' }] },
    ],
    [
      'an unknown function in a dynamic panel',
      {
        elements: [
          {
            type: 'paneldynamic',
            name: 'p',
            templateElements: [{ type: 'text', name: 't', visibleIf: 'evil({panel.x}) = 1' }],
          },
        ],
      },
    ],
    ['a broken condition', { elements: [{ type: 'text', name: 't', visibleIf: '{a} = = 1' }] }],
    ['a read-only survey', { mode: 'display', elements: [{ type: 'text', name: 't' }] }],
  ])('refuses to compile a survey with %s', (_what, json) => {
    // survey-core itself complains on the console about some of these while loading them.
    const quiet = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    for (const spy of quiet) spy.mockImplementation(() => undefined);
    try {
      expect(() => compileValidator(json as SurveyJson)).toThrow(/not supported/);
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }
  });
});

describe('materialize', () => {
  it('fills the context questions from the registry and hides them when the link fixes them', () => {
    const json = materialize(fixture as SurveyJson, fixtureRegistry);
    const elements = (json.pages as { elements: Json[] }[]).flatMap((p) => p.elements);
    const byName = (name: string) => elements.find((e) => e.name === name) as Json;

    expect(byName('region').choices).toEqual([
      {
        value: 'UZ-SA',
        text: {
          uz: 'Samarkand Region',
          'uz-Cyrl': 'Samarkand Region',
          ru: 'Samarkand Region',
          en: 'Samarkand Region',
        },
      },
      {
        value: 'UZ-TO',
        text: {
          uz: 'Tashkent Region',
          'uz-Cyrl': 'Tashkent Region',
          ru: 'Tashkent Region',
          en: 'Tashkent Region',
        },
      },
    ]);
    expect(byName('region').visibleIf).toBe('{context_region} empty');
    expect((byName('district').choices as Json[])[2]).toMatchObject({
      value: 'UZ-TO-01',
      visibleIf: "{region} = 'UZ-TO' or {context_region} = 'UZ-TO'",
    });
    expect((byName('provider').choices as Json[])[3]).toMatchObject({
      value: 'P-TO-1',
      visibleIf: "{district} = 'UZ-TO-01' or {context_district} = 'UZ-TO-01'",
    });
    // channel keeps its own choices and only gains the condition.
    expect(byName('channel').choices).toEqual(['centre', 'mahalla', 'online', 'phone']);
    expect(byName('channel').visibleIf).toBe('{context_channel} empty');
  });

  it('combines an existing condition and never changes its input', () => {
    const input = {
      elements: [
        {
          type: 'radiogroup',
          name: 'how',
          role: 'context:channel',
          visibleIf: '{a} = 1',
          choices: ['online'],
        },
        { type: 'dropdown', name: 'where', role: 'context:provider' },
      ],
    };
    const frozen = JSON.parse(JSON.stringify(input)) as Json;
    const out = materialize(input, fixtureRegistry);
    expect(input).toEqual(frozen);
    const [how, where] = out.elements as Json[];
    expect(how?.visibleIf).toBe('({a} = 1) and {context_channel} empty');
    // No district question: providers follow the region the link fixes, if any.
    expect((where?.choices as Json[])[0]).toMatchObject({
      value: 'P-SA-1',
      visibleIf: "{context_region} empty or {context_region} = 'UZ-SA'",
    });
  });

  it('lists the role variables, matrix rows as matrix.row', () => {
    expect(roleVariables(survey).map((v) => `${v.variable}=${v.role}`)).toEqual([
      'satisfaction=satisfaction',
      'recommend=recommend',
      'effort=effort',
      'channel=context:channel',
      'paid=affordability',
      'afford=affordability:afford',
      'delivery_days=delivery_days',
      'drivers.timeliness=driver:timeliness',
      'drivers.courtesy=driver:courtesy',
      'drivers.accessibility=driver:accessibility',
      'trust=trust',
      'region=context:region',
      'district=context:district',
      'provider=context:provider',
      'segment=segment:group',
      'comment=comment',
    ]);
    expect(roleVariables(survey).find((v) => v.row === 'courtesy')).toEqual({
      variable: 'drivers.courtesy',
      question: 'drivers',
      row: 'courtesy',
      role: 'driver:courtesy',
      type: 'matrix',
    });
  });
});
