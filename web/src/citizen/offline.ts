/**
 * Registers the service worker (sw.ts) that lets the page open with no network, and tells it
 * which files the page is made of. Plain http on a local network has no service workers: there
 * the page still keeps every answer (draft.ts, outbox.ts), it just cannot be reopened offline.
 */
import swUrl from './sw?worker&url';

function ownAssets(): string[] {
  const urls = Array.from(
    document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>(
      'script[src], link[rel="stylesheet"][href], link[rel="modulepreload"][href]',
    ),
    (el) => new URL(el instanceof HTMLScriptElement ? el.src : el.href, window.location.href),
  );
  return urls
    .filter((u) => u.origin === window.location.origin && u.pathname.startsWith('/assets/'))
    .map((u) => u.pathname);
}

async function register(): Promise<void> {
  await navigator.serviceWorker.register(swUrl, { scope: '/s/' });
  const registration = await navigator.serviceWorker.ready;
  registration.active?.postMessage({
    kind: 'precache',
    shell: window.location.pathname,
    assets: ownAssets(),
  });
}

export function keepPageForOffline(): void {
  // The dev server serves workers as ES modules from other paths: only the built page has one.
  if (import.meta.env.DEV || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const start = () => void register().catch(() => undefined);
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
