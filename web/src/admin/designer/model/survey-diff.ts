/**
 * What changed between two versions, in the words a sociologist uses: "question 'Waiting time'
 * added on page 2", "choice 'Other' removed from 'Channel'", "Russian: 4 texts changed". Pure:
 * returns change records; the History tab words them in the UI's language.
 */
import { surveyTexts, textIn } from '../../../../../common/survey/texts';
import type { Lang, SurveyJson } from '../../../../../common/survey/types';
import { elementsOf, isObject, type JsonObject } from '../../../../../common/survey/walk';
import { canonicalText } from '../canonical';
import { textOf } from '../text-of';

export type Change =
  | { kind: 'surveyTitle' }
  | { kind: 'pageAdded' | 'pageRemoved'; page: number }
  | { kind: 'added' | 'removed'; q: string; page: number }
  | { kind: 'moved'; q: string; from: number; to: number }
  | { kind: 'reordered'; page: number }
  | { kind: 'renamed'; q: string; from: string; to: string }
  | { kind: 'wording' | 'required' | 'optional'; q: string }
  | {
      kind:
        | 'choiceAdded'
        | 'choiceRemoved'
        | 'rowAdded'
        | 'rowRemoved'
        | 'columnAdded'
        | 'columnRemoved';
      q: string;
      c: string;
    }
  | { kind: 'logic' | 'prop'; q: string; prop: string }
  | { kind: 'role'; q: string; from: string; to: string }
  | { kind: 'translations'; lang: Lang; n: number }
  | { kind: 'surveyProp'; prop: string };

interface Q {
  name: string;
  element: JsonObject;
  page: number;
  title: string;
}

function questions(json: SurveyJson, lang: Lang): Map<string, Q> {
  const out = new Map<string, Q>();
  for (const { element, page } of elementsOf(json)) {
    const name = String(element.name ?? '');
    if (name)
      out.set(name, {
        name,
        element,
        page: (page ?? 0) + 1,
        title: textOf(element.title, lang) || name,
      });
  }
  return out;
}

const itemKey = (v: unknown) => String(isObject(v) ? (v.value ?? v.name) : v);
const itemText = (v: unknown, lang: Lang) =>
  (isObject(v) ? textOf(v.text ?? v.title, lang) : '') || itemKey(v);

const LOGIC = new Set([
  'visibleIf',
  'enableIf',
  'requiredIf',
  'choicesVisibleIf',
  'choicesEnableIf',
  'resetValueIf',
  'setValueIf',
]);
const LISTS: [string, 'choice' | 'row' | 'column'][] = [
  ['choices', 'choice'],
  ['rows', 'row'],
  ['columns', 'column'],
];
const same = (a: unknown, b: unknown) => canonicalText(a) === canonicalText(b);
const withoutName = (e: JsonObject) => {
  const { name: _n, ...rest } = e;
  return rest;
};

