/**
 * What an anonymous public survey must not take or do, found anywhere in a questionnaire (pages,
 * panels, dynamic panel templates, matrix columns): file and signature uploads (personal data) and
 * choices loaded from a web address (`choicesByUrl`: a request to a third party from the citizen's
 * page). Every offending question is listed at once, each with its reason.
 */
import { UPLOADS } from '../../common/survey/uploads.js';
import { UPLOAD_REASON, URL_REASON } from '../ingest/validator/refused.js';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export interface OutsideRequest {
  /** Where in the JSON, e.g. `pages[0].elements[2]`. */
  path: string;
  /** The question (for a matrix column: `matrix.column`). */
  question: string;
  message: string;
}

function hasUrl(e: JsonObject): boolean {
  const byUrl = e.choicesByUrl;
  return isObject(byUrl) && typeof byUrl.url === 'string' && byUrl.url.trim() !== '';
}

export function outsideRequests(json: JsonObject): OutsideRequest[] {
  const out: OutsideRequest[] = [];
  const see = (e: JsonObject, path: string, name: string, type: unknown) => {
    if (typeof type === 'string' && UPLOADS.has(type)) {
      out.push({ path, question: name, message: `question "${name}": ${UPLOAD_REASON}` });
    }
    if (hasUrl(e)) {
      out.push({ path, question: name, message: `question "${name}": ${URL_REASON}` });
    }
  };
  const walk = (list: unknown, path: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((e, i) => {
      if (!isObject(e)) return;
      const at = `${path}[${i}]`;
      const name = typeof e.name === 'string' ? e.name : at;
      see(e, at, name, e.type);
      if (Array.isArray(e.columns)) {
        e.columns.forEach((c, k) => {
          if (!isObject(c)) return;
          const column = typeof c.name === 'string' ? c.name : String(k);
          see(c, `${at}.columns[${k}]`, `${name}.${column}`, c.cellType);
        });
      }
      walk(e.elements, `${at}.elements`);
      walk(e.templateElements, `${at}.templateElements`);
    });
  };
  if (Array.isArray(json.pages)) {
    json.pages.forEach((p, i) => {
      if (isObject(p)) walk(p.elements, `pages[${i}].elements`);
    });
  }
  walk(json.elements, 'elements');
  walk(json.questions, 'questions');
  return out;
}
