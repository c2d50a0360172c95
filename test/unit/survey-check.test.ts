/** The survey check and the HTML sanitiser, pure: the shipped questionnaires pass both unchanged. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSurvey, isAllowedRole } from '../../server/survey/check.js';
import { sanitizeSurveyJson, sanitizeText } from '../../server/survey/sanitize.js';
import { fixtureRegistry } from '../fixtures/registry.js';
import { ROOT } from '../helpers/server.js';

const dir = path.join(ROOT, 'surveys');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('the shipped questionnaires', () => {
  it.each(files)('%s is a valid survey and needs no sanitising', (file) => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(checkSurvey(json, fixtureRegistry)).toEqual({ ok: true, errors: [] });
    expect(sanitizeSurveyJson(json)).toEqual(json);
  });
});

describe('roles', () => {
  it('allows the roles of surveys/README.md and nothing else', () => {
    for (const role of [
      'satisfaction',
      'driver:timeliness',
      'segment:age_group',
      'context:channel',
      'affordability:afford',
    ]) {
      expect(isAllowedRole(role), role).toBe(true);
    }
    for (const role of [
      'driver:',
      'driver:Time',
      'context:mahalla',
      'Satisfaction',
      'segment:a b',
    ]) {
      expect(isAllowedRole(role), role).toBe(false);
    }
  });
});

describe('rating scales', () => {
  const survey = (q: object) => ({
    pages: [{ name: 'p', elements: [{ type: 'rating', name: 'q', ...q }] }],
  });
  it('satisfaction 1–5, recommend 0–10, effort 1–7', () => {
    expect(checkSurvey(survey({ role: 'satisfaction', rateMin: 1, rateMax: 5 })).ok).toBe(true);
    expect(checkSurvey(survey({ role: 'satisfaction', rateMin: 0, rateMax: 10 })).ok).toBe(false);
    expect(checkSurvey(survey({ role: 'recommend', rateMin: 0, rateMax: 10 })).ok).toBe(true);
    expect(checkSurvey(survey({ role: 'effort', rateMin: 1, rateMax: 7 })).ok).toBe(true);
    expect(checkSurvey(survey({ rateMin: 1, rateMax: 100 })).errors[0]!.message).toMatch(
      /2 to 11 values/,
    );
    expect(checkSurvey(survey({ rateStep: 0 })).errors[0]!.path).toBe(
      'pages[0].elements[0].rateStep',
    );
  });
});

describe('sanitizeText', () => {
  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<img src=x onerror=alert(1)>ok', 'ok'],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    [
      '<a href="&#106;avascript:alert(1)">x</a>',
      '<a rel="noopener noreferrer" target="_blank">x</a>',
    ],
    ['<svg onload=alert(1)><circle/></svg>after', 'after'],
    ['<p style="x" class="y">s</p><h1>big</h1>', '<p>s</p>big'],
    [
      '<a href="mailto:help@my.gov.uz">mail</a>',
      '<a href="mailto:help@my.gov.uz" rel="noopener noreferrer" target="_blank">mail</a>',
    ],
    ['A & B, no tags', 'A & B, no tags'],
  ])('%s', (input, output) => {
    expect(sanitizeText(input)).toBe(output);
  });

  it('keeps a "__proto__" key a plain key', () => {
    const json = JSON.parse('{"__proto__": {"title": "<script>x</script>t"}}') as Record<
      string,
      unknown
    >;
    const out = sanitizeSurveyJson(json);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"title":"t"}}');
  });
});

describe('what a questionnaire from SurveyJS may carry', () => {
  const messages = (json: Record<string, unknown>) =>
    checkSurvey(json).errors.map((e) => e.message);

  it('uploads and choices from a web address are refused, every one by name', () => {
    const errors = checkSurvey({
      elements: [
        { type: 'file', name: 'photo' },
        { type: 'signaturepad', name: 'sign' },
        { type: 'dropdown', name: 'city', choicesByUrl: { url: 'https://example.com' } },
        {
          type: 'matrixdynamic',
          name: 'grid',
          columns: [{ name: 'school', cellType: 'dropdown', choicesByUrl: { url: 'https://x' } }],
        },
        { type: 'text', name: 'ok' },
      ],
    }).errors;
    expect(errors.map((e) => [e.path, e.message.split(':')[0]])).toEqual([
      ['elements[0]', 'question "photo"'],
      ['elements[1]', 'question "sign"'],
      ['elements[2]', 'question "city"'],
      ['elements[3].columns[0]', 'question "grid.school"'],
    ]);
  });

  it('placeholders of survey state, numbers and choices are allowed in HTML, typed text is not', () => {
    const elements = [
      { type: 'text', name: 'age', inputType: 'number' },
      { type: 'radiogroup', name: 'pick', choices: ['a', 'b'] },
      { type: 'text', name: 'nick' },
      { type: 'expression', name: 'greeting', expression: "'Hi ' + {nick}" },
      { type: 'expression', name: 'older', expression: '{age} + 1' },
    ];
    expect(
      messages({
        elements,
        completedHtml: '<p>{correctAnswers} of {questionCount}; {age}, {pick}, {older}</p>',
      }),
    ).toEqual([]);
    expect(
      messages({ elements, completedHtml: '<p>{nick} {greeting} {pick-Comment}</p>' }),
    ).toEqual([expect.stringContaining('{nick}, {greeting}, {pick-comment}')]);
  });

  it('custom properties, dotted names, unnamed html and the root questions array are accepted', () => {
    expect(
      messages({
        myScoring: { weight: 2 },
        questions: [
          { type: 'html', html: '<p>Welcome</p>' },
          { type: 'radiogroup', name: 'a.b', choices: [{ value: 1, score: 3 }], domain: 'x' },
        ],
      }),
    ).toEqual([]);
  });

  it('a name shared by questions of different types, or written differently, is refused', () => {
    expect(
      messages({
        elements: [
          { type: 'text', name: 'x' },
          { type: 'text', name: 'x' },
          { type: 'comment', name: 'x' },
          { type: 'text', name: 'X' },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/the name "x" is used twice/),
      expect.stringMatching(/the name "X" is used twice/),
    ]);
  });
});
