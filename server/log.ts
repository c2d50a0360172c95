/**
 * The server's log: one JSON object a line on stdout (`{"time","level","msg",…fields}`), never
 * a request's payload. Lines are rate-limited (a burst of 50, then 10 a second): whatever a flood
 * of bad requests provokes costs at most that, and the next line that passes says how many were
 * dropped. Every field is cut to 300 characters. Third-party console output (survey-core warns
 * about every bad expression, whole) goes through the same path once captureConsole() ran.
 */
import { format } from 'node:util';

export type Level = 'info' | 'warn' | 'error';
export type Fields = Record<string, string | number | boolean | null | undefined>;

const BURST = 50;
const PER_SECOND = 10;
const MAX_FIELD = 300;

let silent = false;
let tokens = BURST;
let refilledAt = Date.now();
let dropped = 0;
let write = (line: string) => {
  process.stdout.write(line);
};

function cut(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.length > MAX_FIELD
    ? `${value.slice(0, MAX_FIELD)}… (${value.length} characters)`
    : value;
}

function line(level: Level, msg: string, fields: Fields = {}): string {
  const out: Record<string, unknown> = { time: new Date().toISOString(), level, msg: cut(msg) };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = cut(v);
  return `${JSON.stringify(out)}\n`;
}

function emit(level: Level, msg: string, fields?: Fields): void {
  if (silent) return;
  const now = Date.now();
  tokens = Math.min(BURST, tokens + (Math.max(0, now - refilledAt) / 1000) * PER_SECOND);
  refilledAt = now;
  if (tokens < 1) {
    dropped++;
    return;
  }
  tokens--;
  if (dropped > 0) {
    write(line('warn', 'log lines dropped by the rate limit', { dropped }));
    dropped = 0;
  }
  write(line(level, msg, fields));
}

export const log = {
  info: (msg: string, fields?: Fields) => emit('info', msg, fields),
  warn: (msg: string, fields?: Fields) => emit('warn', msg, fields),
  error: (msg: string, fields?: Fields) => emit('error', msg, fields),
};

/** `OVOZ_LOG=silent` turns the log off; a test may also take the lines. */
export function configureLog(options: { silent?: boolean; write?: (line: string) => void }): void {
  if (options.silent !== undefined) silent = options.silent;
  if (options.write) write = options.write;
}

let captured = false;

/** console.warn/error/info/debug (what libraries print) become rate-limited, cut log lines. */
export function captureConsole(): void {
  if (captured) return;
  captured = true;
  const to =
    (level: Level) =>
    (...args: unknown[]) =>
      emit(level, 'library output', { text: format(...args) });
  console.warn = to('warn');
  console.error = to('error');
  console.info = to('info');
  console.debug = to('info');
}
