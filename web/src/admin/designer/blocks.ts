/**
 * The standard blocks of shared/METRICS.md, taken from the standard questionnaire
 * (surveys/social-services.json, bundled at build time) with their roles and their texts in all
 * four languages, and how to add one to a survey: in the standard block's page (made if missing),
 * never twice. Drivers go in as rows of the drivers matrix or as separate 1–5 ratings. Pure.
 */
import standardFile from '../../../../surveys/social-services.json';
import { STANDARD_DRIVERS } from '../../../../common/metrics/drivers';

type Json = Record<string, unknown>;

const STANDARD = standardFile as unknown as Json;

export const DRIVERS = STANDARD_DRIVERS;
export type Driver = (typeof DRIVERS)[number];

export const BLOCKS = [
  'satisfaction',
  'drivers',
  'trust',
  'affordability',
  'delivery',
  'channel',
  'place',
  'segment',
  'comment',
] as const;
export type BlockKey = (typeof BLOCKS)[number] | `driver:${Driver}`;
export type DriversAs = 'matrix' | 'rating';

const isJson = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

interface Place {
  page: Json | null;
  question: Json;
}

/** Every question with the page it is on (panels entered). */
function questions(json: Json): Place[] {
  const out: Place[] = [];
  const walk = (elements: unknown, page: Json | null) => {
    if (!Array.isArray(elements)) return;
    for (const e of elements) {
      if (!isJson(e)) continue;
      if (e.type === 'panel') walk(e.elements, page);
      else out.push({ page, question: e });
    }
  };
  if (Array.isArray(json.pages)) for (const p of json.pages) if (isJson(p)) walk(p.elements, p);
  walk(json.elements, null);
  return out;
}

const rowsOf = (q: Json): Json[] => (Array.isArray(q.rows) ? q.rows.filter(isJson) : []);
const isDriverMatrix = (q: Json) =>
  q.type === 'matrix' && rowsOf(q).some((r) => String(r.role ?? '').startsWith('driver:'));

/** Every role a survey uses, matrix rows included. */
export function rolesOf(json: Json): Set<string> {
  const roles = new Set<string>();
  for (const { question } of questions(json)) {
    if (typeof question.role === 'string') roles.add(question.role);
    for (const r of rowsOf(question)) if (typeof r.role === 'string') roles.add(r.role);
  }
  return roles;
}

function standardWith(test: (q: Json) => boolean): Place[] {
  return questions(STANDARD).filter((p) => test(p.question));
}

const byRole = (role: string) => standardWith((q) => q.role === role);

function standardMatrix(): Place {
  const found = standardWith(isDriverMatrix)[0];
  if (!found) throw new Error('the standard questionnaire has no drivers matrix');
  return found;
}

/** A driver as its own 1–5 rating, worded as the matrix row, labelled with the matrix's ends. */
function driverRating(driver: Driver): Json {
  const { question } = standardMatrix();
  const row = rowsOf(question).find((r) => r.value === driver);
  const columns = Array.isArray(question.columns) ? question.columns.filter(isJson) : [];
  return {
    type: 'rating',
    name: `driver_${driver}`,
    role: `driver:${driver}`,
    title: clone(row?.text),
    isRequired: true,
    rateCount: 5,
    rateMin: 1,
    rateMax: 5,
    displayMode: 'buttons',
    minRateDescription: clone(columns[0]?.text),
    maxRateDescription: clone(columns[4]?.text),
    rateDescriptionLocation: 'bottom',
  };
}

function matrixWith(drivers: readonly string[]): Json {
  const m = clone(standardMatrix().question);
  m.rows = rowsOf(m).filter((r) => drivers.includes(String(r.value)));
  return m;
}

const pageShell = (page: Json | null, fallback: string): Json =>
  page
    ? { name: page.name, title: clone(page.title), elements: [] }
    : { name: fallback, elements: [] };

function uniqueName(json: Json, name: string): string {
  const taken = new Set(questions(json).map((p) => String(p.question.name)));
  if (!taken.has(name)) return name;
  let i = 2;
  while (taken.has(`${name}_${i}`)) i++;
  return `${name}_${i}`;
}

