/**
 * Nothing of the questionnaire designer reaches the citizen's page: in the full web build, the
 * files the citizen page loads (its scripts, styles, modulepreloads and the lazily loaded survey)
 * hold none of the designer's code (drag and drop, the canvas, the translation grid).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ensureWebBuilt } from '../helpers/build.js';

test('the citizen page loads no designer code', async () => {
  const dist = await ensureWebBuilt();
  const html = fs.readFileSync(path.join(dist, 'citizen.html'), 'utf8');
  const direct = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const lazy =
    /name="ovoz:lazy-assets" content="([^"]*)"/
      .exec(html)?.[1]
      ?.split(' ')
      .map((p) => p.slice(1)) ?? [];
  const files = new Set([...direct, ...lazy]);
  // Follow static imports between chunks.
  for (const f of [...files]) {
    if (!f.endsWith('.js')) continue;
    const code = fs.readFileSync(path.join(dist, f), 'utf8');
    for (const m of code.matchAll(/from"\.\/([^"]+\.js)"|import"\.\/([^"]+\.js)"/g))
      files.add(`assets/${m[1] ?? m[2]}`);
  }
  expect(lazy.length).toBeGreaterThan(0);
  const designer = fs
    .readdirSync(path.join(dist, 'assets'))
    .filter((a) => a.startsWith('DesignerWorkspace-'));
  expect(designer.length).toBeGreaterThan(0);
  for (const f of files) {
    expect(designer).not.toContain(path.basename(f));
    const text = fs.readFileSync(path.join(dist, f), 'utf8');
    for (const mark of [
      'DndLiveRegion',
      'dz-canvas',
      'dz-grid-table',
      'TranslationGrid',
      'xliff',
    ]) {
      expect(text.includes(mark), `${f} holds ${mark}`).toBe(false);
    }
  }
}, 300_000);
