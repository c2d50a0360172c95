/**
 * `{placeholders}` in a survey's HTML texts (completedHtml, an html question…): survey-core puts
 * the named value into the HTML as it is, so a placeholder must never name what a citizen types.
 * Allowed: survey state (`{correctAnswers}`, `{questionCount}`, `{pageNo}`…), answers that are
 * numbers, dates or choices the questionnaire itself defines, and expression questions and
 * calculated values computed only from those. Refused: free text (text, comment, multiple text,
 * matrices of questions, dynamic panels, any `-Comment`), and what is computed from it. A name
 * the survey does not have is left alone by survey-core and shown as written.
 */

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** HTML texts: a placeholder there would insert an answer as markup. */
export const HTML_KEYS = new Set(['html', 'completedHtml', 'completedBeforeHtml', 'loadingHtml']);

const FREE_TEXT_TYPES = new Set([
  'comment',
  'multipletext',
  'matrixdropdown',
  'matrixdynamic',
  'paneldynamic',
]);
const SAFE_INPUTS = new Set(['number', 'range', 'date', 'datetime-local', 'month', 'week', 'time']);

const NAMES = /\{([^{}]+)\}/g;

function namesIn(text: string): string[] {
  return [...text.matchAll(NAMES)].map((m) => (m[1] ?? '').trim().toLowerCase());
}

/** Every element of the survey, panels, dynamic panel templates and pages included. */
function everyElement(json: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const e of list) {
      if (!isObject(e)) continue;
      out.push(e);
      walk(e.elements);
      walk(e.templateElements);
    }
  };
  if (Array.isArray(json.pages)) for (const p of json.pages) if (isObject(p)) walk(p.elements);
  walk(json.elements);
  walk(json.questions);
  return out;
}

function isFreeText(e: JsonObject): boolean {
  const type = e.type;
  if (typeof type !== 'string') return false;
  if (FREE_TEXT_TYPES.has(type)) return true;
  if (type !== 'text') return false;
  const mask = e.maskType;
  if (mask === 'numeric' || mask === 'currency' || mask === 'datetime') return false;
  return !SAFE_INPUTS.has(typeof e.inputType === 'string' ? e.inputType : 'text');
}

/** The lower-case names a placeholder must not name. */
export function unsafeNames(json: JsonObject): Set<string> {
  const unsafe = new Set<string>();
  const computed: { name: string; expression: string }[] = [];
  for (const e of everyElement(json)) {
    if (typeof e.name !== 'string') continue;
    const name = e.name.toLowerCase();
    if (isFreeText(e)) unsafe.add(name);
    // "Other" texts and comment areas live in `<name>-Comment`.
    unsafe.add(`${name}-comment`);
    if (e.type === 'expression' && typeof e.expression === 'string') {
      computed.push({ name, expression: e.expression });
    }
  }
  if (Array.isArray(json.calculatedValues)) {
    for (const c of json.calculatedValues) {
      if (isObject(c) && typeof c.name === 'string' && typeof c.expression === 'string') {
        computed.push({ name: c.name.toLowerCase(), expression: c.expression });
      }
    }
  }
  // What is computed from free text is free text; repeated for chains of computed values.
  for (let changed = true; changed;) {
    changed = false;
    for (const c of computed) {
      if (!unsafe.has(c.name) && namesIn(c.expression).some((n) => named(n, unsafe))) {
        unsafe.add(c.name);
        changed = true;
      }
    }
  }
  return unsafe;
}

/** Whether a placeholder (`q`, `q.row`, `panel.field`…) names an unsafe value. */
function named(placeholder: string, unsafe: Set<string>): boolean {
  const segments = placeholder.split(/[.[]/);
  for (let k = 1; k <= segments.length; k++) {
    if (unsafe.has(segments.slice(0, k).join('.'))) return true;
  }
  return unsafe.has(placeholder);
}

/** The placeholders of one HTML text that would insert a citizen's typing as markup. */
export function unsafePlaceholders(text: string, unsafe: Set<string>): string[] {
  return namesIn(text).filter((n) => named(n, unsafe));
}
