/**
 * A Vite build plugin: after the bundle is written, every .js/.css/.html/.svg file under the
 * output directory also gets a brotli (`.br`, max quality) and a gzip (`.gz`, level 9) copy next
 * to it, so the server can send pre-compressed bytes with no work per request.
 * Node's zlib only: no extra packages.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** File name endings that are compressed. */
export const PRECOMPRESSED = ['.js', '.css', '.html', '.svg'] as const;

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Writes `file.br` and `file.gz` next to `file`; returns the three sizes. */
export async function compressFile(file: string): Promise<{ raw: number; br: number; gz: number }> {
  const data = await readFile(file);
  const [b, g] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${file}.br`, b), writeFile(`${file}.gz`, g)]);
  return { raw: data.length, br: b.length, gz: g.length };
}

/** Compresses every matching file under `dir` (recursively). */
export async function precompressDir(
  dir: string,
): Promise<Array<{ file: string; raw: number; br: number; gz: number }>> {
  const jobs: Array<Promise<{ file: string; raw: number; br: number; gz: number }>> = [];
  for await (const file of walk(dir)) {
    if (PRECOMPRESSED.some((ext) => file.endsWith(ext))) {
      jobs.push(compressFile(file).then((sizes) => ({ file, ...sizes })));
    }
  }
  return Promise.all(jobs);
}

export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'ovoz:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle(options) {
      const outDir = resolve(config.root, options.dir ?? config.build.outDir);
      const results = await precompressDir(outDir);
      const kib = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      for (const r of results.sort((a, b) => b.raw - a.raw)) {
        if (r.raw < 1024) continue;
        config.logger.info(
          `precompress ${r.file.slice(outDir.length + 1)}: ${kib(r.raw)} → br ${kib(r.br)}, gz ${kib(r.gz)}`,
        );
      }
    },
  };
}
