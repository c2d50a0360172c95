/**
 * Registers the service worker (sw.ts) that lets the page open with no network, and tells it
 * which files the page is made of (the survey's own, loaded later, included). Plain http on a
 * local network has no service workers: there the page still keeps every answer (draft.ts,
 * outbox.ts), it just cannot be reopened offline.
 */
import swUrl from './sw?worker&url';

/** The survey's own files (survey-app.tsx and its styles), named by the build (vite.config.ts). */
export function lazyAssets(): string[] {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="ovoz:lazy-assets"]');
  return (meta?.content ?? '').split(/\s+/).filter((href) => href.startsWith('/assets/'));
}

function ownAssets(): string[] {
  const urls = Array.from(
    document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>(
      'script[src], link[rel="stylesheet"][href], link[rel="modulepreload"][href]',
    ),
    (el) => new URL(el instanceof HTMLScriptElement ? el.src : el.href, window.location.href),
  );
  const own = urls
    .filter((u) => u.origin === window.location.origin && u.pathname.startsWith('/assets/'))
    .map((u) => u.pathname);
  return [...new Set([...own, ...lazyAssets()])];
}

async function register(assetsLoaded: Promise<unknown>): Promise<void> {
  await navigator.serviceWorker.register(swUrl, { scope: '/s/' });
  const registration = await navigator.serviceWorker.ready;
  // From the HTTP cache once the page has them, rather than a second download beside the first.
  await assetsLoaded;
  registration.active?.postMessage({
    kind: 'precache',
    shell: window.location.pathname,
    assets: ownAssets(),
  });
}

/** `assetsLoaded`: settles once the survey's own files have been downloaded (or failed to). */
export function keepPageForOffline(assetsLoaded: Promise<unknown>): void {
  // The dev server serves workers as ES modules from other paths: only the built page has one.
  if (import.meta.env.DEV || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const start = () => void register(assetsLoaded).catch(() => undefined);
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
