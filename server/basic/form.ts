/**
 * Reading a posted step of the no-JavaScript form: the fields of its questions (named by the
 * question's place in the survey, so any question name is safe in a form) turned back into
 * SurveyJS answers, with the values of the items offered (a rating's 3 is the number 3, not "3").
 */
import type { Question, SurveyModel } from 'survey-core';
import { commentKey, isShown, offeredItems, shownRows, type Step } from './survey.js';

/** The form field of question number `n` of the survey (its matrix row `row`, its "other" text). */
export function fieldName(n: number, part?: number | 'other'): string {
  return part === undefined ? `q${n}` : `q${n}.${part}`;
}

/** Each question's number in the survey: its place in document order. */
export function questionNumbers(model: SurveyModel): Map<Question, number> {
  return new Map(model.getAllQuestions(false, false, true).map((q, i) => [q, i]));
}

/** The offered item whose value the field carries; the text itself when none is. */
function decode(items: { value: unknown }[], raw: string): unknown {
  const hit = items.find((i) => String(i.value) === raw);
  return hit ? hit.value : raw;
}

const NUMERIC = new Set(['number', 'range']);

function readQuestion(q: Question, n: number, form: URLSearchParams): unknown {
  const type = q.getType();
  const one = (name: string) => {
    const v = form.get(name);
    return v === null || v === '' ? undefined : v;
  };
  switch (type) {
    case 'checkbox':
    case 'tagbox': {
      const items = offeredItems(q);
      const values = form.getAll(fieldName(n)).filter((v) => v !== '');
      return values.length ? values.map((v) => decode(items, v)) : undefined;
    }
    case 'matrix': {
      const items = offeredItems(q);
      const out: Record<string, unknown> = {};
      for (const row of shownRows(q)) {
        const v = one(fieldName(n, row.index));
        if (v !== undefined) out[String(row.value)] = decode(items, v);
      }
      return Object.keys(out).length ? out : undefined;
    }
    case 'text': {
      const v = one(fieldName(n));
      if (v === undefined) return undefined;
      const inputType = (q as unknown as { inputType?: string }).inputType ?? 'text';
      if (NUMERIC.has(inputType) && v.trim() !== '' && Number.isFinite(Number(v))) {
        return Number(v);
      }
      return v;
    }
    case 'comment': {
      const v = one(fieldName(n));
      // Browsers send line breaks as CR LF; survey-core's textarea holds LF.
      return v === undefined ? undefined : v.replace(/\r\n?/g, '\n');
    }
    default: {
      const v = one(fieldName(n));
      return v === undefined ? undefined : decode(offeredItems(q), v);
    }
  }
}

/**
 * `answers` with the step's questions answered as posted in `form`. The model holds `answers`
 * (so the items offered are the ones the step showed); questions of the step that were not shown
 * lose any answer they had.
 */
export function readStep(
  model: SurveyModel,
  step: Step,
  form: URLSearchParams,
  answers: Record<string, unknown>,
): Record<string, unknown> {
  const numbers = questionNumbers(model);
  const out = { ...answers };
  const read: [string, unknown][] = [];
  for (const q of step.questions) {
    const key = q.getValueName();
    const other = commentKey(q);
    delete out[key];
    if (other) delete out[other];
    if (!isShown(q)) continue;
    const n = numbers.get(q) ?? -1;
    read.push([key, readQuestion(q, n, form)]);
    if (other) {
      const text = form.get(fieldName(n, 'other'));
      if (text) read.push([other, text]);
    }
  }
  for (const [key, value] of read) if (value !== undefined) out[key] = value;
  return out;
}

/** The posted answers of earlier steps (a JSON object in a hidden field); {} when unreadable. */
export function parseAnswers(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
