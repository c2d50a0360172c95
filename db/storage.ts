/**
 * The storage seam: what Ovoz asks of a database engine. Everything above it (routes, ingest,
 * reports, exports, the CLI) sees this interface and the Kysely instance, never a driver. Each
 * engine implements it in its own folder, as Kysely's own `src/dialect/<engine>/` does:
 * `db/dialect/sqlite/` (better-sqlite3, the embedded default) and `db/dialect/postgres/` (`pg`,
 * for several instances and national scale). Queries that Kysely can express are written once
 * above the seam; what must differ per engine lives below it: the response transaction (group
 * commit), upserts of rollup cells, bulk loading, streaming exports, backups, locks, change
 * notices between instances and the mapping of the engine's errors.
 */
import type { CompiledQuery, Kysely, RawBuilder } from 'kysely';
import type { RollupBatch } from './rollups/batch.js';
import type { Dims, ResponseFacts } from './rollups/batch.js';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/** A stored response's row, as the ingest path makes it. */
export interface ResponseRow extends Dims {
  id: string;
  survey_id: number;
  version_id: number;
  lang: string;
  answers: string;
  request_hash: string;
  service_days: number | null;
}

/** When a response was received: the UTC hour (ISO 8601) and the local day (YYYY-MM-DD). */
export interface Received {
  hour: string;
  day: string;
}

/**
 * One response to store, as data: what the transaction must check besides the insert is named
 * here (a one-time token to redeem, a wave quota to claim), never passed as code, so every engine
 * carries it out the same way.
 */
export interface IngestJob {
  row: ResponseRow;
  facts: ResponseFacts;
  stamp: Received;
  /** A one-time link to redeem in the response's transaction; `now` is UTC ISO 8601. */
  token?: { hash: string; now: string };
  /** The response's region: every wave covering its day with a quota there must have room. */
  quota?: { region: string };
}

/** A response loaded in bulk (demo data, benchmarks, copies): assumed new, no checks. */
export type BulkResponse = Omit<IngestJob, 'token' | 'quota'>;

export type Refusal = 'token-used' | 'token-expired' | 'token-unknown' | 'quota-full';

/** What the transaction did with one job. */
export type CommitOutcome =
  | { kind: 'created'; receivedAt: string }
  /** The same id was stored before with the same request: a retry. */
  | { kind: 'replayed'; receivedAt: string }
  /** The same id was stored before with another request. */
  | { kind: 'conflict' }
  /** Its token or quota refused it; nothing of it was stored, its token and quota unchanged. */
  | { kind: 'refused'; reason: Refusal };

export interface ResponseStore {
  /**
   * Stores a batch of submissions in ONE transaction, committed durably before this resolves:
   * for each job, in order, a response already stored under its id is a replay or a conflict;
   * otherwise its token and quota are checked (a refusal undoes both), its row is inserted and
   * what it adds is counted into the rollups. Rejects (and stores nothing) when the transaction
   * fails; a `StorageUnavailable` says the engine cannot write now.
   */
  commit(jobs: readonly IngestJob[]): Promise<CommitOutcome[]>;
  /** Stores new responses and their rollups in one transaction (ids assumed new). */
  load(responses: readonly BulkResponse[]): Promise<void>;
  /**
   * Folds what group commits left beside the rollup rows (driver × driver parts,
   * db/rollups/layout.ts) into them, for up to `max` cells, in one transaction; resolves to how
   * many cells it folded (0: nothing left). Changes no count, only how it is stored.
   */
  tidy(max: number): Promise<number>;
}

/** What a write transaction of the rollup rebuild may do. */
export interface RollupTx {
  /** The transaction's own Kysely (reads see its writes). */
  db: Kysely<Database>;
  /** Deletes every rollup row. */
  clear(): Promise<void>;
  /** Adds a batch's counts to the rollups. */
  add(batch: RollupBatch): Promise<void>;
}

/** Rows of an export, read from one consistent snapshot, in chunks. */
export interface RowSource {
  /** Up to `max` rows (arrays in the query's column order); an empty array once all were read. */
  next(max: number): Promise<unknown[][]>;
  close(): Promise<void>;
}

export interface BackupResult {
  /** Responses in the copy. */
  responses: number;
  bytes: number;
}

/** What changed, told to every instance on the same database (their caches drop it). */
export type ChangeTopic = 'surveys' | 'registry';

export interface ChangeFeed {
  publish(topic: ChangeTopic): Promise<void>;
  /** `listener` runs on every instance (this one too) after `publish`; returns an unsubscribe. */
  subscribe(listener: (topic: ChangeTopic) => void): () => void;
}

/** Counts hits per key and window for rate limits, shared by the instances on one database. */
export interface HitCounter {
  /** Adds one hit of `key` in the window starting `windowStart` (ms); resolves to the count. */
  hit(key: string, windowStart: number): Promise<number>;
}

export interface Storage {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  /** Where the data is, for messages: a file, or host/database (never a password). */
  readonly location: string;
  /** Brings the schema up to date; instances starting at once run each migration once. */
  migrate(): Promise<void>;
  readonly responses: ResponseStore;
  /** Rebuilds the rollups in one write transaction (a reader sees old or new, never a mix). */
  rebuildRollups<T>(work: (tx: RollupTx) => Promise<T>): Promise<T>;
  /** Runs `work` on one consistent, read-only view of the whole database. */
  snapshot<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Streams the rows of `query` from one snapshot, without holding up other requests. */
  exportRows(query: CompiledQuery): Promise<RowSource>;
  /**
   * A select expression: these columns of a row as one JSON array text (strings, numbers and
   * nulls, in order). An export reads its many short columns so, as one value made by the
   * database instead of one value per column made by the driver, and parses them off the event
   * loop.
   */
  jsonArrayText(columns: readonly string[]): RawBuilder<string>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  /**
   * A token of the committed data: equal tokens read at two moments mean nothing was committed in
   * between (by any connection or process), so what was read at the first is still what the
   * database holds. It may change without a change to the data (never the other way round).
   * Caches of what reports read are kept under it.
   */
  dataVersion(): Promise<string>;
  /** A consistent, checked copy of the whole database in `target` (a new file). */
  backup(target: string): Promise<BackupResult>;
  /** Runs `work` while holding a lock named `name` across every instance on this database. */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  readonly changes: ChangeFeed;
  readonly hits: HitCounter;
  /** After rows were copied in with their ids: identity counters continue after the largest. */
  resetIdentities(tables: readonly string[]): Promise<void>;
  /**
   * After rows were loaded in bulk (a copy): gathers the query planner's statistics, which a
   * freshly filled database lacks until the engine's background work gets to it, so the first
   * reports are planned with what the tables hold.
   */
  analyze(): Promise<void>;
  close(): Promise<void>;
}
