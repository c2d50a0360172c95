/** A survey's waves (named ranges of days), in the order they start. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Wave } from './rollup-reader.js';

export async function loadWaves(db: Kysely<Database>, surveyId: number): Promise<Wave[]> {
  const rows = await db
    .selectFrom('survey_wave')
    .select(['name', 'starts_on', 'ends_on'])
    .where('survey_id', '=', surveyId)
    .orderBy('starts_on')
    .orderBy('ends_on')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, startsOn: r.starts_on, endsOn: r.ends_on }));
}
