import type { JsonObjectProperty } from 'survey-core';
import type { Lang, SurveyJson } from '../../../../../common/survey/types';

/** What every property editor is given. */
export interface EditorProps {
  /** The id of the editor's first control (its label points at it). */
  id: string;
  label: string;
  prop: JsonObjectProperty;
  /** The property's value in the JSON (undefined: not written, the default applies). */
  value: unknown;
  /** Writes the value (undefined removes it). `merge`: one undo step for a run of typing. */
  onChange(value: unknown, merge?: boolean): void;
  json: SurveyJson;
  lang: Lang;
  /** The survey-core object (for choices and visibility). */
  instance: unknown;
  /** The element's name (for conditions: questions other than itself). */
  owner: string;
}
