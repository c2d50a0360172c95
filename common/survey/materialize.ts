/**
 * Turns a stored questionnaire into the one citizens are given: the `context:*` questions get
 * their choices from the registry and hide themselves when the survey link fixes their value.
 * Pure: no I/O, never mutates its input.
 */
import { MAX_DYNAMIC_ROWS } from '../limits.js';
import type { Lang, SurveyJson } from './types.js';

export interface Registry {
  regions: { code: string; names: Record<Lang, string> }[];
  districts: { code: string; region: string; names: Record<Lang, string> }[];
  providers: {
    code: string;
    district: string;
    region: string;
    sector: string;
    names: Record<Lang, string>;
  }[];
}

/**
 * One answer variable that carries an indicator role (surveys/README.md): a question, or a row of
 * a matrix.
 */
export interface RoleVariable {
  /** `name`, or `matrix.row` for a matrix row. */
  variable: string;
  question: string;
  row?: string;
  role: string;
  type: string;
}

type JsonObject = Record<string, unknown>;

const CONTEXT_KINDS = ['region', 'district', 'provider', 'channel'] as const;
type ContextKind = (typeof CONTEXT_KINDS)[number];

/** Registry codes end up inside expressions, so they are held to a safe alphabet. */
const SAFE_CODE = /^[A-Za-z0-9_.:-]+$/;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every question of a survey JSON in document order, nested panels included. */
function questionsOf(json: SurveyJson): JsonObject[] {
  const out: JsonObject[] = [];
  const walk = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isObject(element)) continue;
      if (element.type === 'panel') walk(element.elements);
      else out.push(element);
    }
  };
  if (Array.isArray(json.pages)) {
    for (const page of json.pages) if (isObject(page)) walk(page.elements);
  }
  walk(json.elements);
  return out;
}

function contextKind(question: JsonObject): ContextKind | null {
  const role = question.role;
  if (typeof role !== 'string' || !role.startsWith('context:')) return null;
  const kind = role.slice('context:'.length);
  return (CONTEXT_KINDS as readonly string[]).includes(kind) ? (kind as ContextKind) : null;
}

function code(value: string): string {
  if (!SAFE_CODE.test(value)) throw new Error(`registry code ${JSON.stringify(value)} is not safe`);
  return value;
}

/**
 * The condition under which a choice belonging to `parent` (a region or district code) is offered:
 * the citizen chose that parent in the survey, or the link fixed it.
 */
function parentIs(kind: 'region' | 'district', question: string | undefined, parent: string) {
  const c = code(parent);
  return question
    ? `{${question}} = '${c}' or {context_${kind}} = '${c}'`
    : `{context_${kind}} empty or {context_${kind}} = '${c}'`;
}

/** The provider list's last item: the one the citizen used is not in it. */
export const PROVIDER_NOT_LISTED: Record<Lang, string> = {
  uz: 'Roʻyxatda yoʻq',
  'uz-Cyrl': 'Рўйхатда йўқ',
  ru: 'Нет в списке',
  en: 'Not listed',
};

function text(names: Record<Lang, string>): Record<string, string> {
  return { uz: names.uz, 'uz-Cyrl': names['uz-Cyrl'], ru: names.ru, en: names.en };
}

function and(existing: unknown, condition: string): string {
  return typeof existing === 'string' && existing.trim() !== ''
    ? `(${existing}) and ${condition}`
    : condition;
}

export function materialize(json: SurveyJson, registry: Registry): SurveyJson {
  const out = structuredClone(json);
  const questions = questionsOf(out);
  const names: Partial<Record<ContextKind, string>> = {};
  for (const q of questions) {
    const kind = contextKind(q);
    if (kind && typeof q.name === 'string' && !names[kind]) names[kind] = q.name;
  }
  // Providers follow the district when the survey asks it, otherwise the region.
  const providerParent: 'district' | 'region' = names.district ? 'district' : 'region';

  for (const q of questions) {
    const kind = contextKind(q);
    if (!kind) continue;
    if (kind === 'region') {
      q.choices = registry.regions.map((r) => ({ value: code(r.code), text: text(r.names) }));
    } else if (kind === 'district') {
      q.choices = registry.districts.map((d) => ({
        value: code(d.code),
        text: text(d.names),
        visibleIf: parentIs('region', names.region, d.region),
      }));
    } else if (kind === 'provider') {
      // A citizen whose provider is missing from the list can say so rather than guess; the
      // response then has no provider (server/links/resolve.ts), its district and region kept.
      if (q.showNoneItem === undefined) {
        q.showNoneItem = true;
        q.noneText ??= PROVIDER_NOT_LISTED;
      }
      q.choices = registry.providers.map((p) => ({
        value: code(p.code),
        text: text(p.names),
        visibleIf: parentIs(
          providerParent,
          names[providerParent],
          providerParent === 'district' ? p.district : p.region,
        ),
      }));
    }
    q.visibleIf = and(q.visibleIf, `{context_${kind}} empty`);
  }
  capDynamicRows(out);
  return out;
}

/**
 * A dynamic matrix or panel lets a citizen add at most MAX_DYNAMIC_ROWS rows (or its own smaller
 * maximum): survey-core builds every row to check an answer, so the page never offers more than
 * the server takes.
 */
function capDynamicRows(json: SurveyJson): void {
  const walk = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const e of elements) {
      if (!isObject(e)) continue;
      const key =
        e.type === 'matrixdynamic'
          ? 'maxRowCount'
          : e.type === 'paneldynamic'
            ? 'maxPanelCount'
            : null;
      if (key) {
        const own = e[key];
        if (!(typeof own === 'number' && own >= 0 && own <= MAX_DYNAMIC_ROWS)) {
          e[key] = MAX_DYNAMIC_ROWS;
        }
      }
      walk(e.elements);
      walk(e.templateElements);
    }
  };
  if (Array.isArray(json.pages)) {
    for (const page of json.pages) if (isObject(page)) walk(page.elements);
  }
  walk(json.elements);
  walk(json.questions);
}

/** Every answer variable with a role, in document order: the rollups count these. */
export function roleVariables(json: SurveyJson): RoleVariable[] {
  const out: RoleVariable[] = [];
  for (const q of questionsOf(json)) {
    const name = q.name;
    const type = q.type;
    if (typeof name !== 'string' || typeof type !== 'string') continue;
    if (typeof q.role === 'string' && q.role !== '') {
      out.push({ variable: name, question: name, role: q.role, type });
    }
    if (type === 'matrix' && Array.isArray(q.rows)) {
      for (const row of q.rows) {
        if (!isObject(row) || typeof row.role !== 'string' || row.role === '') continue;
        const value = row.value;
        if (typeof value !== 'string' && typeof value !== 'number') continue;
        const key = String(value);
        out.push({ variable: `${name}.${key}`, question: name, row: key, role: row.role, type });
      }
    }
  }
  return out;
}
