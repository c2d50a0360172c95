/**
 * What the canvas draws: each page with its elements, each panel with its own, and an id for
 * every card and list (stable across edits: a question's id is its name), so drag and drop and
 * keyboard moves address them. Pure.
 */
import type { SurveyJson } from '../../../../../common/survey/types';
import { isObject, type JsonObject, type JsonPath } from '../../../../../common/survey/walk';
import { pagesOf } from './elements';

export interface CardNode {
  id: string;
  path: JsonPath;
  element: JsonObject;
  /** The list inside a panel or dynamic panel. */
  inner?: ListNode;
}

export interface ListNode {
  id: string;
  /** The path of the array. */
  path: JsonPath;
  cards: CardNode[];
  /** The page the list is on (index). */
  page: number;
}

export interface PageNode {
  index: number;
  path: JsonPath;
  page: JsonObject;
  list: ListNode;
}

/** A page's or panel's list of elements: `elements`, or the older `questions` when that is what it has. */
const listKey = (o: JsonObject) =>
  !Array.isArray(o.elements) && Array.isArray(o.questions) ? 'questions' : 'elements';

export const listId = (path: JsonPath) => `list:${path.join('.')}`;

export function outline(json: SurveyJson): PageNode[] {
  const seen = new Set<string>();
  const cardId = (e: JsonObject, path: JsonPath) => {
    const name = typeof e.name === 'string' && e.name ? e.name : '';
    const id = name && !seen.has(name.toLowerCase()) ? `el:${name}` : `el:#${path.join('.')}`;
    seen.add(name.toLowerCase());
    return id;
  };
  const list = (path: JsonPath, items: unknown, page: number): ListNode => ({
    id: listId(path),
    path,
    page,
    cards: (Array.isArray(items) ? items : []).flatMap((e, i) => {
      if (!isObject(e)) return [];
      const at = [...path, i];
      const key =
        e.type === 'paneldynamic' ? 'templateElements' : e.type === 'panel' ? 'elements' : null;
      return [
        {
          id: cardId(e, at),
          path: at,
          element: e,
          inner: key ? list([...at, key], e[key], page) : undefined,
        },
      ];
    }),
  });
  return pagesOf(json).map(({ path, page }, index) => ({
    index,
    path,
    page,
    list: list([...path, listKey(page)], page[listKey(page)], index),
  }));
}

/** Every card and list by id. */
export function index(pages: PageNode[]): {
  cards: Map<string, { card: CardNode; list: ListNode; at: number }>;
  lists: Map<string, ListNode>;
} {
  const cards = new Map<string, { card: CardNode; list: ListNode; at: number }>();
  const lists = new Map<string, ListNode>();
  const visit = (l: ListNode) => {
    lists.set(l.id, l);
    l.cards.forEach((c, at) => {
      cards.set(c.id, { card: c, list: l, at });
      if (c.inner) visit(c.inner);
    });
  };
  pages.forEach((p) => visit(p.list));
  return { cards, lists };
}

/** True when `inner` is `outer` or inside it (a panel cannot be dropped into itself). */
export const isWithin = (inner: JsonPath, outer: JsonPath) =>
  outer.length <= inner.length && outer.every((k, i) => inner[i] === k);
