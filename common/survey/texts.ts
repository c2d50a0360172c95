/**
 * Every text a citizen may read in a questionnaire, one entry per localisable value, found through
 * survey-core's Serializer (`isLocalizable`), with a stable, readable key (`visited_before.title`,
 * `channel.choices.centre.text`, `page:service.title`) for the translation grid, CSV and XLIFF
 * files. Texts that are not written at all but still shown — a question without a title shows
 * its name, a choice without a text its value — are listed too, with that fallback, because a
 * citizen reading another language sees them untranslated. Pure.
 */
import { Serializer } from 'survey-core';
import { LANGUAGES, type Lang } from './types.js';
import {
  getAt,
  isObject,
  propertyOf,
  setAt,
  walkSurvey,
  type JsonObject,
  type JsonPath,
  type Owner,
} from './walk.js';

export type TextLang = Lang | 'default';

export interface SurveyText {
  key: string;
  /** Where the text lives: the object's path and the property. */
  path: JsonPath;
  owner: Owner;
  prop: string;
  /** The choice, row or column the text belongs to (its value or name). */
  item?: string;
  /** The texts as written, per language (`default` is the survey's default language, Uzbek). */
  texts: Partial<Record<TextLang, string>>;
  /** Written as one plain string, shown in every language. */
  plain: boolean;
  /** What citizens see when nothing is written: the question's name, the choice's value. */
  fallback?: string;
}

const NO_TITLE_TYPES = new Set(['html', 'image', 'panel', 'page']);
const ELEMENT_ARRAYS = new Set(['pages', 'elements', 'templateElements', 'questions']);
/** Parts of a question that show their name when they have no title. */
const NAMED_PARTS = new Set(['matrixdropdowncolumn', 'multipletextitem']);

/** The key of the object at `path`: its element's name, then each item below it. */
function keyOf(json: JsonObject, path: JsonPath): string {
  let key = 'survey';
  let cur: unknown = json;
  for (let i = 0; i < path.length; i += 2) {
    const prop = String(path[i]);
    const index = Number(path[i + 1]);
    const item = (cur as JsonObject)[prop];
    cur = Array.isArray(item) ? item[index] : undefined;
    const obj = isObject(cur) ? cur : {};
    const id = obj.name ?? obj.value ?? (isObject(cur) ? index : cur);
    if (prop === 'pages') key = `page:${String(obj.name ?? index)}`;
    else if (ELEMENT_ARRAYS.has(prop)) key = String(obj.name ?? `#${index}`);
    else key = `${key}.${prop}.${typeof id === 'object' ? index : String(id)}`;
  }
  return key;
}

function readTexts(value: unknown): { texts: SurveyText['texts']; plain: boolean } {
  if (typeof value === 'string') return { texts: { default: value }, plain: true };
  const texts: SurveyText['texts'] = {};
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (
        typeof v === 'string' &&
        (k === 'default' || (LANGUAGES as readonly string[]).includes(k))
      )
        texts[k as TextLang] = v;
    }
  }
  return { texts, plain: false };
}

const isItemClass = (cls: string) => Serializer.isDescendantOf(cls, 'itemvalue');

