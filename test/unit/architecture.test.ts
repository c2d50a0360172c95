/**
 * The storage seam holds: nothing outside an engine's own folder (db/dialect/<engine>/) imports
 * a database driver, and no engine's folder imports another engine's driver. Benchmarks' bare
 * baselines are the one exception: they measure the driver alone on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server.js';

const DRIVERS: Record<string, readonly string[]> = {
  sqlite: ['better-sqlite3'],
  postgres: ['pg', 'pg-cursor'],
};
const ALL = Object.values(DRIVERS).flat();
const BASELINES = new Set(['bench/baseline-server.ts']);
const SELF = 'test/unit/architecture.test.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sources(rel));
    } else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

/** The package names a file imports (static, dynamic and type-only imports alike). */
export function importsOf(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) found.add(m[1]!);
  return [...found];
}

describe('the storage seam', () => {
  const files = ['server', 'db', 'web/src', 'test', 'bench', 'scripts'].flatMap(sources);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('db/dialect/postgres/index.ts');
  });

  it('no module outside db/dialect/<engine>/ imports a database driver', () => {
    const offenders = files
      .filter((f) => !f.startsWith('db/dialect/') && !BASELINES.has(f) && f !== SELF)
      .flatMap((f) =>
        importsOf(fs.readFileSync(path.join(ROOT, f), 'utf8'))
          .filter((i) => ALL.includes(i))
          .map((i) => `${f} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it("within an engine's folder, only its driver.ts imports the driver", () => {
    const offenders = files
      .filter((f) => f.startsWith('db/dialect/') && !f.endsWith('/driver.ts'))
      .flatMap((f) =>
        importsOf(fs.readFileSync(path.join(ROOT, f), 'utf8'))
          .filter((i) => ALL.includes(i))
          .map((i) => `${f} imports ${i}`),
      );
    expect(offenders).toEqual([]);
    expect(files).toContain('db/dialect/sqlite/driver.ts');
    expect(files).toContain('db/dialect/postgres/driver.ts');
  });

  it("no engine's folder imports another engine's driver", () => {
    const offenders = Object.entries(DRIVERS).flatMap(([engine]) =>
      files
        .filter((f) => f.startsWith(`db/dialect/${engine}/`))
        .flatMap((f) =>
          importsOf(fs.readFileSync(path.join(ROOT, f), 'utf8'))
            .filter((i) => ALL.includes(i) && !DRIVERS[engine]!.includes(i))
            .map((i) => `${f} imports ${i}`),
        ),
    );
    expect(offenders).toEqual([]);
  });

  it('the import finder sees every form of import', () => {
    expect(
      importsOf(
        "import a from 'pg';\nimport type B from \"better-sqlite3\";\nconst c = await import('pg-cursor');\nexport { x } from 'kysely';",
      ).sort(),
    ).toEqual(['better-sqlite3', 'kysely', 'pg', 'pg-cursor']);
  });
});

describe('the statistics domain', () => {
  const domain = sources('server/domain');

  it('has files to check', () => {
    expect(domain).toContain('server/domain/wilson.ts');
  });

  it('imports only its own modules: no I/O, no database, no framework', () => {
    const offenders = domain.flatMap((f) =>
      importsOf(fs.readFileSync(path.join(ROOT, f), 'utf8'))
        .filter((i) => {
          if (!i.startsWith('.')) return true;
          const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(f), i));
          return !target.startsWith('server/domain/');
        })
        .map((i) => `${f} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the server, the web pages and the code both run', () => {
  /**
   * The relative imports of `file` that bring code along: `import type` is left out (the admin
   * app takes the server's answer types, erased at build time, so a renamed field breaks its build).
   */
  const valueImportsOf = (text: string) =>
    importsOf(text.replace(/(?:^|\n)\s*(?:import|export) type [^;]*?from\s*['"][^'"]+['"]/g, ''));
  const valueImports = (file: string) =>
    valueImportsOf(fs.readFileSync(path.join(ROOT, file), 'utf8')).filter((i) => i.startsWith('.'));
  const topFolder = (file: string, spec: string) =>
    path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).split(path.sep)[0]!;

  const offenders = (dir: string, forbidden: readonly string[]) =>
    sources(dir).flatMap((f) =>
      valueImports(f)
        .filter((i) => forbidden.includes(topFolder(f, i)))
        .map((i) => `${f} imports ${i}`),
    );

  it('has files to check', () => {
    expect(sources('common')).toContain('common/survey/types.ts');
  });

  it('the server imports nothing from web/, and the web pages no code from server/ or db/', () => {
    expect(offenders('server', ['web'])).toEqual([]);
    expect(offenders('web/src', ['server', 'db'])).toEqual([]);
  });

  it('common/ imports only itself and packages', () => {
    expect(offenders('common', ['server', 'web', 'db', 'test', 'bench', 'scripts'])).toEqual([]);
  });

  it('tells a type import from one that brings code', () => {
    const text = [
      "import type { Finding } from '../../server/reports/findings';",
      "import type {\n  A,\n  B,\n} from '../../server/a';",
      "import { type C, d } from '../../server/c';",
      "export type { E } from '../../server/e';",
      "import f from '../../server/f';",
      "const g = await import('../../server/g');",
    ].join('\n');
    expect(valueImportsOf(text)).toEqual(['../../server/c', '../../server/f', '../../server/g']);
  });
});
