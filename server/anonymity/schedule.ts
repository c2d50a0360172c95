/**
 * Freezes closed months in the background: once at start and then every hour, so a month's
 * blocks are usually ready before the first report after it closes (a report still freezes what
 * is due itself). Failures are logged and tried again at the next round.
 */
import type { AppDeps } from '../deps.js';
import { freezeClosed } from './freeze.js';

const HOUR = 3_600_000;

export function scheduleFreezing(
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>,
  log: (line: string) => void,
): () => void {
  const run = () =>
    freezeClosed(deps).then(
      (r) => {
        if (r.frozen.length) log(`protected figures: ${r.frozen.length} closed months frozen`);
      },
      (error: unknown) => log(`protected figures: freezing failed: ${String(error)}`),
    );
  void run();
  const timer = setInterval(() => void run(), HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
