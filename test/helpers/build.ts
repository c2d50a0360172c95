/**
 * Browser tests need the built web bundle (dist/web). ensureWebBuilt() runs `vite build` when the
 * bundle is missing or older than its sources, once even when several test files ask at the same
 * time (a lock directory serialises them across vitest's worker processes).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.js';

export const WEB_DIST = path.join(ROOT, 'dist/web');
const CITIZEN_HTML = path.join(WEB_DIST, 'citizen.html');
const LOCK = path.join(ROOT, 'dist/.web-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time below `entry` (0 when it does not exist). */
export function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/**
 * Resolves once the lock directory `lock` is removed (the test file building released it), seen
 * by a watch on its parent; at the latest when a lock held that long counts as stale.
 */
function released(lock: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      watcher.close();
      clearTimeout(ceiling);
      resolve();
    };
    const watcher = fs.watch(path.dirname(lock), () => {
      if (!fs.existsSync(lock)) done();
    });
    const ceiling = setTimeout(done, STALE_LOCK_MS);
    if (!fs.existsSync(lock)) done();
  });
}

/**
 * Runs `build` (a command line: node's arguments) unless `isFresh()`, once even when several test
 * files ask at the same time: a lock directory serialises them across vitest's worker processes.
 */
export async function buildWhenStale(
  lock: string,
  isFresh: () => boolean,
  args: string[],
): Promise<void> {
  if (isFresh()) return;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break; // we hold the lock
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS)
          fs.rmSync(lock, { force: true, recursive: true });
      } catch {
        // released meanwhile
      }
      await released(lock);
      if (isFresh()) return;
    }
  }
  try {
    if (!isFresh()) {
      execFileSync(process.execPath, args, {
        cwd: ROOT,
        // vitest sets NODE_ENV=test, which would give React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'pipe',
        timeout: 180_000,
      });
    }
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `vite build failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`,
      { cause: err },
    );
  } finally {
    fs.rmSync(lock, { force: true, recursive: true });
  }
}

/** True when dist/web/citizen.html exists and is newer than web/, common/ and the config. */
export function webBuildIsFresh(): boolean {
  let built: number;
  try {
    built = fs.statSync(CITIZEN_HTML).mtimeMs;
  } catch {
    return false;
  }
  const sources = [
    path.join(ROOT, 'web'),
    path.join(ROOT, 'vite.config.ts'),
    path.join(ROOT, 'common'),
  ];
  return sources.every((s) => newestMtime(s) <= built);
}

export async function ensureWebBuilt(): Promise<string> {
  await buildWhenStale(LOCK, webBuildIsFresh, [
    path.join(ROOT, 'node_modules/vite/bin/vite.js'),
    'build',
  ]);
  if (!fs.existsSync(CITIZEN_HTML)) throw new Error(`vite build did not write ${CITIZEN_HTML}`);
  return WEB_DIST;
}
