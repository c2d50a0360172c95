/** Typed errors: a closed union of codes, each with one HTTP status, mapped in the app's onError. */

export const ERROR_STATUS = {
  BadRequest: 400,
  InvalidContext: 400,
  InvalidQuery: 400,
  CrossesGrids: 400,
  Unauthenticated: 401,
  BadCredentials: 401,
  Forbidden: 403,
  CrossOrigin: 403,
  NotFound: 404,
  SurveyNotFound: 404,
  DuplicateId: 409,
  TokenUsed: 409,
  UsernameTaken: 409,
  SurveyExists: 409,
  WaveNameTaken: 409,
  SurveyClosed: 410,
  TokenExpired: 410,
  QuotaReached: 410,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  InvalidAnswers: 422,
  InvalidSurvey: 422,
  SurveyNotReady: 422,
  EditConflict: 412,
  InvalidCsv: 422,
  SurveyTooLarge: 422,
  SurveyTooComplex: 422,
  InvalidBody: 400,
  TooDeep: 400,
  Rejected: 400,
  TooFast: 400,
  TooManyRequests: 429,
  Internal: 500,
  Unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldMessage {
  name: string;
  message: string;
  /** A machine-readable name of the problem (e.g. a limit), for the admin app's own words. */
  code?: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly status: (typeof ERROR_STATUS)[ErrorCode];

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldMessage[],
    /** Seconds, for 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export function errorBody(code: ErrorCode, message: string, fields?: FieldMessage[]) {
  return { error: fields ? { code, message, fields } : { code, message } };
}
