/**
 * Every response the integration tests receive from Ovoz is checked against docs/openapi.json:
 * the operation must exist (or the answer is a JSON error for a path or method there is none
 * of), the status must be one it lists, and a JSON body must match that status's schema. The app
 * helper (test/helpers/app.ts) checks each `app.request`; test/setup/openapi.ts wraps `fetch` to
 * a test server the same way. A mismatch throws where the test awaited the response, naming the
 * route, the status and what differs, so the description cannot drift from the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ROOT } from './server.js';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Route {
  template: string;
  pattern: RegExp;
  params: number;
  methods: Record<string, Operation>;
}

const SPEC_ID = 'https://ovoz.invalid/openapi.json';
/** Answers of the app itself to a path or method no route has. */
const UNROUTED = new Set([401, 403, 404, 405]);

let loaded: { routes: Route[]; ajv: Ajv2020 } | undefined;

function load() {
  if (loaded) return loaded;
  const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  const routes = Object.entries(spec.paths).map(([template, methods]) => {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) =>
        part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    return {
      template,
      pattern: new RegExp(`^${source}$`),
      params: (template.match(/\{/g) ?? []).length,
      methods,
    };
  });
  // A literal segment wins over a parameter: /surveys/check before /surveys/{slug}.
  routes.sort((a, b) => a.params - b.params);
  loaded = { routes, ajv };
  return loaded;
}

const validators = new Map<string, ValidateFunction>();

function validatorAt(pointer: string): ValidateFunction {
  let v = validators.get(pointer);
  if (!v) {
    v = load().ajv.getSchema(`${SPEC_ID}#${pointer}`);
    if (!v) throw new Error(`docs/openapi.json has no schema at ${pointer}`);
    validators.set(pointer, v);
  }
  return v;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Whether Ovoz answered this request (and not some other server a test talks to). */
export function isOvozPath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname === '/healthz';
}

/**
 * Throws unless `res` (to `method` `url`) is what docs/openapi.json says. Reads a copy of a JSON
 * body; the caller's response stays unread.
 */
export async function assertConforms(
  method: string,
  url: string,
  res: Response,
  /** fetch has undone the Content-Encoding already; app.request has not. */
  decoded = false,
): Promise<void> {
  const body = async () => {
    const raw = Buffer.from(await res.clone().arrayBuffer());
    const coding = decoded ? null : res.headers.get('content-encoding');
    const text =
      coding === 'br' ? brotliDecompressSync(raw) : coding === 'gzip' ? gunzipSync(raw) : raw;
    return JSON.parse(text.toString('utf8')) as unknown;
  };
  const pathname = new URL(url, 'http://localhost').pathname;
  if (!isOvozPath(pathname)) return;
  const type = res.headers.get('content-type') ?? '';
  const json = /^application\/json\b/i.test(type);
  const status = res.status;
  const where = `${method.toUpperCase()} ${pathname} → ${status}`;
  const { routes } = load();
  const route = routes.find((r) => r.pattern.test(pathname));
  const operation = route?.methods[method.toLowerCase()];
  if (!route || !operation) {
    // No route: only the app's own refusals, as JSON errors (the page's own files are not JSON).
    if (!json) return;
    if (!UNROUTED.has(status) && status < 500) {
      throw new Error(
        `${where}: docs/openapi.json has no operation for this request ` +
          '(give the route a doc({...}) beside its handler, then run `npm run openapi`)',
      );
    }
    check(`/components/schemas/Error`, await body(), where);
    return;
  }
  const response = operation.responses[String(status)];
  if (!response) {
    const listed = Object.keys(operation.responses).join(', ');
    throw new Error(
      `${where}: ${route.template} lists only the statuses ${listed} ` +
        '(add this one to its doc({...}) if it is meant, then run `npm run openapi`)',
    );
  }
  // A 304 keeps the headers of the 200 it stands for, with no body.
  if (!json || status === 204 || status === 304) return;
  if (!response.content?.['application/json']) {
    throw new Error(`${where}: answered JSON where docs/openapi.json lists no JSON body`);
  }
  const pointer = `/paths/${escape(route.template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  check(pointer, await body(), where);
}

function check(pointer: string, body: unknown, where: string) {
  const validate = validatorAt(pointer);
  if (validate(body)) return;
  const problems = (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `  ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
  throw new Error(
    `${where}: the body does not match docs/openapi.json\n${problems}\n` +
      `body: ${JSON.stringify(body).slice(0, 600)}`,
  );
}
