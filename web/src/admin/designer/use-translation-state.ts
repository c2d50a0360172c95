/** The translation state beside the document: sources noted as the Uzbek texts change. */
import { useEffect, useRef, useState } from 'react';
import type { SurveyJson } from '../../../../common/survey/types';
import { noteSourceChanges, parseState, type TranslationState } from './model/translation-state';

export interface TranslationStateHandle {
  state: TranslationState;
  set(update: (s: TranslationState) => TranslationState): void;
  reset(value: unknown): void;
}

export function useTranslationState(json: SurveyJson, initial: unknown): TranslationStateHandle {
  const [state, setState] = useState<TranslationState>(() => parseState(initial));
  const last = useRef(json);
  useEffect(() => {
    const before = last.current;
    last.current = json;
    if (before !== json) setState((s) => noteSourceChanges(s, before, json));
  }, [json]);
  return {
    state,
    set: (update) => setState(update),
    reset: (value) => setState(parseState(value)),
  };
}
