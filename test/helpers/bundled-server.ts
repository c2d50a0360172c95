/**
 * The CLI (server/cli.ts) as a child process, bundled like the server (test/helpers/bundle.ts).
 * `startBundledServer` is `startServer`: every test server runs bundled, as `npm start` runs it.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { bundled } from './bundle.js';
import { ROOT, serverEnv, signInOver, startServer, type RunningServer } from './server.js';

export { bundled };
export const startBundledServer = startServer;

/** `npm run ovoz -- …args` on the database at `databaseUrl` (asynchronous: the test keeps running). */
export async function runCli(
  databaseUrl: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [await bundled('server/cli.ts'), ...args], {
    cwd: ROOT,
    env: serverEnv(databaseUrl, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => (stdout += d));
  proc.stderr.on('data', (d) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  return { status, stdout, stderr };
}

/** A bundled server with an admin signed in, for the tests of one file or describe block. */
export interface SignedInServer {
  readonly server: RunningServer;
  /** The admin's session cookie. */
  readonly cookie: string;
  /** POSTs `body` (JSON, or a string as is) to the server; add `{ cookie }` to be signed in. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/**
 * Starts the bundled server (as `npm start` runs it) and signs the admin in before the tests of
 * the file or describe block it is called in, and stops the server after them.
 */
export function signedInBundledServer(): SignedInServer {
  let server: RunningServer | undefined;
  let cookie: string | undefined;
  beforeAll(async () => {
    server = await startBundledServer();
    cookie = await signInOver(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const started = () => {
    if (!server || cookie === undefined) throw new Error('the server starts in beforeAll');
    return { server, cookie };
  };
  return {
    get server() {
      return started().server;
    },
    get cookie() {
      return started().cookie;
    },
    post: (path, body, headers = {}) =>
      fetch(`${started().server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}
