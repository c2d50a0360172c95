/**
 * The questionnaire as the no-JavaScript form asks it: survey-core's own Model (so titles,
 * localized texts, generated rating values, choices offered under conditions and its per-question
 * checks are exactly what the JavaScript page shows), cut into steps an HTML form can carry.
 *
 * A step is a run of one page's questions in which no question depends on another of the same
 * run: a question whose visibility, choices, rows or texts refer to an earlier question of its page
 * starts a new step, so its condition is evaluated on the server once that answer has arrived
 * (e.g. the district's list after the region was chosen). A page without such references is one
 * step. Conditions between pages need nothing special: the server evaluates them between steps.
 */
import {
  Model,
  type ItemValue,
  type PanelModelBase,
  type Question,
  type SurveyModel,
} from 'survey-core';
import 'survey-core/i18n/russian';
import { registerUzbekLocales } from '../../common/citizen/locales/register.js';
import { registerOvozProperties } from '../../common/survey/properties.js';
import type { Lang, SurveyJson } from '../../common/survey/types.js';

/** Question types the form carries, and how. */
export const FORM_TYPES = new Set([
  'radiogroup',
  'checkbox',
  'tagbox',
  'dropdown',
  'rating',
  'boolean',
  'text',
  'comment',
  'matrix',
]);
/** Elements that only show something: drawn (html) or left out (expression, image). */
const DISPLAY_TYPES = new Set(['html', 'expression', 'image']);

export interface Step {
  /** The index of the step among all the survey's steps. */
  index: number;
  page: PanelModelBase;
  /** The step's elements in page order. */
  questions: Question[];
}

let setUp = false;
function setUpSurveyCore(): void {
  if (setUp) return;
  setUp = true;
  registerOvozProperties();
  registerUzbekLocales();
}

/** A Model of `json` in `lang` with the answers and the link's variables set. */
export function formModel(
  json: SurveyJson,
  lang: Lang,
  answers: Record<string, unknown>,
  variables: Record<string, unknown>,
): SurveyModel {
  setUpSurveyCore();
  const model = new Model(json);
  model.locale = lang;
  for (const [name, value] of Object.entries(variables)) model.setVariable(name, value);
  model.data = answers;
  return model;
}

/**
 * Models of each survey version not in use, to be used again: building one costs tens of
 * milliseconds (more on a busy server), setting its language, variables and answers far less.
 * A request takes one for itself (`acquireModel`) and gives it back when it has answered
 * (`releaseModel`), so no two requests ever share one, even across an await.
 */
const idle = new WeakMap<SurveyJson, SurveyModel[]>();
/** The variables a pooled model was given, to be cleared before its next use. */
const given = new WeakMap<SurveyModel, string[]>();
const POOL_SIZE = 4;

export function acquireModel(
  json: SurveyJson,
  lang: Lang,
  answers: Record<string, unknown>,
  variables: Record<string, unknown>,
): SurveyModel {
  const model = idle.get(json)?.pop();
  if (!model) {
    const made = formModel(json, lang, answers, variables);
    given.set(made, Object.keys(variables));
    return made;
  }
  for (const name of given.get(model) ?? []) model.setVariable(name, undefined);
  model.locale = lang;
  for (const [name, value] of Object.entries(variables)) model.setVariable(name, value);
  given.set(model, Object.keys(variables));
  model.data = answers;
  return model;
}

/** Gives a model back for the next request on the same survey version. */
export function releaseModel(json: SurveyJson, model: SurveyModel): void {
  let pool = idle.get(json);
  if (!pool) idle.set(json, (pool = []));
  if (pool.length < POOL_SIZE) pool.push(model);
  else model.dispose();
}

/** The element types of the survey the form cannot carry; empty when it can carry them all. */
export function unsupportedTypes(model: SurveyModel): string[] {
  const out = new Set<string>();
  for (const q of model.getAllQuestions(false, false, true)) {
    const type = q.getType();
    if (!FORM_TYPES.has(type) && !DISPLAY_TYPES.has(type)) out.add(type);
  }
  return [...out];
}

