/** The two public endpoints the citizen page calls (shared/API.md, citizen side). */
import type { Lang, LinkContext, SurveyJson } from '../../../common/survey/types';

export interface PublicSurvey {
  slug: string;
  version: number;
  title?: unknown;
  languages?: string[];
  json: SurveyJson;
  context?: LinkContext;
}

export interface FieldError {
  name: string;
  message: string;
}

/** A JSON error answer of the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an HTTP answer (offline, DNS, reset, timeout). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

const TIMEOUT_MS = 30_000;

async function request(url: string, init: RequestInit = {}): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    return await fetch(url, { ...init, signal: controller.signal, credentials: 'omit' });
  } catch (err) {
    throw new NetworkError(err);
  } finally {
    clearTimeout(timer);
  }
}

async function apiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's error page): keep the status only
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)
    ?.error;
  const code = typeof err?.code === 'string' ? err.code : `Http${res.status}`;
  const message = typeof err?.message === 'string' ? err.message : res.statusText;
  const fields = Array.isArray(err?.fields)
    ? (err.fields as unknown[]).filter(
        (f): f is FieldError =>
          typeof f === 'object' &&
          f !== null &&
          typeof (f as FieldError).name === 'string' &&
          typeof (f as FieldError).message === 'string',
      )
    : [];
  return new ApiError(res.status, code, message, fields);
}

/** `GET /api/public/surveys/:slug`, forwarding `c` and `t`. Throws ApiError or NetworkError. */
export async function fetchSurvey(
  slug: string,
  link: { c?: string; t?: string },
): Promise<PublicSurvey> {
  const query = new URLSearchParams();
  if (link.c) query.set('c', link.c);
  if (link.t) query.set('t', link.t);
  const qs = query.toString();
  const res = await request(
    `/api/public/surveys/${encodeURIComponent(slug)}${qs ? `?${qs}` : ''}`,
    { headers: { Accept: 'application/json' } },
  );
  if (!res.ok) throw await apiError(res);
  try {
    return (await res.json()) as PublicSurvey;
  } catch (err) {
    // A body cut off by a dropped connection.
    throw new NetworkError(err);
  }
}

export interface Submission {
  id: string;
  answers: Record<string, unknown>;
  lang: Lang;
  c?: string;
  t?: string;
  version: number;
  /** When the citizen first saw the survey: the server refuses a submission made implausibly fast. */
  startedAt?: string;
  /** The honeypot: only a form-filling robot sends it. */
  website?: string;
}

export type SendResult =
  /** 201, or 200 for a repeat of an earlier, stored try. */
  | { kind: 'ok' }
  /** Try again later: no answer, 5xx, 408 or 429. `retryAfterMs` from Retry-After. */
  | { kind: 'retry'; retryAfterMs?: number; reason: string }
  /** 422: the answers need correcting. */
  | { kind: 'invalid'; fields: FieldError[] }
  /** Any other refusal (closed survey, used token…): sending again cannot help. */
  | { kind: 'rejected'; error: ApiError };

/** Retry-After: seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** `POST /api/public/surveys/:slug/responses`. Never throws. */
export async function sendSubmission(slug: string, body: Submission): Promise<SendResult> {
  let res: Response;
  try {
    res = await request(`/api/public/surveys/${encodeURIComponent(slug)}/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    return { kind: 'retry', reason: err instanceof Error ? err.message : 'network' };
  }
  if (res.status === 200 || res.status === 201) return { kind: 'ok' };
  if (res.status >= 500 || res.status === 429 || res.status === 408) {
    const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'));
    return {
      kind: 'retry',
      reason: `HTTP ${res.status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  const error = await apiError(res);
  if (res.status === 422) return { kind: 'invalid', fields: error.fields };
  // The id is the client's own random UUID: a DuplicateId means an earlier try was stored
  // (the server already holds this citizen's answers), so there is nothing left to send.
  if (res.status === 409 && error.code === 'DuplicateId') return { kind: 'ok' };
  // Sent sooner after opening the survey than a person can answer: the same body, a little later.
  if (error.code === 'TooFast') {
    const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'));
    return {
      kind: 'retry',
      reason: 'TooFast',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  return { kind: 'rejected', error };
}
