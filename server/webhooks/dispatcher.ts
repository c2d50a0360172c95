/**
 * The webhook dispatcher of a running server: every OVOZ_WEBHOOK_POLL_MS it looks for what to
 * tell (notices.ts: waves closed, groups newly below overall), fans the outbox out to deliveries
 * (events.ts) and sends what is due (deliver.ts), until nothing is left for this round. Everything
 * it works from is in the database, so after a crash or a restart it continues where it was.
 */
import type { AppDeps } from '../deps.js';
import { deliverDue } from './deliver.js';
import { fanOut } from './events.js';
import { findNotices } from './notices.js';

/** Notices are looked for at most this often (they read reports). */
const NOTICE_EVERY_MS = 10 * 60_000;

export function startWebhookDispatcher(
  deps: Pick<AppDeps, 'db' | 'storage' | 'catalog' | 'registry' | 'config' | 'now' | 'secret'>,
  log: (line: string) => void,
): () => Promise<void> {
  const now = deps.now ?? Date.now;
  const { webhooks } = deps.config;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastNotices = -Infinity;
  let running: Promise<void> = Promise.resolve();

  const round = async () => {
    if (now() - lastNotices >= NOTICE_EVERY_MS) {
      lastNotices = now();
      try {
        await findNotices(deps, now());
      } catch (e) {
        log(`webhooks: looking for events failed: ${String(e)}`);
      }
    }
    while (!stopped && (await fanOut(deps.db, now(), deps.secret)) > 0);
    const options = { allowPrivate: webhooks.allowPrivate, retryBaseMs: webhooks.retryBaseMs, now };
    while (!stopped && (await deliverDue(deps.db, options)) > 0);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round()
        .catch((e: unknown) => log(`webhooks: ${String(e)}`))
        .finally(schedule);
    }, webhooks.pollMs);
    timer.unref();
  };
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
