/** `npm run ovoz -- surveys check` as a person runs it: the checks before opening, on files. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundled } from '../helpers/bundle.js';
import { ROOT, TEST_CHECK_BUDGET, tempDir } from '../helpers/server.js';

const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = tempDir('ovoz-cli-surveys-');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function ovoz(args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [await bundled('server/cli.ts'), ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: `sqlite:${path.join(dir, 'ovoz.db')}`,
          OVOZ_LOG: 'silent',
          ...TEST_CHECK_BUDGET,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

it('passes the shipped questionnaires and refuses an open file with a missing Russian text', async () => {
  const shipped = await ovoz(['surveys', 'check']);
  expect(shipped.code).toBe(0);
  expect(shipped.stdout).toContain('surveys/social-services.json: ready to open');

  const file = path.join(dir, 'qayta.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      title: { uz: 'Qayta', ru: 'Снова' },
      ovozStatus: 'open',
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'boolean', name: 'visited_before', title: { uz: 'Avval kelganmisiz?' } },
          ],
        },
      ],
    }),
  );
  const refused = await ovoz(['surveys', 'check', file]);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toContain(
    'error    visited_before: Russian text missing: question "visited_before" › title ("Avval kelganmisiz?")',
  );
  expect(refused.stderr).toContain('1 of 1 files cannot be served as they are');
}, 60_000);