export function surveyChanges(a: SurveyJson, b: SurveyJson, lang: Lang): Change[] {
  const out: Change[] = [];
  if (textOf(a.title, 'uz') !== textOf(b.title, 'uz')) out.push({ kind: 'surveyTitle' });
  const pa = Array.isArray(a.pages) ? a.pages.length : 0;
  const pb = Array.isArray(b.pages) ? b.pages.length : 0;
  for (let i = pa; i < pb; i++) out.push({ kind: 'pageAdded', page: i + 1 });
  for (let i = pb; i < pa; i++) out.push({ kind: 'pageRemoved', page: i + 1 });

  const qa = questions(a, lang);
  const qb = questions(b, lang);
  const added = [...qb.values()].filter((q) => !qa.has(q.name));
  const removed = [...qa.values()].filter((q) => !qb.has(q.name));
  // A question whose only change is its name was renamed, not removed and added.
  for (const r of [...removed]) {
    const twin = added.find((x) => same(withoutName(x.element), withoutName(r.element)));
    if (twin) {
      out.push({ kind: 'renamed', q: twin.title, from: r.name, to: twin.name });
      added.splice(added.indexOf(twin), 1);
      removed.splice(removed.indexOf(r), 1);
    }
  }
  for (const q of added) out.push({ kind: 'added', q: q.title, page: q.page });
  for (const q of removed) out.push({ kind: 'removed', q: q.title, page: q.page });

  for (const [name, x] of qa) {
    const y = qb.get(name);
    if (!y) continue;
    const q = y.title;
    if (x.page !== y.page) out.push({ kind: 'moved', q, from: x.page, to: y.page });
    const ex = x.element;
    const ey = y.element;
    const keys = new Set([...Object.keys(ex), ...Object.keys(ey)]);
    for (const key of keys) {
      if (same(ex[key], ey[key]) || key === 'elements' || key === 'templateElements') continue;
      if (key === 'title') {
        if (textOf(ex.title, 'uz') !== textOf(ey.title, 'uz')) out.push({ kind: 'wording', q });
        continue;
      }
      if (key === 'isRequired') {
        out.push({ kind: ey.isRequired === true ? 'required' : 'optional', q });
        continue;
      }
      if (key === 'role') {
        out.push({ kind: 'role', q, from: String(ex.role ?? '—'), to: String(ey.role ?? '—') });
        continue;
      }
      if (LOGIC.has(key)) {
        out.push({ kind: 'logic', q, prop: key });
        continue;
      }
      const list = LISTS.find(([k]) => k === key);
      if ((list && Array.isArray(ey[key])) || (list && Array.isArray(ex[key]))) {
        const before = Array.isArray(ex[key]) ? (ex[key] as unknown[]) : [];
        const after = Array.isArray(ey[key]) ? (ey[key] as unknown[]) : [];
        const bk = new Set(before.map(itemKey));
        const ak = new Set(after.map(itemKey));
        const kind = list![1];
        let listed = false;
        for (const v of after)
          if (!bk.has(itemKey(v))) {
            out.push({ kind: `${kind}Added`, q, c: itemText(v, lang) });
            listed = true;
          }
        for (const v of before)
          if (!ak.has(itemKey(v))) {
            out.push({ kind: `${kind}Removed`, q, c: itemText(v, lang) });
            listed = true;
          }
        if (listed) continue;
        // Same items: texts in other languages are counted below; anything else is a change of the list.
        const bare = (l: unknown[]) =>
          l.map((v) => (isObject(v) ? { ...v, text: undefined, title: undefined } : v));
        if (!same(bare(before), bare(after))) out.push({ kind: 'prop', q, prop: key });
        continue;
      }
      if (key !== 'description' && key !== 'placeholder') out.push({ kind: 'prop', q, prop: key });
    }
  }
  // Order on a page.
  const order = (m: Map<string, Q>, page: number) =>
    [...m.values()].filter((q) => q.page === page).map((q) => q.name);
  const common = Math.max(1, Math.min(pa, pb));
  for (let p = 1; p <= common; p++) {
    const x = order(qa, p).filter((n) => qb.get(n)?.page === p);
    const y = order(qb, p).filter((n) => qa.get(n)?.page === p);
    if (x.join() !== y.join()) out.push({ kind: 'reordered', page: p });
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (['pages', 'elements', 'title'].includes(key) || same(a[key], b[key])) continue;
    out.push({ kind: 'surveyProp', prop: key });
  }
  // Translations: texts changed per language (Uzbek wording is listed above).
  const ta = new Map(surveyTexts(a).map((t) => [t.key, t]));
  for (const l of ['uz-Cyrl', 'ru', 'en'] as Lang[]) {
    let n = 0;
    for (const t of surveyTexts(b)) {
      const before = ta.get(t.key);
      if (before && (textIn(before, l) ?? '') !== (textIn(t, l) ?? '')) n++;
    }
    if (n) out.push({ kind: 'translations', lang: l, n });
  }
  return out;
}