/** Adds questions to the page named like the standard one (made at the end if missing). */
function place(json: Json, shell: Json, items: Json[]): void {
  for (const q of items) q.name = uniqueName(json, String(q.name));
  if (!Array.isArray(json.pages)) {
    if (Array.isArray(json.elements)) {
      json.elements.push(...items);
      return;
    }
    json.pages = [];
  }
  const pages = json.pages as unknown[];
  const page = pages.find((p): p is Json => isJson(p) && p.name === shell.name);
  if (page) {
    if (!Array.isArray(page.elements)) page.elements = [];
    (page.elements as unknown[]).push(...items);
  } else pages.push({ ...shell, elements: items });
}

export type InsertResult =
  { ok: true; json: Json; added: string } | { ok: false; reason: 'exists'; what: string };

function addDrivers(json: Json, wanted: readonly Driver[], as: DriversAs): InsertResult {
  const roles = rolesOf(json);
  const missing = wanted.filter((d) => !roles.has(`driver:${d}`));
  if (!missing.length) return { ok: false, reason: 'exists', what: wanted.join(', ') };
  const out = clone(json);
  const shell = pageShell(standardMatrix().page, 'service');
  if (as === 'rating') {
    place(out, shell, missing.map(driverRating));
    return { ok: true, json: out, added: missing.join(', ') };
  }
  const existing = questions(out).find((p) => isDriverMatrix(p.question));
  if (existing) {
    const fresh = rowsOf(matrixWith(missing));
    (existing.question.rows as unknown[]).push(...fresh);
  } else place(out, shell, [matrixWith(missing)]);
  return { ok: true, json: out, added: missing.join(', ') };
}

/** The standard questions of a block (not drivers). */
function blockQuestions(key: (typeof BLOCKS)[number]): Place[] {
  switch (key) {
    case 'satisfaction':
      return byRole('satisfaction');
    case 'trust':
      return byRole('trust');
    case 'affordability':
      return [...byRole('affordability'), ...byRole('affordability:afford')];
    case 'delivery':
      return byRole('delivery_days');
    case 'channel':
      return byRole('context:channel');
    case 'place':
      return [
        ...byRole('context:region'),
        ...byRole('context:district'),
        ...byRole('context:provider'),
      ];
    case 'segment':
      return standardWith((q) => String(q.role ?? '').startsWith('segment:'));
    case 'comment':
      return byRole('comment');
    case 'drivers':
      return [];
  }
}

export function insertBlock(json: Json, key: BlockKey, as: DriversAs): InsertResult {
  if (key === 'drivers') return addDrivers(json, DRIVERS, as);
  if (key.startsWith('driver:')) return addDrivers(json, [key.slice(7) as Driver], as);
  const found = blockQuestions(key as (typeof BLOCKS)[number]);
  const roles = rolesOf(json);
  const present = found.filter((p) => roles.has(String(p.question.role)));
  if (present.length) {
    return {
      ok: false,
      reason: 'exists',
      what: present.map((p) => String(p.question.name)).join(', '),
    };
  }
  const first = found[0];
  if (!first) return { ok: false, reason: 'exists', what: key };
  const out = clone(json);
  const items = found.map((p) => clone(p.question));
  place(out, pageShell(first.page, key), items);
  return { ok: true, json: out, added: items.map((q) => String(q.name)).join(', ') };
}

/** A new survey made of every standard block (what "start from the standard blocks" gives). */
export function standardTemplate(): Json {
  let json: Json = {
    title: clone(STANDARD.title),
    description: clone(STANDARD.description),
    pages: [],
  };
  for (const key of BLOCKS) {
    const r = insertBlock(json, key, 'matrix');
    if (r.ok) json = r.json;
  }
  return json;
}

export function blankTemplate(): Json {
  return {
    title: { uz: '', 'uz-Cyrl': '', ru: '', en: '' },
    pages: [{ name: 'page1', elements: [] }],
  };
}
