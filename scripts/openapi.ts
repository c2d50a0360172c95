/**
 * `npm run openapi`: writes the API's OpenAPI 3.1 description (what GET /api/openapi.json serves,
 * made from the routes) to docs/openapi.json. Boots the app on a throw-away SQLite database.
 * `--check` writes nothing and exits 1 when docs/openapi.json differs from what the routes make.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { createApp } from '../server/app.js';
import { boot } from '../server/boot.js';
import { parseConfig } from '../server/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs/openapi.json');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovoz-openapi-'));
try {
  const booted = await boot(
    parseConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'spec.db')}`,
      OVOZ_ADMIN_PASSWORD: 'only-for-the-description',
      OVOZ_SURVEYS_DIR: path.join(dir, 'none'),
      OVOZ_LOG: 'silent',
    }),
  );
  try {
    const res = await createApp(booted.deps).request('/api/openapi.json');
    if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}`);
    // Formatted as `npm run format` would leave it.
    const text = await format(JSON.stringify(await res.json()), {
      ...(await resolveConfig(out)),
      parser: 'json',
    });
    if (process.argv.includes('--check')) {
      const same = fs.existsSync(out) && fs.readFileSync(out, 'utf8') === text;
      console.log(same ? 'docs/openapi.json is up to date' : 'docs/openapi.json is out of date');
      process.exitCode = same ? 0 : 1;
    } else {
      fs.writeFileSync(out, text);
      console.log(`wrote ${path.relative(root, out)}`);
    }
  } finally {
    await booted.deps.writer.drain();
    await booted.storage.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
