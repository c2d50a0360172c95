/**
 * Fetching the Ovoz API (shared/API.md) with the session cookie. Errors become `ApiError` with the
 * API's code, message and fields. A 401 anywhere but at sign-in means the session ended: listeners
 * of `onSessionExpired` take the user back to the sign-in page.
 */
export interface FieldMessage {
  name: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldMessage[] = [],
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const expiredListeners = new Set<() => void>();

export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (e.g. a CSV file) with `contentType`. */
  body?: BodyInit;
  contentType?: string;
  signal?: AbortSignal;
  /** Extra request headers (e.g. If-Match). */
  headers?: Record<string, string>;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `Http${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let fields: FieldMessage[] = [];
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; fields?: FieldMessage[] };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      fields = body.error.fields ?? [];
    }
  } catch {
    // not JSON: keep the status
  }
  const retry = Number(res.headers.get('Retry-After'));
  return new ApiError(res.status, code, message, fields, Number.isFinite(retry) ? retry : null);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType) headers['Content-Type'] = options.contentType;
  const res = await fetch(path, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && !path.startsWith('/api/auth/login')) {
      expiredListeners.forEach((l) => l());
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** A path with a query string; empty and null values are left out. */
export function withQuery(
  path: string,
  params: Record<string, string | number | null | undefined>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
