/**
 * The Advanced view: the same document as JSON, in the CodeMirror editor with inline errors.
 * A valid edit becomes one undoable step of the document; invalid text waits until it parses.
 */
import { useEffect, useState } from 'react';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { JsonEditor } from './JsonEditor';
import { parseSurvey, pretty } from './parse';
import type { DesignerDoc } from './use-document';

export function JsonTab({ doc }: { doc: DesignerDoc }) {
  const { s } = useLang();
  const d = s.designer;
  const shown = pretty(doc.json);
  const [text, setText] = useState(shown);
  const [lint, setLint] = useState<number | null>(null);
  // The document changed elsewhere (undo): show it, unless this text already says the same.
  useEffect(() => {
    setText((t) => {
      const parsed = parseSurvey(t);
      return parsed && pretty(parsed) === shown ? t : shown;
    });
  }, [shown]);
  return (
    <section className="designer-editor dz-json" aria-label={d.editor}>
      <header className="designer-bar">
        <h2>{d.editor}</h2>
        <span
          className={lint ? 'lint-status lint-bad' : 'lint-status'}
          role="status"
          data-lint={lint ?? 'checking'}
        >
          {lint === null ? d.checking : lint === 0 ? d.ok : fmt(d.errors, { count: lint })}
        </span>
      </header>
      <JsonEditor
        value={text}
        onChange={(t) => {
          setText(t);
          const parsed = parseSurvey(t);
          if (parsed) doc.change(d.steps.json, () => parsed, 'json');
        }}
        onLint={setLint}
        label={d.editor}
      />
    </section>
  );
}
