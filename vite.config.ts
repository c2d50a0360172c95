/**
 * The web build: `web/` → `dist/web/`, one HTML entry per app (the citizen survey page now, the
 * admin app at /admin), hashed assets under `assets/`, each also pre-compressed (.br, .gz). The
 * citizen entry never imports admin code, so its chunks stay as small as before the admin app.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './web/build/precompress.js';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * In `vite` dev mode, serve the citizen page at /s/:slug and the admin app at /admin/* as the
 * Node server does.
 */
function devRoutes(): Plugin {
  return {
    name: 'ovoz:dev-routes',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/s\/[^/?]+(\?|$)/.test(req.url)) {
          const query = req.url.indexOf('?');
          req.url = '/citizen.html' + (query >= 0 ? req.url.slice(query) : '');
        } else if (req.url && /^\/admin(\/[^?]*)?(\?|$)/.test(req.url)) {
          const query = req.url.indexOf('?');
          req.url = '/admin.html' + (query >= 0 ? req.url.slice(query) : '');
        }
        next();
      });
    },
  };
}

/**
 * The citizen page's boot script loads the survey (survey-app.tsx: React, survey-core) with a
 * dynamic import. Its files are named in a `<meta name="ovoz:lazy-assets">` of the built page, so
 * the boot script can start downloading them once the welcome screen has painted, and the service
 * worker can keep them for offline use. Not `<link rel="modulepreload">` in the HTML: that would
 * compete with the welcome screen's own few kilobytes on a slow network.
 */
function lazyAssetsMeta(): Plugin {
  return {
    name: 'ovoz:lazy-assets',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const { bundle, chunk } = ctx;
        if (!bundle || !chunk || !ctx.path.endsWith('/citizen.html')) return;
        const eager = new Set<string>([chunk.fileName, ...chunk.imports]);
        const files = new Set<string>();
        const visit = (name: string) => {
          const c = bundle[name];
          if (!c || c.type !== 'chunk' || files.has(name) || eager.has(name)) return;
          files.add(name);
          for (const css of c.viteMetadata?.importedCss ?? []) files.add(css);
          c.imports.forEach(visit);
        };
        chunk.dynamicImports.forEach(visit);
        return [
          {
            tag: 'meta',
            attrs: { name: 'ovoz:lazy-assets', content: [...files].map((f) => `/${f}`).join(' ') },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  root: fromRoot('./web'),
  base: '/',
  publicDir: false,
  plugins: [react(), devRoutes(), lazyAssetsMeta(), precompress()],
  server: {
    // `npm run dev` serves the API on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The survey page must work even if the admin app does not exist yet: one input per page.
    rolldownOptions: {
      input: {
        citizen: fromRoot('./web/citizen.html'),
        admin: fromRoot('./web/admin.html'),
      },
      // Brotli at max quality over 1.8 MB takes ~3 s: expected, not worth a warning.
      checks: { bundlerTimings: false },
    },
    // survey-core alone is ~1.4 MB minified; that is expected, do not warn about it.
    chunkSizeWarningLimit: 2000,
  },
});
