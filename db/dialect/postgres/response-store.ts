/**
 * The response transaction on PostgreSQL. A batch of submissions is one transaction, committed
 * with `synchronous_commit = on` before any of them is acknowledged, and costs a few round trips
 * whatever its size: one look-up of the batch's ids, one multi-row insert of the new responses, a
 * few multi-row upserts of their rollup cells (rollup-writer.ts). Only jobs with a one-time token
 * or an applicable wave quota take statements of their own, under a savepoint when they have both
 * (a full quota does not use up the token, nor the reverse).
 *
 * Several instances may write at once. A token's `update … where used is null` and a quota row's
 * lock (`for update`) make each claim exactly once across them; two instances storing the same
 * response id at once (a retry sent to both) meet at the primary key: the later transaction is
 * rolled back and run again, and then finds the response stored (a replay). Deadlocks and
 * serialization failures are retried the same way.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { RollupBatch } from '../../rollups/batch.js';
import type { Database } from '../../schema.js';
import type {
  BulkResponse,
  CommitOutcome,
  IngestJob,
  Refusal,
  ResponseStore,
} from '../../storage.js';
import { createdRow, quotaReachedRow } from '../../outbox.js';
import { postgresErrorKind, postgresStorageError } from './errors.js';
import { pgRollupWriter, StaleCellIds } from './rollup-writer.js';

const ATTEMPTS = 4;

type Tx = Transaction<Database>;

function rollupsOf(jobs: readonly BulkResponse[]): RollupBatch {
  const batch = new RollupBatch();
  for (const j of jobs) batch.add(j.row.survey_id, j.row, j.stamp.day, j.facts);
  return batch;
}

/** The wave quotas of the batch's surveys: which (survey, region, day) a quota applies to. */
interface QuotaWindow {
  survey_id: number;
  region: string;
  starts_on: string;
  ends_on: string;
}

/**
 * The insert of a batch's responses, as a CTE for the rollup writer's statement; with `outbox`,
 * also the batch's one webhook outbox row (db/outbox.ts), in the same statement.
 */
function insertResponses(
  jobs: readonly BulkResponse[],
  outbox = false,
): RawBuilder<unknown> | undefined {
  if (!jobs.length) return undefined;
  const event = outbox ? createdRow(jobs, Date.now()) : null;
  const rows = jobs.map((j) => ({
    id: j.row.id,
    survey_id: j.row.survey_id,
    version_id: j.row.version_id,
    region: j.row.region,
    district: j.row.district,
    provider: j.row.provider,
    sector: j.row.sector,
    channel: j.row.channel,
    lang: j.row.lang,
    answers: j.row.answers,
    request_hash: j.row.request_hash,
    submitted_at: j.stamp.hour,
    day: j.stamp.day,
    service_days: j.row.service_days,
  }));
  return sql`inserted as (
    insert into response (${sql.raw(Object.keys(rows[0]!).join(', '))})
    select * from json_to_recordset(${JSON.stringify(rows)}::json) as r(
      id text, survey_id int, version_id int, region text, district text, provider text,
      sector text, channel text, lang text, answers text, request_hash text, submitted_at text,
      day text, service_days int))${
        event
          ? sql`,
  outboxed as (
    insert into webhook_outbox (event, payload, created_at)
    values (${event.event}, ${event.payload}, ${event.created_at}))`
          : sql``
      }`;
}