/** Every citizen-visible text of the survey, in document order. */
export function surveyTexts(json: JsonObject): SurveyText[] {
  const out: SurveyText[] = [];
  const seen = new Map<string, number>();
  const push = (t: SurveyText, at = out.length) => {
    const n = seen.get(t.key) ?? 0;
    seen.set(t.key, n + 1);
    out.splice(at, 0, n ? { ...t, key: `${t.key}#${n + 1}` } : t);
  };
  walkSurvey(json, ({ obj, className, path, owner }) => {
    const start = out.length;
    const base = keyOf(json, path);
    const item = isItemClass(className)
      ? String(obj.value ?? '')
      : path.length && !ELEMENT_ARRAYS.has(String(path.at(-2)))
        ? String(obj.name ?? obj.value ?? path.at(-1))
        : undefined;
    let hasTitle = false;
    for (const [prop, value] of Object.entries(obj)) {
      const p = propertyOf(className, prop);
      if (p?.isLocalizable && (typeof value === 'string' || isObject(value))) {
        const { texts, plain } = readTexts(value);
        if (prop === 'title' || (prop === 'text' && isItemClass(className))) hasTitle = true;
        push({ key: `${base}.${prop}`, path: [...path, prop], owner, prop, item, texts, plain });
      }
      // Choices written as bare values ("choices": ["yes", "no"]) show the value itself.
      if (p && Array.isArray(value) && isItemClass(p.className || '')) {
        value.forEach((v, i) => {
          if (typeof v !== 'string') return;
          push({
            key: `${base}.${prop}.${v}.text`,
            path: [...path, prop, i, 'text'],
            owner,
            prop: 'text',
            item: v,
            texts: {},
            plain: false,
            fallback: v,
          });
        });
      }
    }
    if (hasTitle) return;
    // A question (or a matrix column) without a title shows its name; a choice its value.
    let fallback: string | undefined;
    let prop = 'title';
    if (isItemClass(className)) {
      const v = obj.value;
      if (v === undefined || typeof v === 'number' || /^-?\d+$/.test(String(v))) return;
      fallback = String(v);
      prop = 'text';
    } else if (
      ((owner.kind === 'question' && ELEMENT_ARRAYS.has(String(path.at(-2)))) ||
        NAMED_PARTS.has(className)) &&
      !NO_TITLE_TYPES.has(className) &&
      typeof obj.name === 'string'
    ) {
      fallback = obj.name;
    } else return;
    if (!propertyOf(className, prop)?.isLocalizable) return;
    push(
      {
        key: `${base}.${prop}`,
        path: [...path, prop],
        owner,
        prop,
        item,
        texts: {},
        plain: false,
        fallback,
      },
      start,
    );
  });
  return out;
}

/** The text in `lang` as citizens get it: its own, Uzbek for `default`, or derived Cyrillic. */
export function textIn(t: SurveyText, lang: Lang): string | undefined {
  const own = t.texts[lang];
  if (own !== undefined && own.trim() !== '') return own;
  if (lang === 'uz') {
    const d = t.texts.default;
    return d !== undefined && d.trim() !== '' ? d : undefined;
  }
  return undefined;
}

/** The Uzbek (Latin) source text of an entry: its `uz`, its `default`, or its plain string. */
export const sourceText = (t: SurveyText): string => textIn(t, 'uz') ?? '';

/**
 * A copy of the survey with the text of `t` in `lang` set to `value` ('' removes it). A plain
 * string becomes texts per language; a bare choice value becomes a choice object.
 */
export function setText(json: JsonObject, t: SurveyText, lang: Lang, value: string): JsonObject {
  const current = getAt(json, t.path);
  const parentPath = t.path.slice(0, -1);
  const parent = getAt(json, parentPath);
  if (typeof parent === 'string') {
    // A bare choice value: ["yes"] → [{ value: "yes", text: { ru: "…" } }]
    if (value === '') return json;
    return setAt(json, parentPath, { value: parent, text: { [lang]: value } });
  }
  let texts: Record<string, string> = {};
  if (typeof current === 'string') texts = { default: current };
  else if (isObject(current)) texts = { ...(current as Record<string, string>) };
  const slot =
    lang === 'uz' && texts.uz === undefined && texts.default !== undefined ? 'default' : lang;
  if (value === '') delete texts[slot];
  else texts[slot] = value;
  const keys = Object.keys(texts);
  let next: unknown = texts;
  if (!keys.length) next = undefined;
  else if (keys.length === 1 && keys[0] === 'default') next = texts.default;
  return setAt(json, t.path, next);
}

/**
 * The languages a survey offers citizens: those its title is written in (Uzbek Cyrillic comes
 * with Uzbek Latin, by transliteration), or all four when the title names none.
 */
export function offeredLanguages(json: JsonObject): Lang[] {
  const title = json.title;
  if (isObject(title)) {
    const keys = Object.keys(title);
    const langs = LANGUAGES.filter(
      (l) =>
        keys.includes(l) ||
        (l === 'uz' && keys.includes('default')) ||
        (l === 'uz-Cyrl' && (keys.includes('uz') || keys.includes('default'))),
    );
    if (langs.length) return langs;
  }
  return [...LANGUAGES];
}
