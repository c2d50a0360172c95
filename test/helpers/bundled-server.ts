/**
 * The real server (server/index.ts) and CLI (server/cli.ts) as child processes, like
 * test/helpers/server.ts, but bundled once per test file with esbuild (the compiler tsx uses)
 * instead of compiled module by module at every start: a start takes about a second instead of
 * several, which is what makes twenty crash-and-restart cycles fit in a test. Same source, same
 * packages (left external, loaded from node_modules), same environment.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';
import { databaseUrlFor } from './database.js';
import {
  ROOT,
  serverEnv,
  signInOver,
  tempDir,
  watchServer,
  type RunningServer,
  type StartOptions,
} from './server.js';

// Two levels below the root, so a bundled file that finds the root as ../.. of itself (ROOT in
// server.ts, used by the benchmarks) still finds it.
const OUT_DIR = path.join(ROOT, 'node_modules/.ovoz-bundles');
const DAY_MS = 86_400_000;
const bundles = new Map<string, Promise<string>>();

/** Bundles not used for a day are removed (each name carries its content's hash). */
function prune(keep: string): void {
  for (const name of fs.readdirSync(OUT_DIR)) {
    const file = path.join(OUT_DIR, name);
    try {
      if (file !== keep && Date.now() - fs.statSync(file).mtimeMs > DAY_MS) fs.rmSync(file);
    } catch {
      // removed meanwhile by another test file
    }
  }
}

/** One entry bundled in memory, as `npm start` bundles the server (packages left external). */
function bundleOf(entry: string, outfile: string) {
  return build({
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/**
 * The questionnaire-checking worker, next to the bundles as `check-worker.mjs`: a bundle looks
 * for it beside itself (server/survey/check-pool.ts). Written whole, then renamed into place.
 */
async function bundleCheckWorker(): Promise<void> {
  const file = path.join(OUT_DIR, 'check-worker.mjs');
  const result = await bundleOf('server/survey/check-worker.ts', file);
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, result.outputFiles[0]!.contents);
  fs.renameSync(partial, file);
}

/**
 * server/index.ts, server/cli.ts or a benchmark as one ES module under node_modules (so its packages
 * resolve), named by the hash of its content: test files running at the same time share it.
 */
export function bundled(
  entry: 'server/index.ts' | 'server/cli.ts' | 'bench/reports.ts',
): Promise<string> {
  let out = bundles.get(entry);
  if (!out) {
    out = (async () => {
      const result = await bundleOf(entry, path.join(OUT_DIR, 'bundle.mjs'));
      const code = result.outputFiles[0]!.contents;
      const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
      const file = path.join(OUT_DIR, `${path.basename(entry, '.ts')}-${hash}.mjs`);
      fs.mkdirSync(OUT_DIR, { recursive: true });
      if (fs.existsSync(file)) {
        fs.utimesSync(file, new Date(), new Date());
      } else {
        const partial = `${file}.${process.pid}.partial`;
        fs.writeFileSync(partial, code);
        fs.renameSync(partial, file);
      }
      await bundleCheckWorker();
      prune(file);
      return file;
    })();
    bundles.set(entry, out);
  }
  return out;
}

export async function startBundledServer(options: StartOptions = {}): Promise<RunningServer> {
  const dir = options.dir ?? tempDir();
  const databaseUrl = options.databaseUrl ?? (await databaseUrlFor(dir));
  const proc = spawn(process.execPath, [await bundled('server/index.ts')], {
    cwd: ROOT,
    env: serverEnv(databaseUrl, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchServer(proc, dir, databaseUrl);
}

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
  }, 60_000);
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