async function redeemToken(tx: Tx, hash: string, now: string): Promise<Refusal | null> {
  const updated = await tx
    .updateTable('service_token')
    .set({ used: 1, service_type: null, requested_at: null, delivered_at: null })
    .where('token_hash', '=', hash)
    .where('used', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return null;
  const row = await tx
    .selectFrom('service_token')
    .select('used')
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  return !row ? 'token-unknown' : row.used !== null ? 'token-used' : 'token-expired';
}

/** Every wave covering the day with a quota for the region must have room; each then counts one. */
async function claimQuota(
  tx: Tx,
  survey: number,
  region: string,
  day: string,
): Promise<Refusal | null> {
  const waves = tx
    .selectFrom('survey_wave')
    .select('id')
    .where('survey_id', '=', survey)
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day);
  const rows = await tx
    .selectFrom('wave_quota')
    .select(['wave_id', 'used', 'quota'])
    .where('region', '=', region)
    .where('wave_id', 'in', waves)
    .orderBy('wave_id')
    .forUpdate()
    .execute();
  if (rows.some((r) => r.used >= r.quota)) return 'quota-full';
  const filled = rows.filter((r) => r.used + 1 >= r.quota);
  if (filled.length) {
    await tx
      .insertInto('webhook_outbox')
      .values(
        filled.map((r) =>
          quotaReachedRow(
            { wave_id: r.wave_id, survey_id: survey, region, quota: r.quota },
            Date.now(),
          ),
        ),
      )
      .execute();
  }
  if (rows.length) {
    await tx
      .updateTable('wave_quota')
      .set((eb) => ({ used: eb('used', '+', 1) }))
      .where('region', '=', region)
      .where(
        'wave_id',
        'in',
        rows.map((r) => r.wave_id),
      )
      .execute();
  }
  return null;
}

type Stored = Map<string, { request_hash: string; submitted_at: string }>;

/** What a batch's transaction must know first: which ids are stored, which quotas apply. */
async function lookUp(
  q: Kysely<Database>,
  jobs: readonly IngestJob[],
): Promise<{ stored: Stored; quotaApplies: (j: IngestJob) => boolean }> {
  const ids = [...new Set(jobs.map((j) => j.row.id))];
  const quotaJobs = jobs.filter((j) => j.quota);
  const [rows, windows] = await Promise.all([
    q
      .selectFrom('response')
      .select(['id', 'request_hash', 'submitted_at'])
      .where('id', 'in', ids)
      .execute(),
    quotaJobs.length
      ? q
          .selectFrom('wave_quota as q')
          .innerJoin('survey_wave as w', 'w.id', 'q.wave_id')
          .select(['w.survey_id', 'q.region', 'w.starts_on', 'w.ends_on'])
          .where('w.survey_id', 'in', [...new Set(quotaJobs.map((j) => j.row.survey_id))])
          .execute()
      : Promise.resolve([] as QuotaWindow[]),
  ]);
  const stored: Stored = new Map(rows.map((r) => [r.id, r]));
  const quotaApplies = (j: IngestJob) =>
    j.quota !== undefined &&
    windows.some(
      (w) =>
        w.survey_id === j.row.survey_id &&
        w.region === j.quota!.region &&
        w.starts_on <= j.stamp.day &&
        w.ends_on >= j.stamp.day,
    );
  return { stored, quotaApplies };
}

/** A replay's or a conflict's outcome when the id is stored already, else null. */
function settled(stored: Stored, job: IngestJob): CommitOutcome | null {
  const existing = stored.get(job.row.id);
  if (!existing) return null;
  return existing.request_hash === job.row.request_hash
    ? { kind: 'replayed', receivedAt: existing.submitted_at }
    : { kind: 'conflict' };
}

