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

export default defineConfig({
  root: fromRoot('./web'),
  base: '/',
  publicDir: false,
  plugins: [react(), devRoutes(), precompress()],
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
