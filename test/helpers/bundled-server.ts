/**
 * The CLI (server/cli.ts) as a child process, bundled like the server (test/helpers/bundle.ts).
 * `startBundledServer` is `startServer`: every test server runs bundled, as `npm start` runs it.
 */
import { spawn } from 'node:child_process';
import { bundled } from './bundle.js';
import { ROOT, serverEnv, startServer } from './server.js';

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
