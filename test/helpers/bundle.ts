/**
 * The server (server/index.ts), the CLI (server/cli.ts) and a benchmark bundled into one ES module
 * each with esbuild, as `npm start` bundles the server (scripts/start.mjs): once per test file,
 * shared by the test files running at the same time (named by its content), so a start takes about a second instead of
 * the several that compiling module by module takes. Same source, same packages (left external,
 * loaded from node_modules).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Two levels below the root, so a bundled file that finds the root as ../.. of itself (ROOT,
// used by the benchmarks) still finds it.
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
 * The server's workers, next to the bundles as `check-worker.mjs` (questionnaire checks) and
 * `csv-worker.mjs` (CSV exports): a bundle looks for them beside itself (server/worker-start.ts).
 * Each written whole, then renamed into place.
 */
async function bundleWorkers(): Promise<void> {
  for (const entry of ['server/survey/check-worker.ts', 'server/exports/csv-worker.ts']) {
    const file = path.join(OUT_DIR, `${path.basename(entry, '.ts')}.mjs`);
    const result = await bundleOf(entry, file);
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, result.outputFiles[0]!.contents);
    fs.renameSync(partial, file);
  }
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
      await bundleWorkers();
      prune(file);
      return file;
    })();
    bundles.set(entry, out);
  }
  return out;
}
