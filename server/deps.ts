import type { Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from '../db/schema.js';
import type { Config } from './config.js';
import type { GroupCommitWriter } from './ingest/writer.js';
import type { SurveyCatalog } from './survey/catalog.js';

/** What the app's routes are given: built once at start (server/boot.ts). */
export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  sqlite: SqliteDatabase.Database;
  catalog: SurveyCatalog;
  writer: GroupCommitWriter;
  secret: string;
  /** The clock (ms since the epoch) for sessions and sign-in throttling; Date.now when unset. Tests inject one. */
  now?: () => number;
}
