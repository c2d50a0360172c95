/**
 * The codebook of an export: one line per column of responses.csv — its name, its text in each
 * language, its type, its value labels (`1=…; 2=…`) in each language, its indicator role and the
 * survey versions that asked it. Pure.
 */
import { LANGUAGES } from '../../common/survey/types.js';
import type { Column } from './columns.js';
import type { Cell } from './variables.js';

export const CODEBOOK_HEADER = [
  'variable',
  ...LANGUAGES.map((l) => `question_${l}`),
  'type',
  ...LANGUAGES.map((l) => `value_labels_${l}`),
  'role',
  'versions',
];

export function codebookRows(columns: readonly Column[]): Cell[][] {
  return columns.map((c) => [
    c.name,
    ...LANGUAGES.map((l) => c.text[l]),
    c.type,
    ...LANGUAGES.map((l) => c.valueLabels[l] || null),
    c.role || null,
    c.versions ? c.versions.join(';') : null,
  ]);
}
