/**
 * The checks a questionnaire must pass before citizens get it: refused (errors) while a text a
 * citizen reads is missing in a language the survey offers, the title is empty, the survey
 * measures drivers without an overall satisfaction question, or an expression is broken or names
 * a question the survey does not have; warned about (warnings) when a rating would turn into a
 * drop-down list on a phone, a 1–5 rating carries no role in a survey that measures satisfaction,
 * or a page is empty. Each problem names its question, so the designer can link to it.
 *
 * The same function runs in the designer as the sociologist types, on POST …/open (and on a new
 * version of an open survey), and on `ovoz surveys check`. Pure: survey-core only, no I/O.
 */
import { brokenReferences, type Site } from './references.js';
import { offeredLanguages, surveyTexts, textIn, type SurveyText } from './texts.js';
import type { Lang } from './types.js';
import { elementsOf, isObject, type JsonObject, type JsonPath } from './walk.js';

export type ProblemCode =
  | 'title-empty'
  | 'missing-text'
  | 'no-satisfaction'
  | 'no-role'
  | 'bad-expression'
  | 'broken-reference'
  | 'phone-dropdown'
  | 'empty-page'
  | 'no-questions';

export interface Problem {
  severity: 'error' | 'warning';
  code: ProblemCode;
  /** In English, for the API and the command line; the designer words it in its own language. */
  message: string;
  /** The question (or panel) the problem is in, to link to; absent for the survey as a whole. */
  question?: string;
  /** The page it is on (index), when known. */
  page?: number;
  path?: JsonPath;
  lang?: Lang;
  /** The translation key of a missing text. */
  key?: string;
  /** The text to recognise the string by (its Uzbek text, or what citizens see instead). */
  sample?: string;
  /** Names an expression refers to that the survey does not have. */
  names?: string[];
}

export interface OpenCheck {
  ok: boolean;
  languages: Lang[];
  errors: Problem[];
  warnings: Problem[];
}

const LANG_NAMES: Record<Lang, string> = {
  uz: 'Uzbek',
  'uz-Cyrl': 'Uzbek Cyrillic',
  ru: 'Russian',
  en: 'English',
};

const where = (t: { owner: { kind: string; name: string } }) =>
  t.owner.kind === 'survey' ? 'the survey' : `${t.owner.kind} "${t.owner.name}"`;

function missingTexts(texts: SurveyText[], langs: Lang[]): Problem[] {
  const out: Problem[] = [];
  for (const t of texts) {
    // A text written in no language at all, and not shown in its place, is simply absent.
    const written = Object.values(t.texts).some((v) => v && v.trim() !== '');
    if (!written && t.fallback === undefined) continue;
    for (const lang of langs) {
      if (textIn(t, lang) !== undefined) continue;
      // Uzbek Cyrillic is derived from Uzbek Latin where it has none of its own.
      if (lang === 'uz-Cyrl' && textIn(t, 'uz') !== undefined) continue;
      const sample =
        textIn(t, 'uz') ?? Object.values(t.texts).find((v) => v?.trim()) ?? t.fallback ?? '';
      const part = t.item !== undefined ? ` › ${t.item}` : '';
      out.push({
        severity: 'error',
        code: 'missing-text',
        message: `${LANG_NAMES[lang]} text missing: ${where(t)}${part} › ${t.prop} (${
          t.fallback !== undefined && !written
            ? `citizens would see "${t.fallback}"`
            : `"${sample}"`
        })`,
        question:
          t.owner.kind === 'question' || t.owner.kind === 'panel' ? t.owner.name : undefined,
        page: t.owner.page,
        path: t.path,
        lang,
        key: t.key,
        sample,
      });
    }
  }
  return out;
}

const ownerQuestion = (s: Site) =>
  s.owner.kind === 'question' || s.owner.kind === 'panel' ? s.owner.name : undefined;

function references(json: JsonObject): Problem[] {
  return brokenReferences(json).map(({ site, unknown, parses }) =>
    parses
      ? {
          severity: 'error' as const,
          code: 'broken-reference' as const,
          message: `${where(site)} › ${site.prop} refers to ${unknown.map((n) => `"${n}"`).join(', ')}, which the survey does not have: ${site.value}`,
          question: ownerQuestion(site),
          page: site.owner.page,
          path: site.path,
          names: unknown,
        }
      : {
          severity: 'error' as const,
          code: 'bad-expression' as const,
          message: `${where(site)} › ${site.prop} is not a valid expression: ${site.value}`,
          question: ownerQuestion(site),
          page: site.owner.page,
          path: site.path,
        },
  );
}

const FIVE = [1, 2, 3, 4, 5];