/** `{name}`, `{name.row}`, `{name-Comment}`… of `name` in a text (names compare without case). */
function refersTo(text: string, name: string): boolean {
  const needle = `{${name.toLowerCase()}`;
  let at = text.indexOf(needle);
  while (at >= 0) {
    const next = text[at + needle.length];
    if (next === '}' || next === '.' || next === '-' || next === '[' || next === ' ') return true;
    at = text.indexOf(needle, at + 1);
  }
  return false;
}

/** Everything of a question's definition a condition or a piped text can be in, lowercased. */
function definitionText(q: Question): string {
  const parts = [JSON.stringify(q.toJSON())];
  for (let p = q.parent as PanelModelBase | null; p && !p.isPage; p = p.parent) {
    const panel = p as unknown as Record<string, unknown>;
    parts.push(JSON.stringify([panel.visibleIf, panel.enableIf, panel.requiredIf, panel.title]));
  }
  return parts.join(' ').toLowerCase();
}

/** The survey's steps, in order. */
export function stepsOf(model: SurveyModel): Step[] {
  const steps: Step[] = [];
  for (const page of model.pages) {
    let current: Question[] = [];
    const flush = () => {
      if (current.length) steps.push({ index: steps.length, page, questions: current });
      current = [];
    };
    for (const q of page.questions) {
      const text = definitionText(q);
      if (current.some((earlier) => refersTo(text, earlier.name))) flush();
      current.push(q);
    }
    flush();
  }
  return steps;
}

/** Shown under the answers the model holds: the question, its panels and its page. */
export function isShown(q: Question): boolean {
  if (!q.isVisible) return false;
  for (let p = q.parent as PanelModelBase | null; p; p = p.parent) {
    if (!p.isVisible) return false;
    if (p.isPage) break;
  }
  return true;
}

/** Shown but not part of the form: a computed value, a picture (its text is the survey's own). */
const LEFT_OUT = new Set(['expression', 'image']);

/** The step's questions that are shown and answerable or drawn. */
export function shownQuestions(step: Step): Question[] {
  return step.questions.filter((q) => isShown(q) && !LEFT_OUT.has(q.getType()));
}

export function isStepShown(step: Step): boolean {
  return shownQuestions(step).length > 0;
}

/** The items a question offers now, as ItemValues: choices, rating values, columns, yes/no. */
export function offeredItems(q: Question): { value: unknown; text: string }[] {
  const any = q as unknown as Record<string, unknown>;
  const items = (list: unknown) =>
    (Array.isArray(list) ? (list as ItemValue[]) : [])
      .filter((i) => i.value !== 'selectall')
      .map((i) => ({ value: i.value as unknown, text: i.text }));
  switch (q.getType()) {
    case 'rating':
      return items(any.visibleRateValues);
    case 'matrix':
      return items(any.visibleColumns);
    case 'boolean': {
      const b = q as unknown as {
        getValueTrue(): unknown;
        getValueFalse(): unknown;
        labelTrue: string;
        labelFalse: string;
      };
      return [
        { value: b.getValueTrue(), text: b.labelTrue },
        { value: b.getValueFalse(), text: b.labelFalse },
      ];
    }
    default:
      return items(any.visibleChoices);
  }
}

/** A matrix's rows shown now: their index among all rows, value and text. */
export function shownRows(q: Question): { index: number; value: unknown; text: string }[] {
  const any = q as unknown as {
    rows: ItemValue[];
    visibleRows: { item: ItemValue }[];
  };
  const all = any.rows;
  return any.visibleRows.map((r) => ({
    index: all.findIndex((x) => x.value === r.item.value),
    value: r.item.value,
    text: r.item.text,
  }));
}

/**
 * The key of a question's own text box among the answers (its "other" answer or its comment
 * area), or null when it has none.
 */
export function commentKey(q: Question): string | null {
  const any = q as unknown as { showOtherItem?: boolean; showCommentArea?: boolean };
  return any.showOtherItem || any.showCommentArea ? `${q.getValueName()}-Comment` : null;
}

/** The label of that text box: the survey's own words for a comment area. */
export function commentLabel(q: Question): string | null {
  const any = q as unknown as { showOtherItem?: boolean; commentText?: string };
  return any.showOtherItem ? null : any.commentText || null;
}

/** survey-core's own messages for a shown question under the model's answers, in its locale. */
export function questionErrors(q: Question): string[] {
  q.validate(true);
  return q.errors.map((e) => e.getText()).filter((t) => t.trim() !== '');
}
