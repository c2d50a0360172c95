/** Claiming a place in a wave's regional quota, inside the group-commit writer's transaction. */
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { named, param, prepareNamed } from '../../db/named-statement.js';
import type { Database } from '../../db/schema.js';

/**
 * A synchronous claimer for the writer's transaction (better-sqlite3 is synchronous). For a
 * response of `region` on local `day`, every wave of the survey that covers the day and has a
 * quota for the region must have room; then each such quota's `used` goes up by one. False, and
 * nothing changed, when one of them is full. Atomic because it runs inside the write transaction:
 * no other writer can come between the check and the UPDATE, whose `used < quota` guard holds
 * anyway.
 */
export function quotaClaimer(
  db: Kysely<Database>,
  sqlite: SqliteDatabase.Database,
): (surveyId: number, region: string, day: string) => boolean {
  const waves = db
    .selectFrom('survey_wave')
    .select('id')
    .where('survey_id', '=', param<number>('survey'))
    .where('starts_on', '<=', param('day'))
    .where('ends_on', '>=', param('day'));
  const applicable = db
    .selectFrom('wave_quota')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(eb.case().when('used', '>=', eb.ref('quota')).then(1).else(0).end())
        .as('full'),
    ])
    .where('region', '=', param('region'))
    .where('wave_id', 'in', waves)
    .compile();

  const claim = db
    .updateTable('wave_quota')
    .set((eb) => ({ used: eb('used', '+', 1) }))
    .where('region', '=', param('region'))
    .where('wave_id', 'in', waves)
    .whereRef('used', '<', 'quota')
    .compile();

  const applicableStmt = prepareNamed(sqlite, named(applicable));
  const claimStmt = prepareNamed(sqlite, named(claim));

  return (surveyId, region, day) => {
    const row = applicableStmt.get({ survey: surveyId, region, day }) as {
      n: number;
      full: number | null;
    };
    if (row.n === 0) return true;
    if ((row.full ?? 0) > 0) return false;
    const changes = claimStmt.run({ survey: surveyId, region, day }).changes;
    if (changes !== row.n) throw new Error('wave quota changed during its own transaction');
    return true;
  };
}
