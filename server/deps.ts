import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Storage } from '../db/storage.js';
import type { Config } from './config.js';
import type { GroupCommitWriter } from './ingest/writer.js';
import type { CurrentRegistry } from './registry/current.js';
import type { SurveyCatalog } from './survey/catalog.js';

/** What the app's routes are given: built once at start (server/boot.ts). */
export interface AppDeps {
  config: Config;
  /** The storage seam: the engine's response store, exports, locks, change notices. */
  storage: Storage;
  /** `storage.db`: every query Kysely can express goes through it, on either engine. */
  db: Kysely<Database>;
  /** The registry as it stands (regions, districts, providers), kept until it changes. */
  registry: CurrentRegistry;
  catalog: SurveyCatalog;
  writer: GroupCommitWriter;
  secret: string;
  /** The clock (ms since the epoch) for sessions and sign-in throttling; Date.now when unset. Tests inject one. */
  now?: () => number;
}
