/**
 * The canvas: the survey's pages, and on each its questions as cards, in order. A card is selected
 * with a click or Enter and then shows its properties; cards are reordered by dragging their
 * handle, by keyboard on the handle (Space, arrows, Space — dnd-kit's keyboard sensor), with
 * Alt+↑/↓ on a card, or with the Move buttons; each move is announced in the UI's language.
 */
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useMemo, type KeyboardEvent, type ReactNode } from 'react';
import type { Lang, SurveyJson } from '../../../../common/survey/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { moveElement } from './model/elements';
import {
  index,
  isWithin,
  outline,
  type CardNode,
  type ListNode,
  type PageNode,
} from './model/outline';
import { textOf } from './text-of';

export type Selection =
  { kind: 'survey' } | { kind: 'page'; index: number } | { kind: 'element'; id: string };

export interface CanvasProps {
  json: SurveyJson;
  lang: Lang;
  selected: Selection | null;
  onSelect(sel: Selection): void;
  onMove(label: string, update: (json: SurveyJson) => SurveyJson, announce: string): void;
  onAddPage(): void;
  onRemovePage(index: number): void;
  renderProperties(sel: Selection): ReactNode;
  renderCardActions(
    card: CardNode,
    list: ListNode,
    at: number,
    step: (dir: -1 | 1) => void,
  ): ReactNode;
  announce(text: string): void;
}

const nameOf = (e: { name?: unknown }) => (typeof e.name === 'string' ? e.name : '');

