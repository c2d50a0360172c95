/** The checks before a survey opens (common/survey/open-check.ts), with literal surveys. */
import { describe, expect, test } from 'vitest';
import { checkBeforeOpening } from '../../../common/survey/open-check.js';

const t = (uz: string, ru?: string, en?: string) => ({
  uz,
  ...(ru ? { ru } : {}),
  ...(en ? { en } : {}),
});

function survey(elements: unknown[], title: unknown = t('So‘rov', 'Опрос', 'Survey')) {
  return { title, pages: [{ name: 'p1', elements }] };
}

describe('checkBeforeOpening', () => {
  test('a complete survey is ready', () => {
    const r = checkBeforeOpening(
      survey([
        {
          type: 'rating',
          name: 'sat',
          role: 'satisfaction',
          title: t('Mamnunmisiz?', 'Довольны?', 'Satisfied?'),
          rateMin: 1,
          rateMax: 5,
          displayMode: 'buttons',
        },
      ]),
    );
    expect(r).toEqual({
      ok: true,
      languages: ['uz', 'uz-Cyrl', 'ru', 'en'],
      errors: [],
      warnings: [],
    });
  });

  test('a missing Russian text is an error that names the string and its question', () => {
    const r = checkBeforeOpening(
      survey([
        {
          type: 'boolean',
          name: 'visited_before',
          title: t('Avval kelganmisiz?', undefined, 'Been before?'),
        },
        {
          type: 'radiogroup',
          name: 'again',
          title: t('Yana?', 'Снова?', 'Again?'),
          choices: ['yes', { value: 'no', text: t("Yo'q", 'Нет', 'No') }],
        },
      ]),
    );
    expect(r.ok).toBe(false);
    const ru = r.errors.filter((e) => e.lang === 'ru');
    expect(ru.map((e) => e.message)).toEqual([
      'Russian text missing: question "visited_before" › title ("Avval kelganmisiz?")',
      'Russian text missing: question "again" › yes › text (citizens would see "yes")',
    ]);
    expect(ru[0]).toMatchObject({
      code: 'missing-text',
      question: 'visited_before',
      key: 'visited_before.title',
      page: 0,
    });
    // A question without a title shows its name: missing in every offered language.
    const bare = checkBeforeOpening(survey([{ type: 'comment', name: 'why_again' }]));
    expect(bare.errors.filter((e) => e.code === 'missing-text').map((e) => e.lang)).toEqual([
      'uz',
      'uz-Cyrl',
      'ru',
      'en',
    ]);
  });

  test('only the languages the title offers are required; Cyrillic comes from Latin', () => {
    const r = checkBeforeOpening(
      survey([{ type: 'text', name: 'q', title: t('Savol') }], { uz: 'So‘rov' }),
    );
    expect(r.languages).toEqual(['uz', 'uz-Cyrl']);
    expect(r.ok).toBe(true);
  });

  test('an empty title, broken references and unreadable expressions are refused', () => {
    const r = checkBeforeOpening(
      survey(
        [
          { type: 'text', name: 'a', title: 'A' },
          { type: 'text', name: 'b', title: 'B', visibleIf: '{gone} = 1' },
          { type: 'text', name: 'c', title: 'C', enableIf: '{a} = ' },
        ],
        { uz: '' },
      ),
    );
    expect(r.errors.map((e) => [e.code, e.question])).toEqual([
      ['title-empty', undefined],
      ['broken-reference', 'b'],
      ['bad-expression', 'c'],
    ]);
    expect(r.errors[1]!.names).toEqual(['gone']);
  });

  test('drivers without satisfaction are refused; a role-less 1–5 rating and a phone drop-down are warned about', () => {
    const r = checkBeforeOpening(
      survey(
        [
          {
            type: 'rating',
            name: 'd1',
            role: 'driver:timeliness',
            title: 'T',
            displayMode: 'buttons',
          },
          {
            type: 'rating',
            name: 'extra',
            title: 'E',
            minRateDescription: 'low',
            maxRateDescription: 'high',
          },
        ],
        { uz: 'S' },
      ),
    );
    expect(r.errors.map((e) => e.code)).toEqual(['no-satisfaction']);
    expect(r.warnings.map((w) => [w.code, w.question])).toEqual([
      ['no-role', 'extra'],
      ['phone-dropdown', 'extra'],
    ]);
  });

  test('an empty page is warned about; a survey without questions is refused', () => {
    const r = checkBeforeOpening({ title: { uz: 'S' }, pages: [{ name: 'page1', elements: [] }] });
    expect(r.warnings.map((w) => w.code)).toEqual(['empty-page']);
    expect(r.errors.map((e) => e.code)).toEqual(['no-questions']);
  });
});
