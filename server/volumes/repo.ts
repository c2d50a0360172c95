/**
 * Storing and listing service volumes and eligible populations. A save is one transaction with its
 * audit entry: every row is stored, or none. A row with no value removes what was recorded for its
 * key.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { audit, type Actor } from '../repos/audit.js';
import type { PopulationRow, VolumeRow } from './rows.js';

export interface SaveSummary {
  stored: number;
  removed: number;
}

const CHUNK = 500;
/** The audit entry lists the changed rows up to this many; beyond, only the counts. */
const AUDIT_ROWS = 200;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export async function saveVolumes(
  db: Kysely<Database>,
  rows: readonly VolumeRow[],
  actor: Actor,
  source: 'json' | 'csv',
): Promise<SaveSummary> {
  const keep = rows.filter((r) => r.served !== null || r.offered !== null);
  const drop = rows.filter((r) => r.served === null && r.offered === null);
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(keep)) {
      await trx
        .insertInto('service_volume')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['provider', 'month']).doUpdateSet((eb) => ({
            served: eb.ref('excluded.served'),
            offered: eb.ref('excluded.offered'),
          })),
        )
        .execute();
    }
    for (const r of drop) {
      await trx
        .deleteFrom('service_volume')
        .where('provider', '=', r.provider)
        .where('month', '=', r.month)
        .execute();
    }
    await audit(trx, actor, 'volumes.save', null, {
      source,
      stored: keep.length,
      removed: drop.length,
      rows: rows.slice(0, AUDIT_ROWS).map((r) => [r.provider, r.month, r.served, r.offered]),
      ...(rows.length > AUDIT_ROWS ? { truncated: true } : {}),
    });
  });
  return { stored: keep.length, removed: drop.length };
}

export async function savePopulations(
  db: Kysely<Database>,
  rows: readonly PopulationRow[],
  actor: Actor,
  source: 'json' | 'csv',
): Promise<SaveSummary> {
  const keep = rows.flatMap((r) => (r.eligible === null ? [] : [{ ...r, eligible: r.eligible }]));
  const drop = rows.filter((r) => r.eligible === null);
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(keep)) {
      await trx
        .insertInto('eligible_population')
        .values(part)
        .onConflict((oc) =>
          oc
            .columns(['area', 'year'])
            .doUpdateSet((eb) => ({ eligible: eb.ref('excluded.eligible') })),
        )
        .execute();
    }
    for (const r of drop) {
      await trx
        .deleteFrom('eligible_population')
        .where('area', '=', r.area)
        .where('year', '=', r.year)
        .execute();
    }
    await audit(trx, actor, 'populations.save', null, {
      source,
      stored: keep.length,
      removed: drop.length,
      rows: rows.slice(0, AUDIT_ROWS).map((r) => [r.area, r.year, r.eligible]),
      ...(rows.length > AUDIT_ROWS ? { truncated: true } : {}),
    });
  });
  return { stored: keep.length, removed: drop.length };
}

export interface VolumeFilter {
  provider?: string;
  region?: string;
  from?: string;
  to?: string;
}

export function listVolumes(db: Kysely<Database>, f: VolumeFilter) {
  return db
    .selectFrom('service_volume as v')
    .innerJoin('provider as p', 'p.code', 'v.provider')
    .select(['v.provider', 'p.region_code as region', 'p.district_code as district', 'p.sector'])
    .select(['v.month', 'v.served', 'v.offered'])
    .$if(f.provider !== undefined, (q) => q.where('v.provider', '=', f.provider!))
    .$if(f.region !== undefined, (q) => q.where('p.region_code', '=', f.region!))
    .$if(f.from !== undefined, (q) => q.where('v.month', '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('v.month', '<=', f.to!))
    .orderBy('v.month')
    .orderBy('v.provider')
    .execute();
}

export function listPopulations(db: Kysely<Database>, f: { area?: string; year?: number }) {
  return db
    .selectFrom('eligible_population')
    .select(['area', 'year', 'eligible'])
    .$if(f.area !== undefined, (q) => q.where('area', '=', f.area!))
    .$if(f.year !== undefined, (q) => q.where('year', '=', f.year!))
    .orderBy('year')
    .orderBy('area')
    .execute();
}
