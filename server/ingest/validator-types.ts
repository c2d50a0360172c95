/** The contract of a survey version's compiled answer validator (server/ingest/validator.ts). */

export interface FieldError {
  /** The question name (for a matrix row: `matrix.row`; for an unknown key: the key). */
  name: string;
  message: string;
}

export type ValidationResult =
  { ok: true; data: Record<string, unknown> } | { ok: false; fields: FieldError[] };

export interface CompiledValidator {
  /**
   * Checks `answers` (the SurveyJS `data` object) against the survey version it was compiled from,
   * with the survey variables `variables` set (e.g. context_region when a link fixes the region).
   * On success `data` is what is stored: answers to questions hidden by the survey's conditions
   * are dropped.
   */
  validate(answers: unknown, variables?: Record<string, unknown>): ValidationResult;
}
