/**
 * The designer's one document and its history: every change (a click in the canvas, a property,
 * a translation, the JSON typed in the Advanced tab) is a step that can be undone and redone.
 * Typing into one field makes one step, not one per key: steps with the same `merge` key within
 * a short time are merged. Pure reducer; the hook lives in use-document.ts.
 */
import type { SurveyJson } from '../../../../../common/survey/types';

export interface Step {
  json: SurveyJson;
  /** What the step did, for "Undo: …" and the announcement. */
  label: string;
  merge?: string;
  at: number;
}

export interface DocState {
  json: SurveyJson;
  past: Step[];
  future: Step[];
  /** The label of the last change, undo or redo (for the live region). */
  last: { kind: 'change' | 'undo' | 'redo'; label: string; n: number } | null;
}

export type DocAction =
  | {
      type: 'change';
      label: string;
      merge?: string;
      update(json: SurveyJson): SurveyJson;
      at: number;
    }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; json: SurveyJson };

const MERGE_MS = 1500;
const LIMIT = 300;

export const initialDoc = (json: SurveyJson): DocState => ({
  json,
  past: [],
  future: [],
  last: null,
});

export function docReducer(state: DocState, action: DocAction): DocState {
  const n = (state.last?.n ?? 0) + 1;
  switch (action.type) {
    case 'change': {
      const json = action.update(state.json);
      if (json === state.json) return state;
      const prev = state.past.at(-1);
      const merging =
        action.merge !== undefined &&
        prev?.merge === action.merge &&
        action.at - prev.at < MERGE_MS &&
        state.future.length === 0;
      const past = merging
        ? [...state.past.slice(0, -1), { ...prev, at: action.at }]
        : [
            ...state.past,
            { json: state.json, label: action.label, merge: action.merge, at: action.at },
          ].slice(-LIMIT);
      return { json, past, future: [], last: { kind: 'change', label: action.label, n } };
    }
    case 'undo': {
      const step = state.past.at(-1);
      if (!step) return state;
      return {
        json: step.json,
        past: state.past.slice(0, -1),
        future: [{ ...step, json: state.json }, ...state.future],
        last: { kind: 'undo', label: step.label, n },
      };
    }
    case 'redo': {
      const step = state.future[0];
      if (!step) return state;
      return {
        json: step.json,
        past: [...state.past, { ...step, json: state.json }],
        future: state.future.slice(1),
        last: { kind: 'redo', label: step.label, n },
      };
    }
    case 'reset':
      return initialDoc(action.json);
  }
}
