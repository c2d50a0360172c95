/**
 * Every limit Ovoz puts on what a person or a program sends, in one place. Each is refused by
 * name (a 4xx naming the limit, never a 500) and listed with its default in README.md and
 * SECURITY.md; each has a test that sends one unit over it.
 */

/** A JSON body of any endpoint other than the designer's and the CSV imports. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
/** A questionnaire sent by the designer (`json` of POST /api/admin/surveys…), or a synced file. */
export const MAX_SURVEY_BYTES = 2 * 1024 * 1024;
/** Nesting of arrays and objects in any JSON body or questionnaire. */
export const MAX_JSON_DEPTH = 64;
/** Questions in one questionnaire (every element that is not a page or a panel). */
export const MAX_QUESTIONS = 1000;
/** Pages and panels in one questionnaire. */
export const MAX_CONTAINERS = 500;
/** Panels inside panels. */
export const MAX_PANEL_DEPTH = 10;
/** Characters of one condition or expression (visibleIf, enableIf, an expression validator…). */
export const MAX_EXPRESSION_LENGTH = 1000;
/** Characters of one answer-format pattern (a regular expression validator). */
export const MAX_PATTERN_LENGTH = 500;
/** Characters of an answer that is checked against a pattern; a longer answer is refused. */
export const MAX_PATTERN_INPUT = 1000;
/**
 * Rows of a dynamic matrix or panels of a dynamic panel in one answer (also never more than the
 * question's own maxRowCount / maxPanelCount; the citizen's page is given the same maximum):
 * survey-core builds every one of them to check it, some milliseconds each.
 */
export const MAX_DYNAMIC_ROWS = 30;
/** Time one questionnaire check may take in the checking worker before it is refused. */
export const CHECK_BUDGET_MS = 10_000;
/** Questionnaire checks waiting for the worker before new ones get 503. */
export const CHECK_QUEUE = 8;
/**
 * Time survey-core may take to check one answer set in the validating worker (surveys with
 * dynamic panels or matrices, rankings, expressions…) before the submission gets 503.
 */
export const VALIDATE_BUDGET_MS = 10_000;
/** Answer sets waiting for the validating worker before new ones get 503. */
export const VALIDATE_QUEUE = 64;
