/**
 * Demo data: synthetic social-services responses over the last months, generated per provider and
 * month (profiles.ts, respondent.ts) and written through the storage's bulk load, so they count in the
 * rollups exactly as submitted responses do. Deterministic for a seed and an end day.
 */
import type { BulkResponse, Storage } from '../../db/storage.js';
import { AppError } from '../errors.js';
import { extractFacts } from '../ingest/facts.js';
import { stamp } from '../ingest/time.js';
import { responseDims } from '../links/resolve.js';
import { audit, CLI_ACTOR, type Actor } from '../repos/audit.js';
import { sha256 } from '../survey/canonical.js';
import { CurrentRegistry } from '../registry/current.js';
import { SurveyCatalog } from '../survey/catalog.js';
import { contextVariables } from '../../common/survey/types.js';
import { apportion, monthsEnding, QuotaTracker } from './allocate.js';
import { orderedIds } from './ids.js';
import { DEFAULT_DEMO_RESPONSES, DEFAULT_DEMO_SEED } from './planted.js';
import { profileOf, satisfactionShape } from './profiles.js';
import { seeded } from './random.js';
import { respondents } from './respondent.js';
import { addDemoVolumes } from './volumes.js';

export const DEMO_SURVEY = 'social-services';

export interface DemoOptions {
  responses?: number;
  seed?: number;
  /** The last local day (YYYY-MM-DD); today by default. */
  end?: string;
  /** How many days back from `end` (365: the last 12 months). */
  days?: number;
  /** Check this many responses with the survey's validator (all by default). */
  validate?: number;
  /** Responses per transaction. */
  batch?: number;
  /** Also record matching service volumes and populations (default true). */
  volumes?: boolean;
  actor?: Actor;
}

export interface DemoTarget {
  storage: Storage;
  utcOffsetMinutes: number;
}

export interface DemoSummary {
  responses: number;
  seed: number;
  from: string;
  to: string;
  volumes: number;
  populations: number;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export async function loadDemo(
  target: DemoTarget,
  options: DemoOptions = {},
  onProgress?: (done: number, total: number) => void,
): Promise<DemoSummary> {
  const total = options.responses ?? DEFAULT_DEMO_RESPONSES;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const offset = target.utcOffsetMinutes;
  const end = options.end ?? new Date(Date.now() + offset * 60_000).toISOString().slice(0, 10);
  const batchSize = options.batch ?? 10_000;
  let validate = options.validate ?? Infinity;

  const { storage } = target;
  const current = new CurrentRegistry(storage.db, storage.changes);
  const catalog = new SurveyCatalog(storage.db, storage.changes, current);
  const survey = await catalog.bySlug(DEMO_SURVEY);
  if (!survey) throw new AppError('SurveyNotFound', `demo data needs the survey "${DEMO_SURVEY}"`);
  const version = survey.latest;
  const registry = await current.snapshot();
  const rand = seeded(seed);
  const months = monthsEnding(end, options.days ?? 365);
  const profiles = registry.providers.map((p) => profileOf(p));
  const pairs = months.flatMap((m) => profiles.map((p) => ({ m, p })));
  const counts = apportion(
    total,
    pairs.map(({ m, p }) => p.volume * m.days.length),
  );
  const quotas = new Map(
    profiles.map((p) => [p.code, new QuotaTracker(satisfactionShape(p.satisfied))]),
  );
  const nextId = orderedIds();
  const tally = new Map<string, { provider: string; region: string; month: string; n: number }>();

  let batch: BulkResponse[] = [];
  let done = 0;
  const flush = async () => {
    await storage.responses.load(batch);
    done += batch.length;
    batch = [];
    onProgress?.(done, total);
    await yieldToLoop();
  };
  onProgress?.(0, total);
  for (let i = 0; i < pairs.length; i++) {
    const { m, p } = pairs[i]!;
    const size = counts[i]!;
    if (!size) continue;
    tally.set(`${p.code}\u0001${m.month}`, {
      provider: p.code,
      region: p.region,
      month: m.month,
      n: size,
    });
    for (const r of respondents(rand, p, m.days, size, quotas.get(p.code)!, offset)) {
      let data = r.answers;
      if (validate > 0) {
        validate -= 1;
        const checked = await version.validator.validate(r.answers, contextVariables(r.link));
        if (!checked.ok) {
          throw new Error(
            `demo generator made an invalid response: ${JSON.stringify(checked.fields)}`,
          );
        }
        data = checked.data;
      }
      const answers = JSON.stringify(data);
      batch.push({
        row: {
          id: nextId(),
          survey_id: version.surveyId,
          version_id: version.id,
          ...responseDims(registry, r.link, version.roles, data),
          lang: r.lang,
          answers,
          request_hash: sha256(`demo\u0001${r.lang}\u0001${answers}`),
          service_days: r.serviceDays,
        },
        facts: extractFacts(version.roles, data, r.serviceDays),
        stamp: stamp(r.at, offset),
      });
      if (batch.length >= batchSize) await flush();
    }
  }
  if (batch.length) await flush();

  const recorded =
    options.volumes === false
      ? { volumes: 0, populations: 0 }
      : await addDemoVolumes(
          storage.db,
          rand,
          tally,
          months.reduce((n, m) => n + m.days.length, 0),
        );
  const summary: DemoSummary = {
    responses: done,
    seed,
    from: months[0]!.days[0]!,
    to: end,
    ...recorded,
  };
  await audit(storage.db, options.actor ?? CLI_ACTOR, 'demo.generate', DEMO_SURVEY, { ...summary });
  return summary;
}
