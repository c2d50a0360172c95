/**
 * The questionnaire designer: one document, four views of it — the canvas (toolbox, cards with
 * their properties, the phone-sized live preview), the logic rules, the translation grid, and the
 * JSON (Advanced) — with undo and redo of every change, and the checks a survey must pass before
 * it opens, run as the sociologist types. Loaded lazily: its own chunk of the admin app.
 */
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { dependants, renameQuestion, type Site } from '../../../../common/survey/references';
import { checkBeforeOpening } from '../../../../common/survey/open-check';
import type { Lang, SurveyJson } from '../../../../common/survey/types';
import { setAt, type JsonObject, type JsonPath } from '../../../../common/survey/walk';
import { fmt, STRINGS } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { useRegistry } from '../reference/use-registry';
import { Notice } from '../ui/Notice';
import { insertBlock, type BlockKey, type DriversAs } from './blocks';
import { Canvas, type Selection } from './Canvas';
import { CheckerBar } from './CheckerBar';
import { DependantsDialog } from './DependantsDialog';
import './designer.css';
import { JsonTab } from './JsonTab';
import { libraryApi, type LibraryItem } from './library-api';
import { LogicTab } from './LogicTab';
import { insertElement, removeElement, uniqueName } from './model/elements';
import { classNameOf, designModel, elementInstance, unknownProperties } from './model/instance';
import { prepareInsert } from './model/library';
import { newElement } from './model/new-question';
import { index, outline, type CardNode, type ListNode } from './model/outline';
import { PropertyPanel } from './PropertyPanel';
import { Preview, PreviewLangPicker } from './Preview';
import { Toolbox } from './Toolbox';
import { TranslationGrid } from './TranslationGrid';
import { textOf } from './text-of';
import type { DesignerDoc } from './use-document';
import { useDebounced } from './use-debounced';
import type { TranslationStateHandle } from './use-translation-state';

type View = 'design' | 'logic' | 'translations' | 'json';
const VIEWS: View[] = ['design', 'logic', 'translations', 'json'];
const TEXT_LANGS: Lang[] = ['uz', 'uz-Cyrl', 'ru', 'en'];

const isEditable = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    el.closest('.cm-editor') !== null);

export interface WorkspaceProps {
  doc: DesignerDoc;
  translations: TranslationStateHandle;
  /** A file name for exported translations. */
  slug: string;
}

