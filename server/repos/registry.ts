/** The registry of regions, districts and service providers. */
import type { Kysely } from 'kysely';
import type { Database, Sector } from '../../db/schema.js';
import regionsFile from '../../common/reference/regions-uz.json' with { type: 'json' };
import { demoRegistry } from '../../db/seed/demo-registry.js';
import { latinToCyrillic } from '../../common/survey/translit.js';
import type { Lang } from '../../common/survey/types.js';

export type Names = Record<Lang, string>;

export interface Registry {
  regions: { code: string; names: Names }[];
  districts: { code: string; region: string; names: Names }[];
  providers: { code: string; district: string; region: string; sector: Sector; names: Names }[];
}

function names(row: {
  name_uz: string;
  name_uz_cyrl: string;
  name_ru: string;
  name_en: string;
}): Names {
  return { uz: row.name_uz, 'uz-Cyrl': row.name_uz_cyrl, ru: row.name_ru, en: row.name_en };
}

/** Regions always come from the reference file; the demo districts and providers only fill an empty registry. */
export async function seedRegistry(db: Kysely<Database>): Promise<void> {
  for (const r of regionsFile.regions) {
    const row = { name_uz: r.uz, name_uz_cyrl: r['uz-Cyrl'], name_ru: r.ru, name_en: r.en };
    await db
      .insertInto('region')
      .values({ code: r.code, ...row })
      .onConflict((oc) => oc.column('code').doUpdateSet(row))
      .execute();
  }
  const hasDistricts = await db.selectFrom('district').select('code').limit(1).executeTakeFirst();
  if (hasDistricts) return;
  await db.transaction().execute(async (trx) => {
    for (const d of demoRegistry.districts) {
      await trx
        .insertInto('district')
        .values({
          code: d.code,
          region_code: d.region,
          name_uz: d.name.uz,
          name_uz_cyrl: latinToCyrillic(d.name.uz),
          name_ru: d.name.ru,
          name_en: d.name.en,
        })
        .execute();
    }
    for (const p of demoRegistry.providers) {
      await trx
        .insertInto('provider')
        .values({
          code: p.code,
          district_code: p.district,
          region_code: p.region,
          sector: p.sector,
          name_uz: p.name.uz,
          name_uz_cyrl: latinToCyrillic(p.name.uz),
          name_ru: p.name.ru,
          name_en: p.name.en,
        })
        .execute();
    }
  });
}

export async function loadRegistry(db: Kysely<Database>): Promise<Registry> {
  const [regions, districts, providers] = await Promise.all([
    db.selectFrom('region').selectAll().orderBy('code').execute(),
    db.selectFrom('district').selectAll().orderBy('code').execute(),
    db.selectFrom('provider').selectAll().orderBy('code').execute(),
  ]);
  return {
    regions: regions.map((r) => ({ code: r.code, names: names(r) })),
    districts: districts.map((d) => ({ code: d.code, region: d.region_code, names: names(d) })),
    providers: providers.map((p) => ({
      code: p.code,
      district: p.district_code,
      region: p.region_code,
      sector: p.sector,
      names: names(p),
    })),
  };
}

export interface RegistryIndex {
  regions: ReadonlySet<string>;
  districts: ReadonlyMap<string, Registry['districts'][number]>;
  providers: ReadonlyMap<string, Registry['providers'][number]>;
}

const indexes = new WeakMap<Registry, RegistryIndex>();

/** Lookups by code, built once per registry snapshot (a submission resolves its provider by code). */
export function registryIndex(registry: Registry): RegistryIndex {
  let index = indexes.get(registry);
  if (!index) {
    index = {
      regions: new Set(registry.regions.map((r) => r.code)),
      districts: new Map(registry.districts.map((d) => [d.code, d])),
      providers: new Map(registry.providers.map((p) => [p.code, p])),
    };
    indexes.set(registry, index);
  }
  return index;
}
