/**
 * The editor's lint source: JSON syntax errors first (from JSON.parse, through lang-json), then,
 * for JSON that parses, the server's survey check (POST /api/admin/surveys/check) with each error
 * underlined where its path points.
 */
import { jsonParseLinter } from '@codemirror/lang-json';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import { ApiError } from '../api/client';
import { surveysApi, type CheckError } from '../api/surveys';
import { locateAll, spanOf } from './json-locate';

const parseLint = jsonParseLinter();

export function surveyLintSource(
  onResult: (count: number | null) => void,
  /** The error in the admin app's language (limits and answer-format problems have codes). */
  describe: (err: CheckError) => string = (err) => err.message,
) {
  return async (view: EditorView): Promise<Diagnostic[]> => {
    const syntax = parseLint(view);
    if (syntax.length) {
      onResult(syntax.length);
      return syntax;
    }
    const text = view.state.doc.toString();
    let errors: CheckError[];
    try {
      errors = (await surveysApi.check(JSON.parse(text))).errors;
    } catch (e) {
      // 422 with fields, or anything else: show what the server said.
      errors =
        e instanceof ApiError && e.fields.length
          ? e.fields.map((f) => ({ ...f, path: f.name === 'json' ? '' : f.name }))
          : [{ path: '', message: (e as Error).message }];
    }
    if (view.state.doc.toString() !== text) return [];
    const map = locateAll(text);
    const diagnostics = errors.map((err): Diagnostic => {
      const span = spanOf(map, err.path);
      return {
        from: span.from,
        to: Math.min(span.to, text.length),
        severity: 'error',
        source: 'Ovoz',
        message: err.path ? `${err.path}: ${describe(err)}` : describe(err),
      };
    });
    onResult(diagnostics.length);
    return diagnostics;
  };
}
