/**
 * A request id for every request (`X-Request-Id`, and in every log line about the request), and
 * the one log line a failed or aborted request may cost. Nothing of the payload, the query or the
 * client's address is logged.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { log } from '../log.js';

const ids = new WeakMap<Request, string>();

export const requestId: MiddlewareHandler = async (c, next) => {
  const id = randomBytes(8).toString('hex');
  ids.set(c.req.raw, id);
  c.header('X-Request-Id', id);
  await next();
};

export function requestIdOf(c: Context): string | undefined {
  return ids.get(c.req.raw);
}

/** Whether the client went away before its request was read (an aborted upload). */
export function clientAborted(c: Context, err: unknown): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  // With a socket, its state decides: a connection error of the database's (ECONNRESET from a
  // restarting PostgreSQL) is no aborted upload.
  if (incoming) return (incoming.destroyed || incoming.errored !== null) && !incoming.complete;
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (err as Error)?.message === 'aborted'
  );
}

/** One line for a request that failed on our side or was aborted; the error's first frames only. */
export function logFailure(c: Context, err: unknown, aborted: boolean): void {
  const fields = { requestId: requestIdOf(c), method: c.req.method, route: c.req.routePath };
  if (aborted) {
    log.info('request aborted by the client', fields);
    return;
  }
  const e = err as Error;
  log.error('request failed', {
    ...fields,
    error: `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`,
    stack: e?.stack?.split('\n').slice(1, 6).join(' | '),
  });
}
