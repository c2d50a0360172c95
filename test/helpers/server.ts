/**
 * Starts the real server (server/index.ts) as a child process on a temporary database and a free
 * port, as a person would with `npm start`: bundled into one module (test/helpers/bundle.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundled, ROOT } from './bundle.js';
import { databaseUrlFor } from './database.js';

export { ROOT };
export const ADMIN_PASSWORD = 'correct-horse-battery-staple';

export interface RunningServer {
  url: string;
  port: number;
  dir: string;
  /** The server's DATABASE_URL. */
  databaseUrl: string;
  /** The SQLite file (tests that read the file itself run on SQLite only). */
  dbPath: string;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for the exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies at once, as in a power cut. */
  kill(): Promise<void>;
}

/**
 * Signs in to a running server over HTTP and returns the session cookie (`ovoz_session=…`).
 * Throws unless the sign-in answers 200 with a session cookie.
 */
export async function signInOver(
  url: string,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} at ${url}: ${res.status}`);
  const m = /ovoz_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '');
  if (!m) throw new Error(`sign-in of ${username} at ${url}: no session cookie`);
  return m[0];
}

export interface StartOptions {
  /** Reuse a directory (and its database) from an earlier run. */
  dir?: string;
  /** Another database than the directory's own (test/helpers/database.ts). */
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Extra Node.js options (a benchmark's `--cpu-prof`). */
  nodeArgs?: string[];
  /** A command the server runs under (a benchmark's `taskset -c 0`). */
  wrap?: string[];
}

export function tempDir(prefix = 'ovoz-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A questionnaire's check may take this long in tests: a machine under heavy load must not refuse
 * the questionnaires the tests answer (the budget's own refusal is tested with a small one).
 */
export const TEST_CHECK_BUDGET = { OVOZ_CHECK_BUDGET_MS: '120000' };

/** The environment every test server gets; `env` overrides it. */
export function serverEnv(databaseUrl: string, env: Record<string, string> = {}) {
  return {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    OVOZ_ADMIN_PASSWORD: ADMIN_PASSWORD,
    OVOZ_RATE_LIMIT: '0',
    // Scripted browsers answer faster than people; the check itself has its own tests.
    OVOZ_MIN_COMPLETION_SECONDS: '0',
    ...TEST_CHECK_BUDGET,
    ...env,
  };
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dir = options.dir ?? tempDir();
  const databaseUrl = options.databaseUrl ?? (await databaseUrlFor(dir));
  const [command, ...args] = [
    ...(options.wrap ?? []),
    process.execPath,
    ...(options.nodeArgs ?? []),
    await bundled('server/index.ts'),
  ];
  const proc = spawn(command!, args, {
    cwd: ROOT,
    env: serverEnv(databaseUrl, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchServer(proc, dir, databaseUrl);
}

/**
 * How long a server may take to say it listens before the start counts as failed: a ceiling for
 * a machine under heavy load, not a wait (the start is over as soon as the line is printed).
 */
const START_CEILING_MS = 180_000;

/** Collects a starting server's output and waits for the port it listens on. */
export async function watchServer(
  proc: ChildProcess,
  dir: string,
  databaseUrl: string,
): Promise<RunningServer> {
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not say it listens:\n${out}`)),
      START_CEILING_MS,
    );
    const check = () => {
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    databaseUrl,
    get dbPath(): string {
      if (!databaseUrl.startsWith('sqlite:')) {
        throw new Error('this test reads the SQLite file itself: it runs on SQLite only');
      }
      return databaseUrl.slice('sqlite:'.length);
    },
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
}
