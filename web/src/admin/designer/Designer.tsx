/**
 * The questionnaire designer: standard blocks, the JSON editor with inline errors, and the live
 * preview side by side. The text is the caller's (so it can be saved as a version).
 */
import { useMemo, useState } from 'react';
import type { Lang } from '../../../../server/survey/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { useRegistry } from '../reference/use-registry';
import { Notice } from '../ui/Notice';
import { insertBlock, type BlockKey, type DriversAs } from './blocks';
import { JsonEditor } from './JsonEditor';
import { Palette } from './Palette';
import { parseSurvey, pretty } from './parse';
import { Preview, PreviewLangPicker } from './Preview';
import { useDebounced } from './use-debounced';

export function Designer({ text, onText }: { text: string; onText(text: string): void }) {
  const { s } = useLang();
  const { registry, full } = useRegistry();
  const [driversAs, setDriversAs] = useState<DriversAs>('matrix');
  const [previewLang, setPreviewLang] = useState<Lang>('uz');
  const [lint, setLint] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn'; text: string } | null>(null);
  const settled = useDebounced(text, 400);
  const json = useMemo(() => parseSurvey(settled), [settled]);

  const insert = (key: BlockKey) => {
    const current = parseSurvey(text);
    if (!current) {
      setMessage({ kind: 'warn', text: s.surveys.invalidJson });
      return;
    }
    const r = insertBlock(current, key, driversAs);
    if (r.ok) {
      onText(pretty(r.json));
      setMessage({ kind: 'ok', text: fmt(s.designer.added, { name: r.added }) });
    } else setMessage({ kind: 'warn', text: fmt(s.designer.alreadyThere, { name: r.what }) });
  };

  return (
    <div className="designer">
      <aside className="designer-palette">
        <Palette
          driversAs={driversAs}
          onDriversAs={setDriversAs}
          onInsert={insert}
          disabled={false}
        />
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
      </aside>
      <section className="designer-editor" aria-label={s.designer.editor}>
        <header className="designer-bar">
          <h3>{s.designer.editor}</h3>
          <span
            className={lint ? 'lint-status lint-bad' : 'lint-status'}
            role="status"
            data-lint={lint ?? 'checking'}
          >
            {lint === null
              ? s.designer.checking
              : lint === 0
                ? s.designer.ok
                : fmt(s.designer.errors, { count: lint })}
          </span>
        </header>
        <JsonEditor value={text} onChange={onText} onLint={setLint} label={s.designer.editor} />
      </section>
      <section className="designer-preview" aria-label={s.designer.preview}>
        <header className="designer-bar">
          <h3>{s.designer.preview}</h3>
          <PreviewLangPicker value={previewLang} onChange={setPreviewLang} />
        </header>
        <Preview json={json} lang={previewLang} registry={full ? registry : null} />
      </section>
    </div>
  );
}
