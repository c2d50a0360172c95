/**
 * Service volumes and eligible populations that go with the demo responses, so the response rate
 * and the coverage coefficient have something to show: per provider and month, offered ≈ the
 * responses / a response rate of 20–40% and served ≈ offered / 0.85; per region and year, eligible
 * ≈ a year's served / 70% (coverage about 0.7 over twelve months). Added to what is recorded: a
 * second demo load adds its own volumes.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Random } from './random.js';

export async function addDemoVolumes(
  db: Kysely<Database>,
  rand: Random,
  tally: ReadonlyMap<string, { provider: string; region: string; month: string; n: number }>,
  days: number,
): Promise<{ volumes: number; populations: number }> {
  const rate = new Map<string, number>();
  const rows = [...tally.values()].map((t) => {
    let r = rate.get(t.provider);
    if (r === undefined) rate.set(t.provider, (r = 0.2 + 0.2 * rand.next()));
    const offered = Math.round(t.n / r);
    return { provider: t.provider, month: t.month, offered, served: Math.round(offered / 0.85) };
  });
  // A year's worth of the people each region served (annualised over the demo's days), at 70%
  // coverage, for every year the demo touches.
  const served = new Map<string, number>();
  const years = new Set<number>();
  for (const row of rows) {
    const region = tally.get(`${row.provider}\u0001${row.month}`)!.region;
    served.set(region, (served.get(region) ?? 0) + row.served);
    years.add(Number(row.month.slice(0, 4)));
  }
  const populations = [...served].flatMap(([area, total]) =>
    [...years].map((year) => ({ area, year, eligible: Math.round((total * 365) / days / 0.7) })),
  );
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('service_volume')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['provider', 'month']).doUpdateSet({
            served: sql`coalesce(service_volume.served, 0) + excluded.served`,
            offered: sql`coalesce(service_volume.offered, 0) + excluded.offered`,
          }),
        )
        .execute();
    }
    for (let i = 0; i < populations.length; i += 500) {
      await trx
        .insertInto('eligible_population')
        .values(populations.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['area', 'year']).doUpdateSet({
            eligible: sql`eligible_population.eligible + excluded.eligible`,
          }),
        )
        .execute();
    }
  });
  return { volumes: rows.length, populations: populations.length };
}
