/**
 * How each column of the responses export is read by a statistics package (SPSS/PSPP, R, Stata):
 * a name the package accepts, its label in the chosen language, whether it is read as a number or
 * as text, its value labels, its missing values and its measurement level. The three syntax
 * writers (syntax.ts) follow this one plan, so they agree on every variable. Pure.
 *
 * - A column whose codes are all numbers (ratings, 0/1 dichotomies, booleans, numeric matrix
 *   columns) is numeric with value labels.
 * - A column of numeric codes plus "not applicable", "don't know" or "refused" (a driver's `na`) is
 *   numeric too: those three become the negative codes −1, −2, −3, labelled and declared missing
 *   (in Stata the extended missing values .a, .b, .c; in R, NA).
 * - Any other coded column (region, provider, sector, a choice with text codes) keeps its codes as
 *   text with value labels on them; in Stata (which labels only numbers) it is coded 1, 2, … in the
 *   order of its labels. Its `refused`, `dontknow` and `na` codes are declared missing.
 * - Free answers are text; a numeric question, the survey version and the weight are numbers.
 */
import type { Lang } from '../../common/survey/types.js';
import type { Column } from './columns.js';

export type Level = 'nominal' | 'ordinal' | 'scale';

export interface PlannedValue {
  /** The code as the CSV writes it. */
  code: string;
  /** Its number: the code itself, a negative code for a missing code, or 1, 2, … (Stata). */
  number: number;
  label: string;
  missing: boolean;
}

export interface PlannedVariable {
  /** The column name in the CSV header. */
  column: string;
  /** A name SPSS, R and Stata all accept (letters, digits, `_`; at most 32 characters). */
  name: string;
  label: string;
  /** `numeric`: read as a number; `coded`: numeric codes with text missing codes; `text`. */
  kind: 'numeric' | 'coded' | 'text';
  /** Text columns: the width SPSS reads (bytes). */
  width: number;
  level: Level;
  values: PlannedValue[];
}

/** Codes that say there is no answer to count: declared missing everywhere. */
export const MISSING_CODES: Readonly<Record<string, number>> = {
  na: -1,
  dontknow: -2,
  refused: -3,
};

/**
 * Names that SPSS or Stata reserve; and `comment`, `document`: PSPP reads a syntax line that
 * starts with them as a comment, whatever command it continues.
 */
const RESERVED = new Set(
  [
    'all',
    'and',
    'by',
    'eq',
    'ge',
    'gt',
    'le',
    'lt',
    'ne',
    'not',
    'or',
    'to',
    'with',
    'byte',
    'double',
    'float',
    'if',
    'in',
    'int',
    'long',
    'strl',
    'using',
    'comment',
    'document',
  ].map((w) => w.toLowerCase()),
);

const NUMBER = /^-?\d+(\.\d+)?$/;

/** A name every package accepts, unique among `taken` (compared without case, as SPSS does). */
export function safeName(column: string, taken: Set<string>): string {
  let base = column.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(base)) base = `v_${base}`;
  if (RESERVED.has(base.toLowerCase())) base = `${base}_`;
  base = base.slice(0, 32);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = `_${i}`;
    name = `${base.slice(0, 32 - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

const TEXT_WIDTH: Record<string, number> = {
  id: 64,
  code: 64,
  date: 10,
  datetime: 24,
};
/** Free text longer than this is cut by SPSS/PSPP (R and Stata read it whole). */
export const LONG_TEXT = 4000;

function levelOf(c: Column, kind: PlannedVariable['kind']): Level {
  if (kind === 'text') return 'nominal';
  if (c.type === 'rating' || c.type === 'matrix row') return 'ordinal';
  if (c.values.length) return 'nominal';
  return 'scale';
}

/** The plan of every column of an export, then the weight when the export carries one. */
export function syntaxPlan(
  columns: readonly Column[],
  lang: Lang,
  weight?: { column: string; label: string },
): PlannedVariable[] {
  const taken = new Set<string>();
  const out: PlannedVariable[] = columns.map((c) => {
    const numericCodes = c.values.filter((v) => NUMBER.test(v.value));
    const others = c.values.filter((v) => !NUMBER.test(v.value));
    let kind: PlannedVariable['kind'];
    if (c.values.length === 0) {
      kind = c.type === 'number' || c.name === 'survey_version' ? 'numeric' : 'text';
    } else if (others.length === 0) kind = 'numeric';
    else if (numericCodes.length && others.every((v) => v.value in MISSING_CODES)) kind = 'coded';
    else kind = 'text';
    let next = 1;
    const values: PlannedValue[] = c.values.map((v) => {
      const missing = v.value in MISSING_CODES;
      let number: number;
      if (NUMBER.test(v.value)) number = Number(v.value);
      else if (kind === 'coded') number = MISSING_CODES[v.value]!;
      else number = next++;
      return { code: v.value, number, label: v.text[lang] || v.value, missing };
    });
    const width = kind === 'text' ? (TEXT_WIDTH[c.name === 'id' ? 'id' : c.type] ?? LONG_TEXT) : 0;
    return {
      column: c.name,
      name: safeName(c.name, taken),
      label: c.text[lang] || c.name,
      kind,
      width:
        c.values.length && kind === 'text'
          ? Math.max(64, ...c.values.map((v) => Buffer.byteLength(v.value)))
          : width,
      level: levelOf(c, kind),
      values,
    };
  });
  if (weight) {
    out.push({
      column: weight.column,
      name: safeName(weight.column, taken),
      label: weight.label,
      kind: 'numeric',
      width: 0,
      level: 'scale',
      values: [],
    });
  }
  return out;
}
