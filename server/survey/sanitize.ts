/**
 * HTML in survey texts is cleaned when a survey is saved through the admin API, so an `html`
 * question or a `completedHtml` can never run script in a citizen's or a manager's browser.
 *
 * Every localisable property survey-core knows (title, description, html, completedHtml, choice
 * texts, placeholders…: read from survey-core's Serializer, so nothing is missed) is cleaned at any
 * depth of the JSON, as a plain string or as an object of texts per language. A text without `<`
 * cannot hold an element and is kept exactly as written; any other goes through sanitize-html with
 * the conservative allow-list below. Pure: never mutates its input.
 */
import sanitizeHtml from 'sanitize-html';
import { Serializer } from 'survey-core';
import { registerOvozProperties } from '../../common/survey/properties.js';
import type { SurveyJson } from '../../common/survey/types.js';

/** What survey texts may contain. Everything else is removed (the text of unknown tags is kept). */
export const SURVEY_HTML_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'h3', 'h4', 'a'],
  // rel and target are set on every link below, never taken from the input.
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  // Removed together with their content, not only their tags.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    'template',
    'title',
  ],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
  },
};

/** One text, cleaned. */
export function sanitizeText(text: string): string {
  return text.includes('<') ? sanitizeHtml(text, SURVEY_HTML_POLICY) : text;
}

let localisable: ReadonlySet<string> | null = null;

/** The names of every localisable property of every survey-core class. */
function localisableKeys(): ReadonlySet<string> {
  if (localisable) return localisable;
  registerOvozProperties();
  const keys = new Set<string>();
  for (const cls of Serializer.getAllClasses()) {
    for (const prop of Serializer.getProperties(cls) ?? []) {
      if (prop.isLocalizable) keys.add(prop.name);
    }
  }
  localisable = keys;
  return keys;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A copy that keeps a hostile "__proto__" key a plain key. */
function put(out: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function cleanText(value: unknown, keys: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return sanitizeText(value);
  if (Array.isArray(value)) return value.map((v) => cleanText(v, keys));
  if (isObject(value)) {
    // Texts per language ({ uz, ru, … }); anything nested deeper is walked as usual.
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      put(out, k, typeof v === 'string' ? sanitizeText(v) : walk(v, keys));
    }
    return out;
  }
  return value;
}

function walk(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, keys));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    put(out, k, keys.has(k) ? cleanText(v, keys) : walk(v, keys));
  }
  return out;
}

/** The survey with every localisable text cleaned. */
export function sanitizeSurveyJson(json: SurveyJson): SurveyJson {
  return walk(json, localisableKeys()) as SurveyJson;
}