export function pgResponseStore(db: Kysely<Database>): ResponseStore {
  const writeRollups = pgRollupWriter();

  /** Runs `work` again when another instance's transaction was in the way. */
  async function retried<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        if (e instanceof StaleCellIds && attempt < ATTEMPTS) continue;
        const kind = postgresErrorKind(e);
        if ((kind === 'unique' || kind === 'busy') && attempt < ATTEMPTS) continue;
        throw postgresStorageError(e);
      }
    }
  }

  /**
   * One attempt at a batch. The everyday batch — no one-time token, no wave quota — needs no
   * statement of its own per job: when every rollup cell is known it is stored by ONE statement in
   * its own implicit transaction (atomic, its row locks held for that statement only, never across
   * a round trip to a busy server); with new cells, by the same writer in a transaction. Tokens and
   * quotas are claimed job by job in a transaction (commitBatch).
   */
  async function commitOnce(jobs: readonly IngestJob[]): Promise<CommitOutcome[]> {
    const looked = await lookUp(db, jobs);
    if (jobs.some((j) => j.token || looked.quotaApplies(j))) {
      return db.transaction().execute((tx) => commitBatch(tx, jobs, looked));
    }
    const { stored } = looked;
    const created: IngestJob[] = [];
    const outcomes = jobs.map((job): CommitOutcome => {
      const done = settled(stored, job);
      if (done) return done;
      stored.set(job.row.id, { request_hash: job.row.request_hash, submitted_at: job.stamp.hour });
      created.push(job);
      return { kind: 'created', receivedAt: job.stamp.hour };
    });
    const batch = rollupsOf(created);
    const lead = insertResponses(created, true);
    if (writeRollups.knows(batch)) await writeRollups(db, batch, lead, true);
    else await db.transaction().execute((tx) => writeRollups(tx, batch, lead, true));
    return outcomes;
  }

  async function commitBatch(
    tx: Tx,
    jobs: readonly IngestJob[],
    { stored, quotaApplies }: Awaited<ReturnType<typeof lookUp>>,
  ): Promise<CommitOutcome[]> {
    const created: IngestJob[] = [];
    const outcomes: CommitOutcome[] = [];
    let savepoints = 0;
    for (const job of jobs) {
      const done = settled(stored, job);
      if (done) {
        outcomes.push(done);
        continue;
      }
      const withQuota = quotaApplies(job);
      if (job.token || withQuota) {
        const both = job.token !== undefined && withQuota;
        const savepoint = `job_${savepoints++}`;
        if (both) await sql`savepoint ${sql.id(savepoint)}`.execute(tx);
        let refusal = job.token ? await redeemToken(tx, job.token.hash, job.token.now) : null;
        if (!refusal && withQuota) {
          refusal = await claimQuota(tx, job.row.survey_id, job.quota!.region, job.stamp.day);
        }
        if (refusal) {
          if (both) await sql`rollback to savepoint ${sql.id(savepoint)}`.execute(tx);
          outcomes.push({ kind: 'refused', reason: refusal });
          continue;
        }
        if (both) await sql`release savepoint ${sql.id(savepoint)}`.execute(tx);
      }
      // A second job with the same id in this batch is settled against this one.
      stored.set(job.row.id, { request_hash: job.row.request_hash, submitted_at: job.stamp.hour });
      created.push(job);
      outcomes.push({ kind: 'created', receivedAt: job.stamp.hour });
    }
    await store(tx, created, true);
    return outcomes;
  }

  /**
   * The responses and their rollup counts, in one statement (two with new cells); `live`: a group
   * commit's, with their webhook outbox row and the driver × driver counts as parts.
   */
  async function store(tx: Tx, jobs: readonly BulkResponse[], live = false): Promise<void> {
    await writeRollups(tx, rollupsOf(jobs), insertResponses(jobs, live), live);
  }

  /** Folds the parts of the cells that have many, after the batch that made them many. */
  async function foldDue(): Promise<void> {
    try {
      await writeRollups.fold(db);
    } catch (e) {
      // Folding changes no count; another try comes with the next batch or the next idle moment.
      if (!postgresErrorKind(e)) throw postgresStorageError(e);
    }
  }

  return {
    commit: async (jobs) => {
      const outcomes = await retried(() => commitOnce(jobs));
      await foldDue();
      return outcomes;
    },
    tidy: (max) => retried(() => writeRollups.fold(db, max)),
    load: async (responses) => {
      if (!responses.length) return;
      await retried(() => db.transaction().execute((tx) => store(tx, responses)));
    },
  };
}

export { pgRollupWriter };
