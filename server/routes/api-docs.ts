/**
 * The API's own description: GET /api/openapi.json (OpenAPI 3.1, made from the routes by
 * server/http/openapi.ts) and a reference page at GET /api/docs (Swagger UI, served from the
 * swagger-ui-dist package on this server: no CDN, nothing fetched from elsewhere). No sign-in:
 * provider IT systems read it before they have a key; it holds no data, only the shapes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';
import { cachedText } from '../http/cached-json.js';
import { z } from 'zod';
import { apiSpec, doc } from '../http/openapi.js';
import { ADMIN_CSP } from './web.js';

const require = createRequire(import.meta.url);
const uiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** The page's files, read once when first asked for. */
const ASSETS: Record<string, { file?: string; text?: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'init.js': {
    text:
      "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api', deepLinking: true,\n" +
      '  withCredentials: true, validatorUrl: null, tryItOutEnabled: false });\n',
    type: 'text/javascript; charset=utf-8',
  },
};
const loaded = new Map<string, string>();

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ovoz API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const docs = {
  spec: doc({
    summary: 'This description (OpenAPI 3.1)',
    tags: ['Operations'],
    auth: 'none',
    ok: {
      200: z.object({ openapi: z.string(), info: z.object({}), paths: z.object({}) }),
      304: null,
    },
  }),
  page: doc({
    summary: 'The reference page of this description',
    tags: ['Operations'],
    auth: 'none',
    ok: { 200: 'text/html', 304: null },
  }),
};

/** `app` is the whole application: the document describes every route mounted on it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app, whatever its env
export function apiDocRoutes(app: Hono<any>): Hono {
  const routes = new Hono();
  let spec: Promise<string> | undefined;
  const headers = { 'Content-Security-Policy': ADMIN_CSP, 'Referrer-Policy': 'no-referrer' };

  routes.get('/openapi.json', docs.spec, async (c) => {
    spec ??= apiSpec(app).then((s) => JSON.stringify(s));
    return cachedText(c, await spec, 'application/json; charset=UTF-8');
  });

  routes.get('/docs', docs.page, (c) => cachedText(c, PAGE, 'text/html; charset=utf-8', headers));

  routes.get('/docs/:file', (c) => {
    const name = c.req.param('file');
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return c.notFound();
    let text = loaded.get(name);
    if (text === undefined) {
      text = asset.text ?? fs.readFileSync(path.join(uiDir, asset.file!), 'utf8');
      loaded.set(name, text);
    }
    return cachedText(c, text, asset.type, headers);
  });

  return routes;
}
