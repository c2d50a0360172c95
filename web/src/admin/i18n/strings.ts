/**
 * The admin app's texts in its four languages. Uzbek Cyrillic is derived from Uzbek Latin with
 * the project's transliteration (common/survey/translit.ts), as the citizen page does for
 * questionnaires; `{placeholders}` pass through unchanged.
 */
import { latinToCyrillic } from '../../../../common/survey/translit';
import type { Lang } from '../../../../common/survey/types';
import { en, type Strings } from './en';
import { ru } from './ru';
import { uz } from './uz';

function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = mapStrings(v, f);
  return out as T;
}

/**
 * Latin that stays Latin in Cyrillic Uzbek text: acronyms and file formats (JSON, CSV, QR, KPI…),
 * CSV column names, API paths, the statistician's n, n_eff and p90, statistics packages.
 */
const KEEP_LATIN =
  /(\b(?:JSON|CSV|XLIFF|PNG|SVG|PDF|QR|KPI|NPS|API|Excel|GET|survey-core|Enter|Escape|Alt|e-mail|YYYY-MM|p90|provider|month|served|offered|area|year|eligible|slug|SPSS|PSPP|Stata|R|do|responses\.csv|n_eff)\b|\bn(?= =)|\/[\w/{}.-]+)/g;

export function toCyrillic(text: string): string {
  return text
    .split(KEEP_LATIN)
    .map((part, i) => (i % 2 === 1 ? part : latinToCyrillic(part)))
    .join('');
}

const uzCyrl: Strings = { ...mapStrings(uz, toCyrillic), langName: 'Ўзбекча' };

export const STRINGS: Readonly<Record<Lang, Strings>> = { uz, 'uz-Cyrl': uzCyrl, ru, en };

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export type { Strings };

/** A server's problem in the admin app's own words when it has a code we know, else as sent. */
export function problemText(
  s: Strings,
  problem: { message: string; code?: string; params?: Record<string, string | number> },
): string {
  const problems: Record<string, string> = s.designer.problems;
  const template = problem.code ? problems[problem.code] : undefined;
  return template ? fmt(template, problem.params ?? {}) : problem.message;
}