/** The values of a rating as survey-core would offer them (rateValues, or rateMin…rateMax). */
function ratingValues(q: JsonObject): unknown[] {
  if (Array.isArray(q.rateValues) && q.rateValues.length) {
    return q.rateValues.map((v) => (isObject(v) ? v.value : v));
  }
  if (q.rateType === 'smileys' || q.rateType === 'stars') {
    const count = typeof q.rateCount === 'number' ? q.rateCount : 5;
    return Array.from({ length: count }, (_, i) => i + 1);
  }
  const min = typeof q.rateMin === 'number' ? q.rateMin : 1;
  const max = typeof q.rateMax === 'number' ? q.rateMax : 5;
  const step = typeof q.rateStep === 'number' && q.rateStep > 0 ? q.rateStep : 1;
  const out: number[] = [];
  for (let v = min; v <= max && out.length < 100; v += step) out.push(v);
  return out;
}

const isFive = (values: unknown[]) => values.length === 5 && values.every((v, i) => v === FIVE[i]);

function rolesAndPhone(json: JsonObject): Problem[] {
  const out: Problem[] = [];
  const elements = elementsOf(json);
  const roles = new Set<string>();
  for (const { element } of elements) {
    if (typeof element.role === 'string') roles.add(element.role);
    if (Array.isArray(element.rows)) {
      for (const r of element.rows)
        if (isObject(r) && typeof r.role === 'string') roles.add(r.role);
    }
  }
  const drivers = [...roles].some((r) => r.startsWith('driver:'));
  const measures = drivers || roles.has('satisfaction');
  if (drivers && !roles.has('satisfaction')) {
    out.push({
      severity: 'error',
      code: 'no-satisfaction',
      message:
        'the survey measures drivers of satisfaction but has no question with the role "satisfaction"',
    });
  }
  for (const { element, page } of elements) {
    const name = typeof element.name === 'string' ? element.name : '';
    if (element.type === 'rating') {
      const values = ratingValues(element);
      if (measures && element.role === undefined && isFive(values)) {
        out.push({
          severity: 'warning',
          code: 'no-role',
          message: `rating "${name}" is a 1–5 scale without a role: it counts in no satisfaction or driver report`,
          question: name,
          page,
        });
      }
      const mode = element.displayMode ?? 'auto';
      const labels =
        element.minRateDescription !== undefined || element.maxRateDescription !== undefined;
      if (mode === 'auto' && (values.length > 5 || labels)) {
        out.push({
          severity: 'warning',
          code: 'phone-dropdown',
          message: `rating "${name}" shows as buttons on a wide screen but as a drop-down list on a phone; set its display mode to buttons`,
          question: name,
          page,
        });
      }
    }
    if (measures && element.type === 'matrix' && Array.isArray(element.rows)) {
      const columns = Array.isArray(element.columns)
        ? element.columns.map((c) => (isObject(c) ? c.value : c)).filter((v) => v !== 'na')
        : [];
      if (isFive(columns)) {
        for (const r of element.rows) {
          const row: JsonObject = isObject(r) ? r : { value: r };
          if (row.role === undefined) {
            out.push({
              severity: 'warning',
              code: 'no-role',
              message: `row "${String(row.value)}" of matrix "${name}" is a 1–5 scale without a role`,
              question: name,
              page,
            });
          }
        }
      }
    }
  }
  return out;
}

function pages(json: JsonObject): Problem[] {
  const out: Problem[] = [];
  const list = Array.isArray(json.pages) ? json.pages : [];
  list.forEach((p, i) => {
    if (isObject(p) && (!Array.isArray(p.elements) || p.elements.length === 0)) {
      out.push({
        severity: 'warning',
        code: 'empty-page',
        message: `page ${i + 1}${typeof p.name === 'string' ? ` ("${p.name}")` : ''} has no questions`,
        page: i,
      });
    }
  });
  if (
    !elementsOf(json).some(({ element }) => element.type !== 'panel' && element.type !== 'html')
  ) {
    out.push({ severity: 'error', code: 'no-questions', message: 'the survey has no questions' });
  }
  return out;
}

/** Every problem that keeps the survey from opening (errors) or that the designer warns about. */
export function checkBeforeOpening(json: unknown): OpenCheck {
  if (!isObject(json)) {
    const p: Problem = {
      severity: 'error',
      code: 'no-questions',
      message: 'a survey is a JSON object',
    };
    return { ok: false, languages: [], errors: [p], warnings: [] };
  }
  const languages = offeredLanguages(json);
  const texts = surveyTexts(json);
  const problems: Problem[] = [];
  const title = texts.find((t) => t.key === 'survey.title');
  if (!title || !languages.some((l) => textIn(title, l) !== undefined)) {
    problems.push({ severity: 'error', code: 'title-empty', message: 'the survey has no title' });
  }
  problems.push(
    ...missingTexts(
      texts.filter((t) => t.key !== 'survey.title' || problems.length === 0),
      languages,
    ),
    ...references(json),
    ...rolesAndPhone(json),
    ...pages(json),
  );
  const errors = problems.filter((p) => p.severity === 'error');
  return {
    ok: errors.length === 0,
    languages,
    errors,
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}
