/** Survey waves and their per-region quotas, for the admin API. Plain functions over Kysely. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface WaveInput {
  name: string;
  /** YYYY-MM-DD, inclusive (local calendar days). */
  startsOn: string;
  endsOn: string;
  /** Region code → how many responses the region may give during the wave. */
  quotas?: Record<string, number>;
}

export interface WaveView {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  quotas: Record<string, number>;
  /** Region code → responses counted against its quota so far. */
  used: Record<string, number>;
}

/** The survey's waves in the order they start, with their quotas. */
export async function listWaves(db: Kysely<Database>, surveyId: number, waveId?: number) {
  let q = db
    .selectFrom('survey_wave')
    .select(['id', 'name', 'starts_on', 'ends_on'])
    .where('survey_id', '=', surveyId);
  if (waveId !== undefined) q = q.where('id', '=', waveId);
  const waves = await q.orderBy('starts_on').orderBy('ends_on').orderBy('name').execute();
  const quotas = waves.length
    ? await db
        .selectFrom('wave_quota')
        .select(['wave_id', 'region', 'quota', 'used'])
        .where(
          'wave_id',
          'in',
          waves.map((w) => w.id),
        )
        .orderBy('region')
        .execute()
    : [];
  return waves.map((w): WaveView => {
    const mine = quotas.filter((q) => q.wave_id === w.id);
    return {
      id: w.id,
      name: w.name,
      startsOn: w.starts_on,
      endsOn: w.ends_on,
      quotas: Object.fromEntries(mine.map((q) => [q.region, q.quota])),
      used: Object.fromEntries(mine.map((q) => [q.region, q.used])),
    };
  });
}

async function replaceQuotas(
  trx: Kysely<Database>,
  waveId: number,
  quotas: Record<string, number>,
): Promise<void> {
  const regions = Object.keys(quotas);
  let del = trx.deleteFrom('wave_quota').where('wave_id', '=', waveId);
  if (regions.length) del = del.where('region', 'not in', regions);
  await del.execute();
  for (const [region, quota] of Object.entries(quotas)) {
    // A changed quota keeps the count of responses already given.
    await trx
      .insertInto('wave_quota')
      .values({ wave_id: waveId, region, quota })
      .onConflict((oc) => oc.columns(['wave_id', 'region']).doUpdateSet({ quota }))
      .execute();
  }
}

export async function createWave(
  db: Kysely<Database>,
  surveyId: number,
  input: WaveInput,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('survey_wave')
      .values({
        survey_id: surveyId,
        name: input.name,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceQuotas(trx, id, input.quotas ?? {});
    return id;
  });
}

/**
 * Changes a wave's name and days; `quotas`, when given, replaces its quotas (a region left out
 * loses its quota). False when the survey has no such wave.
 */
export async function updateWave(
  db: Kysely<Database>,
  surveyId: number,
  waveId: number,
  input: WaveInput,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('survey_wave')
      .set({ name: input.name, starts_on: input.startsOn, ends_on: input.endsOn })
      .where('id', '=', waveId)
      .where('survey_id', '=', surveyId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    if (input.quotas) await replaceQuotas(trx, waveId, input.quotas);
    return true;
  });
}
