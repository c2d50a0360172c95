/**
 * Rebuilds every rollup from the stored responses: deletes the rollup rows and adds each response
 * again exactly as ingest does (the version's role variables, extractFacts, RollupBatch, the
 * engine's rollup writer), in chunks of responses, all in one transaction — a reader sees the old
 * rollups or the new ones, never a mixture. Needed after a change of the cuboids
 * (db/rollups/cuboids.ts) or of what a response contributes. Submissions wait while it runs; for a
 * large database run it with the server stopped (`ovoz rollups rebuild`).
 */
import { FILTER_DIMS } from '../../common/reports/dimensions.js';
import { RollupBatch } from '../../db/rollups/batch.js';
import type { RollupTx, Storage } from '../../db/storage.js';
import { roleVariables } from '../../common/survey/materialize.js';
import type { SurveyJson } from '../../common/survey/types.js';
import { extractFacts, type RoleVariable } from './facts.js';

export interface RebuildResult {
  responses: number;
  cells: number;
}

export interface RebuildOptions {
  chunkSize?: number;
  onProgress?: (responses: number) => void;
}

export function rebuildRollups(
  storage: Pick<Storage, 'rebuildRollups'>,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  return storage.rebuildRollups((tx) => rebuildInside(tx, options));
}

/** The rebuild's work inside a rollup transaction the caller opened. */
export async function rebuildInside(
  tx: RollupTx,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const chunkSize = options.chunkSize ?? 2000;
  {
    await tx.clear();
    const roles = new Map<number, RoleVariable[]>();
    for (const v of await tx.db.selectFrom('survey_version').select(['id', 'json']).execute()) {
      roles.set(v.id, roleVariables(JSON.parse(v.json) as SurveyJson));
    }
    let responses = 0;
    let cursor = '';
    for (;;) {
      const rows = await tx.db
        .selectFrom('response')
        .select(['id', 'survey_id', 'version_id', ...FILTER_DIMS])
        .select(['answers', 'day', 'service_days'])
        .where('id', '>', cursor)
        .orderBy('id')
        .limit(chunkSize)
        .execute();
      if (rows.length === 0) break;
      const batch = new RollupBatch();
      for (const r of rows) {
        const facts = extractFacts(
          roles.get(r.version_id) ?? [],
          JSON.parse(r.answers),
          r.service_days,
        );
        batch.add(r.survey_id, r, r.day, facts);
      }
      await tx.add(batch);
      responses += rows.length;
      options.onProgress?.(responses);
      cursor = rows[rows.length - 1]!.id;
    }
    const { n } = await tx.db
      .selectFrom('rollup_cell')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { responses, cells: Number(n) };
  }
}
