/**
 * Change notices between the instances on one PostgreSQL database: `NOTIFY ovoz_changes` when a
 * survey or the registry changes, heard on one `LISTEN` connection per instance, so every
 * instance drops its cached surveys and registry (this one hears its own notice too: dropping a
 * cache twice costs nothing). If that connection breaks, notices may have been
 * missed while it was down: on reconnecting every listener is told that everything changed.
 */
import { pg } from './driver.js';
import type { ChangeFeed, ChangeTopic } from '../../storage.js';

const CHANNEL = 'ovoz_changes';
const TOPICS: readonly ChangeTopic[] = ['surveys', 'registry'];

export function pgChanges(
  config: pg.ClientConfig,
  notify: (topic: ChangeTopic) => Promise<void>,
): ChangeFeed & { close(): Promise<void> } {
  const listeners = new Set<(topic: ChangeTopic) => void>();
  const tell = (topic: ChangeTopic) => {
    for (const l of listeners) l(topic);
  };
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let wasConnected = false;

  const connect = async () => {
    if (closed || client) return;
    const c = new pg.Client(config);
    client = c;
    const lost = () => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(), 1000);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (msg) => {
      const topic = msg.payload as ChangeTopic;
      if (msg.channel === CHANNEL && TOPICS.includes(topic)) tell(topic);
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      if (wasConnected) for (const t of TOPICS) tell(t);
      wasConnected = true;
    } catch {
      lost();
    }
  };

  return {
    // This instance at once (its next request must see the change), the others by NOTIFY.
    publish: async (topic) => {
      tell(topic);
      await notify(topic);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!client && !retry) void connect();
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

export const CHANGES_CHANNEL = CHANNEL;
