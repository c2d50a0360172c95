/** Writing the registry: districts and providers, created or updated. Plain functions over Kysely. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DistrictInput, ProviderInput } from '../registry/input.js';
import type { Names } from './registry.js';

export type Upserted = 'created' | 'updated';

function nameColumns(n: Names) {
  return { name_uz: n.uz, name_uz_cyrl: n['uz-Cyrl'], name_ru: n.ru, name_en: n.en };
}

/** A district moved to another region takes its providers with it. */
export async function upsertDistrict(db: Kysely<Database>, d: DistrictInput): Promise<Upserted> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('district')
      .select('region_code')
      .where('code', '=', d.code)
      .executeTakeFirst();
    const row = { region_code: d.region, ...nameColumns(d.names) };
    if (!existing) {
      await trx
        .insertInto('district')
        .values({ code: d.code, ...row })
        .execute();
      return 'created';
    }
    await trx.updateTable('district').set(row).where('code', '=', d.code).execute();
    if (existing.region_code !== d.region) {
      await trx
        .updateTable('provider')
        .set({ region_code: d.region })
        .where('district_code', '=', d.code)
        .execute();
    }
    return 'updated';
  });
}

function providerColumns(p: ProviderInput) {
  return {
    district_code: p.district,
    region_code: p.region,
    sector: p.sector,
    ...nameColumns(p.names),
  };
}

async function writeProvider(db: Kysely<Database>, p: ProviderInput): Promise<void> {
  const row = providerColumns(p);
  await db
    .insertInto('provider')
    .values({ code: p.code, ...row })
    .onConflict((oc) => oc.column('code').doUpdateSet(row))
    .execute();
}

export async function upsertProvider(db: Kysely<Database>, p: ProviderInput): Promise<Upserted> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('provider')
      .select('code')
      .where('code', '=', p.code)
      .executeTakeFirst();
    await writeProvider(trx, p);
    return existing ? 'updated' : 'created';
  });
}

/** All or nothing. */
export async function importProviders(
  db: Kysely<Database>,
  providers: ProviderInput[],
): Promise<{ created: number; updated: number }> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('provider').select('code').execute();
    const existing = new Set(rows.map((r) => r.code));
    for (const p of providers) await writeProvider(trx, p);
    const updated = providers.filter((p) => existing.has(p.code)).length;
    return { created: providers.length - updated, updated };
  });
}
