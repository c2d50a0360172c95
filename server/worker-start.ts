/**
 * Starting one of the server's worker threads (`check-worker`, `csv-worker`). The worker runs the
 * same code as the server: in the bundle (`npm start`) the `<name>.mjs` written next to the bundle
 * (scripts/start.mjs), under tsx (tests, `npm run ovoz`) the TypeScript file `<name>.ts` next to
 * the module that starts it, with tsx's loader registered inside the worker first (a worker does
 * not inherit it).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `here`: the starting module's import.meta.url (in the bundle, the bundle's own). */
export function startWorker(
  here: string,
  name: string,
  options: Pick<WorkerOptions, 'workerData'> = {},
): Worker {
  const bundled = new URL(`./${name}.mjs`, here);
  if (!here.endsWith('.ts') && fs.existsSync(fileURLToPath(bundled))) {
    return new Worker(bundled, options);
  }
  const source = new URL(`./${name}.ts`, here).href;
  // The ES module entry of tsx's API (import.meta.resolve is missing under vitest's transform).
  const tsx =
    typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(code, { ...options, eval: true });
}