export function DesignerWorkspace({ doc, translations, slug }: WorkspaceProps) {
  const { s } = useLang();
  const d = s.designer;
  const { registry, full } = useRegistry();
  const json = doc.json;
  const [view, setView] = useState<View>('design');
  const [selected, setSelected] = useState<Selection | null>(null);
  const [textLang, setTextLang] = useState<Lang>('uz');
  const [previewLang, setPreviewLang] = useState<Lang>('uz');
  const [driversAs, setDriversAs] = useState<DriversAs>('matrix');
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn'; text: string } | null>(null);
  const [spoken, setSpoken] = useState('');
  const [library, setLibrary] = useState<LibraryItem[] | null>(null);
  const [pendingDelete, setPendingDelete] = useState<{ card: CardNode; sites: Site[] } | null>(
    null,
  );
  const [focusAfter, setFocusAfter] = useState<string | null>(null);

  const pages = useMemo(() => outline(json), [json]);
  const idx = useMemo(() => index(pages), [pages]);
  const model = useMemo(() => {
    try {
      return designModel(json);
    } catch {
      return null;
    }
  }, [json]);
  const settled = useDebounced(json, 300);
  const check = useMemo(() => checkBeforeOpening(settled), [settled]);
  const unknown = useMemo(() => unknownProperties(settled), [settled]);

  const announce = useCallback((text: string) => setSpoken(text), []);
  const loadLibrary = useCallback(() => {
    libraryApi.list().then(
      (r) => setLibrary(r.items),
      () => setLibrary([]),
    );
  }, []);
  useEffect(loadLibrary, [loadLibrary]);

  // Undo and redo are announced, like every move.
  useEffect(() => {
    const last = doc.state.last;
    if (!last || last.kind === 'change') return;
    announce(fmt(last.kind === 'undo' ? d.undone : d.redone, { what: last.label }));
  }, [doc.state.last, announce, d]);

  // A newly added question: its title field gets the focus.
  useEffect(() => {
    if (!focusAfter) return;
    const el = document.getElementById(focusAfter);
    if (el) {
      el.focus();
      setFocusAfter(null);
    }
  });

  const cardOf = (id: string) => idx.cards.get(id);
  const titleOf = (e: JsonObject) => textOf(e.title, textLang) || String(e.name ?? '');

  /** Where a new question goes: after the selected one, else at the end of the selected (or last) page. */
  const target = (): { array: JsonPath; at: number; page: number } => {
    if (selected?.kind === 'element') {
      const c = cardOf(selected.id);
      if (c) return { array: c.list.path, at: c.at + 1, page: c.list.page };
    }
    const page = selected?.kind === 'page' ? pages[selected.index] : pages.at(-1);
    if (page) return { array: page.list.path, at: page.list.cards.length, page: page.index };
    return { array: ['pages', 0, 'elements'], at: 0, page: 0 };
  };

  const selectName = (name: string) => setSelected({ kind: 'element', id: `el:${name}` });

  const add = (type: string) => {
    const el = newElement(json, type);
    const t = target();
    const name = String(el.name);
    doc.change(fmt(d.steps.add, { name }), (j) => {
      const base =
        Array.isArray(j.pages) || Array.isArray(j.elements)
          ? j
          : { ...j, pages: [{ name: 'page1', elements: [] }] };
      return insertElement(base, t.array, t.at, el);
    });
    selectName(name);
    setFocusAfter(`prop-${name}-title`);
    announce(fmt(d.done, { what: fmt(d.steps.add, { name: d.types[type] ?? type }) }));
  };

  const block = (key: BlockKey) => {
    const r = insertBlock(json, key, driversAs);
    if (r.ok) {
      doc.change(fmt(d.steps.block, { name: r.added }), () => r.json);
      setMessage({ kind: 'ok', text: fmt(d.added, { name: r.added }) });
    } else setMessage({ kind: 'warn', text: fmt(d.alreadyThere, { name: r.what }) });
  };

  const insertLibrary = (item: LibraryItem) => {
    const prepared = prepareInsert(json, item.elements);
    const t = target();
    doc.change(fmt(d.steps.insert, { name: textOf(item.title, textLang) }), (j) =>
      prepared.elements.reduce((acc, el, i) => insertElement(acc, t.array, t.at + i, el), j),
    );
    setMessage({ kind: 'ok', text: fmt(d.library.inserted, { names: prepared.names.join(', ') }) });
  };

  const saveToLibrary = async (card: CardNode) => {
    const name = titleOf(card.element);
    const given = window.prompt(d.library.saveAs, name);
    if (!given) return;
    try {
      await libraryApi.add({
        title: { [textLang]: given },
        kind: card.element.type === 'panel' ? 'block' : 'question',
        elements: [card.element],
      });
      setMessage({ kind: 'ok', text: fmt(d.library.saved, { name: given }) });
      loadLibrary();
    } catch (e) {
      setMessage({ kind: 'warn', text: (e as Error).message });
    }
  };

  const removeLibraryItem = async (item: LibraryItem) => {
    await libraryApi.remove(item.id).catch(() => undefined);
    loadLibrary();
  };

  const doRemove = (card: CardNode) => {
    const name = String(card.element.name ?? '');
    doc.change(fmt(d.steps.remove, { name }), (j) => removeElement(j, card.path));
    setSelected(null);
    announce(fmt(d.done, { what: fmt(d.steps.remove, { name }) }));
  };

  const remove = (card: CardNode) => {
    const name = String(card.element.name ?? '');
    const sites = name ? dependants(json, name) : [];
    if (sites.length) setPendingDelete({ card, sites });
    else doRemove(card);
  };

  const duplicate = (card: CardNode, list: ListNode, at: number) => {
    const copy = structuredClone(card.element);
    const name = uniqueName(json, String(card.element.name ?? 'question1'));
    copy.name = name;
    doc.change(fmt(d.steps.duplicate, { name: String(card.element.name) }), (j) =>
      insertElement(j, list.path, at + 1, copy),
    );
    selectName(name);
  };

  const move = (label: string, update: (j: SurveyJson) => SurveyJson, said: string) => {
    doc.change(label, update);
    if (said) announce(said);
  };

  const changeProp = (
    path: JsonPath,
    name: string,
    prop: string,
    value: unknown,
    merge: boolean,
  ) => {
    doc.change(
      fmt(d.steps.change, { prop, name }),
      (j) => setAt(j, [...path, prop], value),
      merge ? `${path.join('.')}:${prop}` : undefined,
    );
  };

  const rename = (from: string, to: string) => {
    const before = dependants(json, from).length;
    doc.change(fmt(d.steps.rename, { from, to }), (j) => renameQuestion(j, from, to));
    setSelected({ kind: 'element', id: `el:${to}` });
    announce(fmt(d.props.renamed, { n: before }));
    setMessage({ kind: 'ok', text: fmt(d.props.renamed, { n: before }) });
  };

  const addPage = () => {
    const n = pages.length + 1;
    const name = uniqueName(json, `page${n}`);
    doc.change(fmt(d.steps.addPage, { n }), (j) => {
      const list = Array.isArray(j.pages) ? j.pages : [];
      return { ...j, pages: [...list, { name, elements: [] }] };
    });
    setSelected({ kind: 'page', index: n - 1 });
  };

  const removePage = (i: number) => {
    const page = pages[i];
    if (!page) return;
    if (page.list.cards.length && !window.confirm(fmt(d.removePage, { n: i + 1 }) + '?')) return;
    doc.change(fmt(d.steps.removePage, { n: i + 1 }), (j) => removeElement(j, page.path));
    setSelected(null);
  };

  const renderProperties = (sel: Selection) => {
    if (sel.kind === 'survey') {
      return (
        <PropertyPanel
          idBase="prop-survey"
          className="survey"
          element={json}
          instance={model}
          json={json}
          lang={textLang}
          title={d.surveySettings}
          onChange={(prop, v, merge) => changeProp([], 'survey', prop, v, merge)}
        />
      );
    }
    if (sel.kind === 'page') {
      const page = pages[sel.index];
      if (!page) return null;
      return (
        <PropertyPanel
          idBase={`prop-page${sel.index + 1}`}
          className="page"
          element={page.page}
          instance={model?.pages[sel.index] ?? null}
          json={json}
          lang={textLang}
          title={fmt(d.page, { n: sel.index + 1 })}
          onChange={(prop, v, merge) =>
            changeProp(page.path, fmt(d.page, { n: sel.index + 1 }), prop, v, merge)
          }
        />
      );
    }
    const c = cardOf(sel.id);
    if (!c) return null;
    const e = c.card.element;
    const name = String(e.name ?? '');
    return (
      <PropertyPanel
        idBase={`prop-${name || c.card.path.join('-')}`}
        className={classNameOf(e)}
        element={e}
        instance={model ? elementInstance(model, e) : null}
        json={json}
        lang={textLang}
        title={titleOf(e)}
        onChange={(prop, v, merge) => changeProp(c.card.path, name, prop, v, merge)}
        onRename={name ? (to) => rename(name, to) : undefined}
      />
    );
  };

  const renderCardActions = (
    card: CardNode,
    list: ListNode,
    at: number,
    step: (dir: -1 | 1) => void,
  ) => {
    const label = titleOf(card.element);
    return (
      <>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-label={`${d.moveUp}: ${label}`}
          onClick={() => step(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-label={`${d.moveDown}: ${label}`}
          onClick={() => step(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-label={`${d.duplicate}: ${label}`}
          onClick={() => duplicate(card, list, at)}
        >
          ⊞
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-label={`${d.library.save}: ${label}`}
          onClick={() => void saveToLibrary(card)}
        >
          ☆
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-label={`${d.remove}: ${label}`}
          onClick={() => remove(card)}
        >
          ✕
        </button>
      </>
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || isEditable(e.target)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      doc.undo();
    } else if ((k === 'z' && e.shiftKey) || k === 'y') {
      e.preventDefault();
      doc.redo();
    }
  };

  const goTo = (question: string | undefined, page: number | undefined) => {
    setView('design');
    if (question && cardOf(`el:${question}`)) {
      selectName(question);
      setTimeout(
        () =>
          document
            .querySelector<HTMLElement>(`[data-card="${CSS.escape(question)}"] .dz-card-main`)
            ?.focus(),
        0,
      );
    } else if (page !== undefined) setSelected({ kind: 'page', index: page });
    else setSelected({ kind: 'survey' });
  };

  return (
    <div className="dz" onKeyDown={onKeyDown} data-designer>
      <div className="dz-bar">
        <div className="dz-undo">
          <button
            type="button"
            className="btn btn-small"
            disabled={!doc.canUndo}
            onClick={doc.undo}
            title={doc.undoLabel ? fmt(d.undoWhat, { what: doc.undoLabel }) : undefined}
            aria-keyshortcuts="Control+Z"
          >
            ↶ {d.undo}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!doc.canRedo}
            onClick={doc.redo}
            title={doc.redoLabel ? fmt(d.redoWhat, { what: doc.redoLabel }) : undefined}
            aria-keyshortcuts="Control+Shift+Z"
          >
            ↷ {d.redo}
          </button>
        </div>
        <div className="dz-views" role="tablist" aria-label={d.views}>
          {VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              id={`dz-tab-${v}`}
              aria-selected={view === v}
              aria-controls={`dz-panel-${v}`}
              tabIndex={view === v ? 0 : -1}
              className={view === v ? 'tab tab-on' : 'tab'}
              onClick={() => setView(v)}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                const next =
                  VIEWS[
                    (VIEWS.indexOf(v) + (e.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) %
                      VIEWS.length
                  ]!;
                setView(next);
                document.getElementById(`dz-tab-${next}`)?.focus();
              }}
            >
              {d.tabs[v]}
            </button>
          ))}
        </div>
        <label className="field-inline dz-textlang">
          <span>{d.textLang}</span>
          <select
            value={textLang}
            onChange={(e) => setTextLang(e.target.value as Lang)}
            data-text-lang
          >
            {TEXT_LANGS.map((l) => (
              <option key={l} value={l}>
                {STRINGS[l].langName}
              </option>
            ))}
          </select>
        </label>
      </div>
      <CheckerBar check={check} unknown={unknown} onGoTo={goTo} />
      <div className="sr-only" role="status" aria-live="polite" data-announce>
        {spoken}
      </div>
      <div
        role="tabpanel"
        id={`dz-panel-${view}`}
        aria-labelledby={`dz-tab-${view}`}
        className="dz-panel"
      >
        {view === 'design' && (
          <div className="dz-design">
            <Toolbox
              onAdd={add}
              onBlock={block}
              driversAs={driversAs}
              onDriversAs={setDriversAs}
              library={library}
              onInsert={insertLibrary}
              onRemoveItem={(it) => void removeLibraryItem(it)}
            />
            <section className="dz-canvas-wrap" aria-label={d.canvas}>
              {message && <Notice kind={message.kind}>{message.text}</Notice>}
              <Canvas
                json={json}
                lang={textLang}
                selected={selected}
                onSelect={(sel) => setSelected((cur) => (sameSelection(cur, sel) ? null : sel))}
                onMove={move}
                onAddPage={addPage}
                onRemovePage={removePage}
                renderProperties={renderProperties}
                renderCardActions={renderCardActions}
                announce={announce}
              />
            </section>
            <section className="dz-preview" aria-label={d.preview}>
              <header className="designer-bar">
                <h2>{d.preview}</h2>
                <PreviewLangPicker value={previewLang} onChange={setPreviewLang} />
              </header>
              <p className="small muted">{d.previewPhone}</p>
              <div className="dz-phone">
                <Preview json={settled} lang={previewLang} registry={full ? registry : null} />
              </div>
            </section>
          </div>
        )}
        {view === 'logic' && <LogicTab doc={doc} lang={textLang} />}
        {view === 'translations' && (
          <TranslationGrid doc={doc} translations={translations} slug={slug} />
        )}
        {view === 'json' && <JsonTab doc={doc} />}
      </div>
      {pendingDelete && (
        <DependantsDialog
          name={titleOf(pendingDelete.card.element)}
          sites={pendingDelete.sites}
          onConfirm={() => {
            doRemove(pendingDelete.card);
            setPendingDelete(null);
          }}
          onCancel={() => setPendingDelete(null)}
        />
      )}
    </div>
  );
}

function sameSelection(a: Selection | null, b: Selection): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'page' && b.kind === 'page') return a.index === b.index;
  if (a.kind === 'element' && b.kind === 'element') return a.id === b.id;
  return a.kind === 'survey';
}
