/**
 * The citizen page's service worker (scope `/s/`): the survey page opens with no network, so a
 * citizen who answered offline and reloads, or reopens the link later, sees their saved answers
 * instead of the browser's "no internet" page.
 *
 * - The page (`/s/:slug`, with that survey's welcome screen): network first, so a new release is
 *   picked up at once; the last good copy of that survey's page when the network fails or stalls,
 *   else of another survey's (its script sees the difference and starts the survey asked for).
 * - `/assets/*` (hashed, immutable): from the cache, else the network.
 * - Everything else (the API, submissions) is not touched: the page itself keeps the survey and
 *   the answers (draft.ts, outbox.ts).
 *
 * The page tells the worker what it is made of (a `precache` message), because on a first visit
 * it has loaded before the worker existed; the worker takes those files from the HTTP cache.
 */

/* Minimal service-worker types: the WebWorker lib cannot be mixed with the DOM lib in one program. */
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEventLike {
  readonly data: unknown;
}
interface ServiceWorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEventLike) => void): void;
}

const sw = self as unknown as ServiceWorkerScope;
const CACHE = 'ovoz-citizen-2';
/** One copy of each survey's page, under its path (whatever the link's language and context). */
const pageKey = (path: string) => new URL(path, sw.location.origin).href;
const isPage = (path: string) => /^\/s\/[^/]+\/?$/.test(path);
/** On a network that connects but carries nothing, the saved page after this long. */
const NAVIGATION_TIMEOUT_MS = 6_000;

const isAsset = (path: string) => /^\/assets\/[\w.-]+$/.test(path);
const isHtml = (res: Response) =>
  res.ok && (res.headers.get('Content-Type') ?? '').startsWith('text/html');

sw.addEventListener('install', (e) => e.waitUntil(sw.skipWaiting()));

sw.addEventListener('activate', (e) =>
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await sw.clients.claim();
    })(),
  ),
);

async function precache(shell: string, assets: string[]): Promise<void> {
  const cache = await caches.open(CACHE);
  if (!(await cache.match(pageKey(shell)))) {
    const res = await fetch(shell, { credentials: 'omit' }).catch(() => null);
    if (res && isHtml(res)) await cache.put(pageKey(shell), res);
  }
  for (const path of assets) {
    if (await cache.match(path)) continue;
    const res = await fetch(path).catch(() => null);
    if (res?.ok) await cache.put(path, res);
  }
  // Assets of earlier releases are never asked for again.
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (isAsset(path) && !assets.includes(path)) await cache.delete(req);
  }
}

sw.addEventListener('message', (e) => {
  const msg = e.data as { kind?: unknown; shell?: unknown; assets?: unknown } | null;
  if (msg?.kind !== 'precache' || typeof msg.shell !== 'string' || !Array.isArray(msg.assets)) {
    return;
  }
  const shell = new URL(msg.shell, sw.location.origin);
  if (shell.origin !== sw.location.origin || !isPage(shell.pathname)) return;
  const assets = msg.assets.filter((a): a is string => typeof a === 'string' && isAsset(a));
  e.waitUntil(precache(shell.pathname, assets));
});

/** The saved page of this survey, else the most recently saved of another. */
async function savedPage(cache: Cache, path: string): Promise<Response | undefined> {
  const own = await cache.match(pageKey(path));
  if (own) return own;
  const pages = (await cache.keys()).filter((req) => isPage(new URL(req.url).pathname));
  const last = pages[pages.length - 1];
  return last ? cache.match(last) : undefined;
}

async function page(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const path = new URL(request.url).pathname;
  const network = fetch(request).then(async (res) => {
    if (isHtml(res)) await cache.put(pageKey(path), res.clone());
    return res;
  });
  const saved = await savedPage(cache, path);
  if (!saved) return network;
  const stalled = new Promise<Response>((resolve) =>
    setTimeout(() => resolve(saved), NAVIGATION_TIMEOUT_MS),
  );
  return Promise.race([network.catch(() => saved), stalled]);
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request);
  if (saved) return saved;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

sw.addEventListener('fetch', (e) => {
  const { request } = e;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.mode === 'navigate' && isPage(url.pathname)) {
    e.respondWith(page(request));
  } else if (isAsset(url.pathname)) {
    e.respondWith(asset(request));
  }
});

export {};