export function Canvas(props: CanvasProps) {
  const { s } = useLang();
  const d = s.designer;
  const pages = useMemo(() => outline(props.json), [props.json]);
  const idx = useMemo(() => index(pages), [pages]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const title = (id: string | number) => {
    const c = idx.cards.get(String(id));
    return c ? textOf(c.card.element.title, props.lang) || nameOf(c.card.element) : String(id);
  };
  const place = (id: string | number) => {
    const c = idx.cards.get(String(id));
    return c
      ? { pos: c.at + 1, total: c.list.cards.length, page: c.list.page + 1 }
      : { pos: 0, total: 0, page: 0 };
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => fmt(d.dnd.picked, { name: title(active.id), ...place(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? fmt(d.dnd.over, { name: title(active.id), ...place(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over ? fmt(d.dnd.dropped, { name: title(active.id), ...place(over.id) }) : undefined,
    onDragCancel: ({ active }) => fmt(d.dnd.cancelled, { name: title(active.id) }),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = idx.cards.get(String(active.id));
    if (!from) return;
    const overCard = idx.cards.get(String(over.id));
    const target = overCard ? overCard.list : idx.lists.get(String(over.id));
    if (!target || isWithin(target.path, from.card.path)) return;
    let at = overCard ? overCard.at : target.cards.length;
    // Within one list, the item lands where the one it is over was.
    if (target.id === from.list.id && overCard && from.at < overCard.at) at = overCard.at;
    const name = title(active.id);
    props.onMove(
      fmt(d.steps.move, { name }),
      (json) => moveElement(json, from.card.path, target.path, at),
      '',
    );
  };

  /** Alt+↑/↓ on a card, and the Move buttons: one place up or down, across pages at the ends. */
  const step = (id: string, dir: -1 | 1) => {
    const c = idx.cards.get(id);
    if (!c) return;
    const name = title(id);
    const flat = pages.map((p) => p.list);
    let target = c.list;
    let at = c.at + dir;
    if (at < 0 || at >= c.list.cards.length) {
      // Past the end of a page: onto the next (or previous) page.
      const pi = flat.findIndex((l) => l.id === c.list.id);
      const next = pi >= 0 ? flat[pi + dir] : undefined;
      if (!next) return;
      target = next;
      at = dir === 1 ? 0 : next.cards.length;
    }
    const total = target === c.list ? c.list.cards.length : target.cards.length + 1;
    props.onMove(
      fmt(d.steps.move, { name }),
      (json) => moveElement(json, c.card.path, target.path, at),
      fmt(d.dnd.moved, { name, pos: at + 1, total, page: target.page + 1 }),
    );
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: d.dnd.instructions } }}
    >
      <div className="dz-canvas">
        <button
          type="button"
          className={props.selected?.kind === 'survey' ? 'dz-survey dz-on' : 'dz-survey'}
          aria-pressed={props.selected?.kind === 'survey'}
          onClick={() => props.onSelect({ kind: 'survey' })}
        >
          <span className="dz-survey-title">
            {textOf(props.json.title, props.lang) || d.untitled}
          </span>
          <span className="muted small">{d.surveySettings}</span>
        </button>
        {props.selected?.kind === 'survey' && props.renderProperties(props.selected)}
        {pages.map((p) => (
          <PageSection key={p.list.id} page={p} {...props} onStep={step} />
        ))}
        <button type="button" className="btn dz-add-page" onClick={props.onAddPage}>
          ＋ {d.addPage}
        </button>
      </div>
    </DndContext>
  );
}

interface ListProps extends CanvasProps {
  onStep(id: string, dir: -1 | 1): void;
}

function PageSection({ page, ...props }: ListProps & { page: PageNode }) {
  const { s } = useLang();
  const d = s.designer;
  const n = page.index + 1;
  const selected = props.selected?.kind === 'page' && props.selected.index === page.index;
  const pageTitle = textOf(page.page.title, props.lang);
  return (
    <section className="dz-page" aria-label={fmt(d.page, { n })} data-page={n}>
      <header className="dz-page-head">
        <button
          type="button"
          className={selected ? 'dz-page-btn dz-on' : 'dz-page-btn'}
          aria-pressed={selected}
          aria-label={fmt(d.pageSettings, { n })}
          onClick={() => props.onSelect({ kind: 'page', index: page.index })}
        >
          <strong>{fmt(d.page, { n })}</strong>
          {pageTitle && <span> · {pageTitle}</span>}
        </button>
        {page.path.length > 0 && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            aria-label={fmt(d.removePage, { n })}
            onClick={() => props.onRemovePage(page.index)}
          >
            ✕
          </button>
        )}
      </header>
      {selected && props.renderProperties(props.selected!)}
      <CardList list={page.list} {...props} />
    </section>
  );
}

function CardList({ list, ...props }: ListProps & { list: ListNode }) {
  const { s } = useLang();
  const { setNodeRef } = useDroppable({ id: list.id });
  return (
    <SortableContext
      id={list.id}
      items={list.cards.map((c) => c.id)}
      strategy={verticalListSortingStrategy}
    >
      <ol className="dz-list" ref={setNodeRef} data-list={list.id}>
        {list.cards.map((c, at) => (
          <Card key={c.id} card={c} list={list} at={at} {...props} />
        ))}
        {list.cards.length === 0 && (
          <li className="dz-empty muted">
            {list.path.at(-1) === 'elements' && list.path.length <= 3
              ? s.designer.emptyPage
              : s.designer.emptyPanel}
          </li>
        )}
      </ol>
    </SortableContext>
  );
}

function Card({
  card,
  list,
  at,
  ...props
}: ListProps & { card: CardNode; list: ListNode; at: number }) {
  const { s } = useLang();
  const d = s.designer;
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: card.id });
  const e = card.element;
  const name = nameOf(e);
  const label = textOf(e.title, props.lang) || name || d.untitled;
  const selected = props.selected?.kind === 'element' && props.selected.id === card.id;
  const type = typeof e.type === 'string' ? e.type : '';
  const conditional = ['visibleIf', 'enableIf', 'requiredIf'].some(
    (k) => typeof e[k] === 'string' && e[k],
  );
  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.altKey && (ev.key === 'ArrowUp' || ev.key === 'ArrowDown')) {
      ev.preventDefault();
      props.onStep(card.id, ev.key === 'ArrowUp' ? -1 : 1);
    }
  };
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`dz-card${selected ? ' dz-on' : ''}${isDragging ? ' dz-dragging' : ''}`}
      data-card={name}
      data-type={type}
      onKeyDown={onKeyDown}
    >
      <div className="dz-card-head">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="dz-handle"
          {...attributes}
          {...listeners}
          aria-label={fmt(d.drag, { name: label })}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <button
          type="button"
          className="dz-card-main"
          aria-expanded={selected}
          onClick={() => props.onSelect({ kind: 'element', id: card.id })}
        >
          <span className="dz-card-title">
            {label}
            {e.isRequired === true && (
              <span className="dz-req" aria-label={d.required}>
                {' '}
                *
              </span>
            )}
          </span>
          <span className="dz-card-meta">
            <span className="dz-type">{d.types[type] ?? type}</span>
            <code>{name}</code>
            {typeof e.role === 'string' && (
              <span className="badge">{fmt(d.role, { role: e.role })}</span>
            )}
            {conditional && <span className="badge badge-logic">{d.conditional}</span>}
          </span>
        </button>
        <div className="dz-card-actions">
          {props.renderCardActions(card, list, at, (dir) => props.onStep(card.id, dir))}
        </div>
      </div>
      {selected && props.renderProperties(props.selected!)}
      {card.inner && <CardList list={card.inner} {...props} />}
    </li>
  );
}
