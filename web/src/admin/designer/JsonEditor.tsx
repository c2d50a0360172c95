/**
 * The survey JSON in CodeMirror 6: JSON highlighting, bracket matching, folding, and inline errors
 * (syntax and the server's survey check) in the text and the gutter. The installed `codemirror`
 * package is the legacy v5 line, so the editor is assembled from the @codemirror/* packages.
 * Controlled: a new `value` from outside (a palette insert) replaces the text.
 *
 * The editor lives in a shadow root: CodeMirror (style-mod) styles a document with a `<style>`
 * element, which the page's Content-Security-Policy refuses, but a shadow root with a constructed,
 * adopted stylesheet, which the policy allows. Its look is therefore set with EditorView.theme.
 */
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, linter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { surveyLintSource } from './json-lint';
import type { CheckError } from '../api/surveys';
import { useLang } from '../i18n/lang';
import { problemText } from '../i18n/strings';

/** Tab indents by two spaces (no @codemirror/commands here); Escape leaves the editor. */
const tabKeys = keymap.of([
  {
    key: 'Tab',
    run: (view) => {
      view.dispatch(view.state.replaceSelection('  '));
      return true;
    },
  },
  {
    key: 'Escape',
    run: (view) => {
      view.contentDOM.blur();
      return true;
    },
  },
]);

const look = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: '#fff' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: '#f9fafb', borderRight: '1px solid #e5e7eb' },
  '&.cm-focused': { outline: '3px solid #2563eb', outlineOffset: '-3px' },
});

export function JsonEditor({
  value,
  onChange,
  onLint,
  label,
}: {
  value: string;
  onChange(text: string): void;
  onLint(count: number | null): void;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const { s } = useLang();
  const describe = (err: CheckError) => problemText(s, err);
  const callbacks = useRef({ onChange, onLint, describe });
  useEffect(() => {
    callbacks.current = { onChange, onLint, describe };
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    parent.style.height = '100%';
    shadow.replaceChildren(parent);
    const v = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle),
          json(),
          lintGutter(),
          linter(
            surveyLintSource(
              (n) => callbacks.current.onLint(n),
              (err) => callbacks.current.describe(err),
            ),
            { delay: 700 },
          ),
          tabKeys,
          look,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) {
              callbacks.current.onLint(null);
              callbacks.current.onChange(u.state.doc.toString());
            }
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is made once; later `value` changes are applied by the effect below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return <div className="json-editor" ref={host} />;
}
