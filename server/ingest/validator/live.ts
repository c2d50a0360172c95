/**
 * The questions survey-core has built for one answer set: top-level questions and, inside them,
 * the cells of matrix rows, the questions of each dynamic panel and the items of a multiple text,
 * each with the name Ovoz reports it under (`q`, `q.row.col`, `q[0].col`, `q[1].field`, `q.item`)
 * and the value the citizen's page sent for it.
 */
import { settings } from 'survey-core';
import { isPlainObject } from './checks.js';

export interface LiveQuestion {
  name: string;
  getType(): string;
  getValueName(): string;
  isVisible: boolean;
  isParentVisible: boolean;
  isReadOnly: boolean;
  errors: { getText(): string }[];
  value: unknown;
  /** The matrix, dynamic panel or multiple text this question is part of. */
  parentQuestion?: unknown;
  isEmpty(): boolean;
  clearValue(): void;
  comment?: string;
  isOtherSelected?: boolean;
  showOtherItem?: boolean;
  visibleChoices?: { value: unknown; isEnabled: boolean; isExclusive?: boolean }[];
  visibleRateValues?: { value: unknown }[];
  maxSelectedChoices?: number;
  selectToRankEnabled?: boolean;
  getMaxLength?(): number | null;
  getOthersMaxLength?(): number | null;
  // containers of other questions
  visibleRows?: {
    rowName?: unknown;
    cells: { column: { name: string }; question: LiveQuestion }[];
  }[];
  panels?: { questions: LiveQuestion[] }[];
  items?: { name: string; editor: LiveQuestion }[];
}

export interface Visit {
  question: LiveQuestion;
  /** The field name Ovoz reports errors under. */
  name: string;
  /** What the page sent for it (undefined when nothing). */
  sent: unknown;
  /** What the page sent for its comment. */
  sentComment: unknown;
}

const at = (value: unknown, key: string | number): unknown =>
  Array.isArray(value) && typeof key === 'number'
    ? value[key]
    : isPlainObject(value) && typeof key === 'string'
      ? value[key]
      : undefined;

/** Visits a question and everything survey-core built inside it, depth first. */
export function visit(
  q: LiveQuestion,
  name: string,
  sent: unknown,
  sentComment: unknown,
  out: Visit[],
): void {
  out.push({ question: q, name, sent, sentComment });
  const suffix = settings.commentSuffix;
  switch (q.getType()) {
    case 'matrixdropdown':
      for (const row of q.visibleRows ?? []) {
        const key = String(row.rowName);
        visitRow(row, `${name}.${key}`, at(sent, key), out);
      }
      return;
    case 'matrixdynamic':
      (q.visibleRows ?? []).forEach((row, i) => visitRow(row, `${name}[${i}]`, at(sent, i), out));
      return;
    case 'paneldynamic':
      (q.panels ?? []).forEach((panel, i) => {
        const panelSent = at(sent, i);
        for (const inner of panel.questions) {
          const field = inner.getValueName();
          visit(
            inner,
            `${name}[${i}].${field}`,
            at(panelSent, field),
            at(panelSent, field + suffix),
            out,
          );
        }
      });
      return;
    case 'multipletext':
      for (const item of q.items ?? []) {
        visit(item.editor, `${name}.${item.name}`, at(sent, item.name), undefined, out);
      }
      return;
    default:
      return;
  }
}

type Row = NonNullable<LiveQuestion['visibleRows']>[number];

function visitRow(row: Row, name: string, sent: unknown, out: Visit[]): void {
  for (const cell of row.cells) {
    const col = cell.column.name;
    visit(
      cell.question,
      `${name}.${col}`,
      at(sent, col),
      at(sent, col + settings.commentSuffix),
      out,
    );
  }
}
