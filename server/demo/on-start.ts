/**
 * OVOZ_DEMO=1: on start, a database with no responses yet gets the default demo dataset (and says
 * so). A database that already holds responses is left alone, so restarting adds nothing.
 */
import type { Booted } from '../boot.js';
import { freezeClosed } from '../anonymity/freeze.js';
import { loadDemo } from './generate.js';

export async function demoOnStart(booted: Booted, log: (line: string) => void): Promise<void> {
  const { config, storage } = booted.deps;
  if (!config.demo) return;
  // Instances starting together on one database: one adds the demo data, the others then see it.
  await storage.exclusive('demo', () => addDemo(booted, log));
}

async function addDemo(booted: Booted, log: (line: string) => void): Promise<void> {
  const { config, db, storage } = booted.deps;
  const any = await db.selectFrom('response').select('id').limit(1).executeTakeFirst();
  if (any) {
    log('OVOZ_DEMO=1: the database already holds responses; no demo data added');
    return;
  }
  log(
    'OVOZ_DEMO=1: adding synthetic demo responses (server/demo/planted.ts lists the planted bottlenecks)',
  );
  let shown = 0;
  const summary = await loadDemo(
    { storage, utcOffsetMinutes: config.utcOffsetMinutes },
    {},
    (done, total) => {
      if (done >= shown + total / 4 || done === total) {
        shown = done;
        log(`demo: ${done}/${total} responses`);
      }
    },
  );
  log(
    `demo: ${summary.responses} responses from ${summary.from} to ${summary.to} (seed ${summary.seed})`,
  );
  // The closed months' protected blocks now, so the first report does not wait for them.
  const frozen = await freezeClosed(booted.deps);
  log(`demo: ${frozen.frozen.length} closed months frozen for protected figures`);
}
