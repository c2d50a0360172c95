/**
 * Events found by looking rather than caused by a request: `wave.closed` (a wave's last day has
 * passed) and `bottleneck.detected` (a region newly significantly below the rest, by the
 * bottleneck report's own systemic test on protected figures: the same as a manager sees). What
 * was told is kept as a notice, written in the same transaction as its outbox row, so each is told
 * once; a region that recovers loses its notice and is told again if it falls behind again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AppDeps } from '../deps.js';
import { figuresFor } from '../anonymity/figures.js';
import { bottlenecksReport } from '../reports/bottlenecks.js';
import { parseReportQuery } from '../reports/query.js';

/** Waves that ended more than this long ago are not announced (a first start after years). */
const WAVE_LOOKBACK_DAYS = 30;
const DAY = 86_400_000;

const localDay = (ms: number, offsetMinutes: number) =>
  new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);

/** Inserts the notice and its outbox row together; false when it was told before. */
async function tell(
  db: Kysely<Database>,
  key: string,
  event: string,
  data: Record<string, unknown>,
  now: number,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('webhook_notice')
      .values({ key, at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await tx
      .insertInto('webhook_outbox')
      .values({ event, payload: JSON.stringify(data), created_at: now })
      .execute();
    return true;
  });
}

export async function closedWaves(
  deps: Pick<AppDeps, 'db' | 'config'>,
  now: number,
): Promise<number> {
  const today = localDay(now, deps.config.utcOffsetMinutes);
  const since = localDay(now - WAVE_LOOKBACK_DAYS * DAY, deps.config.utcOffsetMinutes);
  const waves = await deps.db
    .selectFrom('survey_wave as w')
    .innerJoin('survey as s', 's.id', 'w.survey_id')
    .select(['w.id', 's.slug', 'w.name', 'w.starts_on', 'w.ends_on'])
    .where('w.ends_on', '<', today)
    .where('w.ends_on', '>=', since)
    .execute();
  const toldBefore = new Set(
    (
      await deps.db
        .selectFrom('webhook_notice')
        .select('key')
        .where('key', 'like', 'wave.closed:%')
        .execute()
    ).map((r) => r.key),
  );
  let told = 0;
  for (const w of waves) {
    if (toldBefore.has(`wave.closed:${w.id}`)) continue;
    const quotas = await deps.db
      .selectFrom('wave_quota')
      .select(['region', 'quota', 'used'])
      .where('wave_id', '=', w.id)
      .orderBy('region')
      .execute();
    const data = {
      survey: w.slug,
      wave: w.id,
      name: w.name,
      startsOn: w.starts_on,
      endsOn: w.ends_on,
      quotas,
    };
    if (await tell(deps.db, `wave.closed:${w.id}`, 'wave.closed', data, now)) told++;
  }
  return told;
}

/** The regions of one survey significantly below the rest, on protected figures. */
async function regionsBelow(
  deps: Pick<AppDeps, 'db' | 'storage' | 'catalog' | 'registry' | 'config' | 'now'>,
  slug: string,
) {
  const query = parseReportQuery(`http://ovoz/?survey=${encodeURIComponent(slug)}`, 'bottlenecks');
  const { ctx, noise, range } = await figuresFor(deps, { role: 'admin', regions: null }, query);
  const [overall, regions, sectors, regionSectors] = await Promise.all([
    ctx.readOverall(),
    ctx.read(['region']),
    ctx.read(['sector']),
    ctx.read(['region', 'sector']),
  ]);
  const counts = { groupBy: [], groups: [], overall, regions, sectors, regionSectors };
  const report = bottlenecksReport(ctx.survey.variables, counts, query.method, ctx.k, noise);
  return { groups: report.systemic.groups, range };
}

export async function newBottlenecks(
  deps: Pick<AppDeps, 'db' | 'storage' | 'catalog' | 'registry' | 'config' | 'now'>,
  now: number,
): Promise<number> {
  const surveys = await deps.db
    .selectFrom('survey')
    .select('slug')
    .where('status', '=', 'open')
    .execute();
  let told = 0;
  for (const { slug } of surveys) {
    let found;
    try {
      found = await regionsBelow(deps, slug);
    } catch {
      continue; // a survey without a satisfaction question has no bottleneck report
    }
    const prefix = `bottleneck.detected:${slug}:`;
    const keys = new Set<string>();
    for (const g of found.groups) {
      const region = g.group.region ?? '';
      const key = `${prefix}region=${region}`;
      keys.add(key);
      const data = {
        survey: slug,
        group: g.group,
        period: found.range,
        n: g.n,
        rate: g.rate,
        restRate: g.restRate,
        gap: g.gap,
        vsRestCi95: g.vsRestCi95,
        pAdjusted: g.pAdjusted,
        figures: 'perturbed',
      };
      if (await tell(deps.db, key, 'bottleneck.detected', data, now)) told++;
    }
    // A region no longer below: forget it, so falling behind again is news again.
    const stale = (
      await deps.db
        .selectFrom('webhook_notice')
        .select('key')
        .where('key', 'like', `${prefix}%`)
        .execute()
    )
      .map((r) => r.key)
      .filter((k) => !keys.has(k));
    if (stale.length)
      await deps.db.deleteFrom('webhook_notice').where('key', 'in', stale).execute();
  }
  return told;
}

export async function findNotices(
  deps: Pick<AppDeps, 'db' | 'storage' | 'catalog' | 'registry' | 'config' | 'now'>,
  now: number,
): Promise<void> {
  await closedWaves(deps, now);
  await newBottlenecks(deps, now);
}
