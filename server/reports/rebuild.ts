/**
 * Rebuilds every rollup from the stored responses: deletes the rollup tables and adds each
 * response again exactly as ingest does (the version's role variables, extractFacts, RollupBatch,
 * the ingest upserts), in chunks of responses, all in one transaction — a reader sees the old
 * rollups or the new ones, never a mixture. Needed after a change of the cuboids
 * (server/ingest/cuboids.ts) or of what a response contributes.
 *
 * Synchronous on the SQLite connection, like the group-commit writer: nothing else runs on the
 * connection meanwhile, and other processes' submissions wait (busy timeout) or get 503 while it
 * runs; for a large database run it with the server stopped (`ovoz rollups rebuild`).
 */
import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import { named, param, prepareNamed } from '../../db/named-statement.js';
import type { Database } from '../../db/schema.js';
import { extractFacts, type RoleVariable } from '../ingest/facts.js';
import { RollupBatch } from '../ingest/rollup-batch.js';
import { rollupWriter } from '../ingest/rollup-writer.js';
import { compileIngestStatements } from '../ingest/statements.js';
import { roleVariables } from '../survey/materialize.js';
import type { SurveyJson } from '../survey/types.js';

export interface RebuildResult {
  responses: number;
  cells: number;
}

interface ResponseRow {
  id: string;
  survey_id: number;
  version_id: number;
  region: string | null;
  district: string | null;
  provider: string | null;
  sector: string | null;
  channel: string | null;
  answers: string;
  submitted_at: string;
  day: string;
  service_days: number | null;
}

export function rebuildRollups(
  handle: { db: Kysely<Database>; sqlite: SqliteDatabase.Database },
  options: { chunkSize?: number } = {},
): RebuildResult {
  const { db, sqlite } = handle;
  const chunkSize = options.chunkSize ?? 2000;
  const run = (q: CompiledQuery) => sqlite.prepare(q.sql).run(...q.parameters);
  const ingest = compileIngestStatements(db);
  const write = rollupWriter(sqlite, ingest);
  const page = named(
    db
      .selectFrom('response')
      .select([
        'id',
        'survey_id',
        'version_id',
        'region',
        'district',
        'provider',
        'sector',
        'channel',
      ])
      .select(['answers', 'submitted_at', 'day', 'service_days'])
      .where('id', '>', param('cursor'))
      .orderBy('id')
      .limit(chunkSize)
      .compile(),
  );
  const pageStmt = prepareNamed(sqlite, page);
  const versions = db.selectFrom('survey_version').select(['id', 'json']).compile();

  return sqlite
    .transaction((): RebuildResult => {
      run(db.deleteFrom('rollup_driver').compile());
      run(db.deleteFrom('rollup_histogram').compile());
      run(db.deleteFrom('rollup_answer').compile());
      run(db.deleteFrom('rollup_cell').compile());
      const roles = new Map<number, RoleVariable[]>();
      for (const v of sqlite.prepare(versions.sql).all(...versions.parameters) as {
        id: number;
        json: string;
      }[]) {
        roles.set(v.id, roleVariables(JSON.parse(v.json) as SurveyJson));
      }
      let responses = 0;
      let cursor = '';
      for (;;) {
        const rows = pageStmt.all({ cursor }) as ResponseRow[];
        if (rows.length === 0) break;
        const batch = new RollupBatch();
        for (const r of rows) {
          const facts = extractFacts(
            roles.get(r.version_id) ?? [],
            JSON.parse(r.answers),
            r.service_days,
          );
          batch.add(
            r.survey_id,
            {
              region: r.region,
              district: r.district,
              provider: r.provider,
              sector: r.sector,
              channel: r.channel,
            },
            r.day,
            facts,
          );
        }
        write(batch);
        responses += rows.length;
        cursor = rows[rows.length - 1]!.id;
      }
      const cells = db
        .selectFrom('rollup_cell')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .compile();
      const { n } = sqlite.prepare(cells.sql).get(...cells.parameters) as { n: number };
      return { responses, cells: Number(n) };
    })
    .immediate();
}
