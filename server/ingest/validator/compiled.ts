/**
 * The compiled form of a survey version: its questions with their kinds, checks, items and
 * parsed conditions, as the validator runs them.
 */
import type { Operand } from 'survey-core';

export interface Expr {
  text: string;
  operand: Operand;
}

export interface Container {
  visible: boolean;
  visibleIf: Expr | null;
  readOnly: boolean;
  enableIf: Expr | null;
  parent: Container | null;
  /** Per-evaluation memo: the pass number it was computed in, and the result. */
  memoVisible: number;
  visibleNow: boolean;
}

export interface Item {
  value: unknown;
  /** The item's own condition, else the question's choicesVisibleIf/rowsVisibleIf, else none. */
  visibleIf: Expr | null;
  /** A choice's own enableIf, else the question's choicesEnableIf, else none: a disabled choice is not on offer. */
  enableIf: Expr | null;
  exclusive: boolean;
}

export interface Items {
  list: Item[];
  byValue: Map<unknown, Item[]>;
}

export type Kind =
  | { t: 'none' }
  | { t: 'rating'; items: Items }
  | { t: 'single'; items: Items }
  | { t: 'multi'; items: Items; min: number; max: number }
  | { t: 'boolean'; valueTrue: unknown; valueFalse: unknown }
  | {
      t: 'text';
      numeric: boolean;
      maxLength: number | null;
      min: unknown;
      max: unknown;
      step: unknown;
      email: boolean;
    }
  | { t: 'comment'; maxLength: number | null }
  | {
      t: 'matrix';
      rows: Items;
      rowByKey: Map<string, Item>;
      columns: Set<unknown>;
      eachRowRequired: boolean;
    };

export type Check =
  | { t: 'numeric'; min: number | null; max: number | null }
  | { t: 'text'; minLength: number; maxLength: number; allowDigits: boolean }
  | { t: 'regex'; re: RegExp }
  | { t: 'email' }
  | { t: 'expression'; expr: Expr }
  | { t: 'answercount'; min: number; max: number };

export interface QuestionSpec {
  name: string;
  type: string;
  parent: Container;
  visible: boolean;
  visibleIf: Expr | null;
  readOnly: boolean;
  enableIf: Expr | null;
  isRequired: boolean;
  requiredIf: Expr | null;
  /** `<name>-Comment` when the question has an "other" item or a comment area. */
  commentKey: string | null;
  /** The "other" item's value when the comment belongs to it. */
  otherValue: unknown;
  commentMaxLength: number | null;
  kind: Kind;
  checks: Check[];
  /** Whether a rule can fail on an unanswered question (required, every row, minimum, expression). */
  judgesEmpty: boolean;
  /** Whether the question or a page/panel around it has readOnly or enableIf. */
  mayBeReadOnly: boolean;
}

export interface Path {
  segments: string[];
  /** `{item}`, `{choice}` or `{self}`: only ever in choice and row conditions. */
  itemVariable: boolean;
  /** The question the longest leading part of the path names, and the rest of the path. */
  question: QuestionSpec | null;
  rest: string[];
  /** Whether some leading part of the path could name a key of the answers (a question or a comment). */
  inValues: boolean;
  lengthFallback: boolean;
}
