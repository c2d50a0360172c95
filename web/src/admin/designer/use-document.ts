/** The designer's document as React state: change, undo, redo, reset (model/history.ts). */
import { useCallback, useMemo, useReducer } from 'react';
import type { SurveyJson } from '../../../../common/survey/types';
import { docReducer, initialDoc, type DocState } from './model/history';

export interface DesignerDoc {
  json: SurveyJson;
  state: DocState;
  change(label: string, update: (json: SurveyJson) => SurveyJson, merge?: string): void;
  undo(): void;
  redo(): void;
  reset(json: SurveyJson): void;
  canUndo: boolean;
  canRedo: boolean;
  /** The step Undo would take back, and the one Redo would bring again. */
  undoLabel?: string;
  redoLabel?: string;
}

export function useDocument(initial: () => SurveyJson): DesignerDoc {
  const [state, dispatch] = useReducer(docReducer, undefined, () => initialDoc(initial()));
  const change = useCallback(
    (label: string, update: (json: SurveyJson) => SurveyJson, merge?: string) =>
      dispatch({ type: 'change', label, update, merge, at: Date.now() }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const reset = useCallback((json: SurveyJson) => dispatch({ type: 'reset', json }), []);
  return useMemo(
    () => ({
      json: state.json,
      state,
      change,
      undo,
      redo,
      reset,
      canUndo: state.past.length > 0,
      canRedo: state.future.length > 0,
      undoLabel: state.past.at(-1)?.label,
      redoLabel: state.future[0]?.label,
    }),
    [state, change, undo, redo, reset],
  );
}
