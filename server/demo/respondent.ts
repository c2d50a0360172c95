/**
 * One provider's demo respondents for one month: who they are, how they came to the survey (a
 * poster's QR code, a one-time link after the service, or an open link where they say where they
 * were served), and their answers. Drivers come from a latent model (a general experience shared
 * by every driver, plus each driver's own part, shifted where a bottleneck is planted); overall
 * satisfaction ranks respondents by a weighted sum of their drivers and is cut at the provider's
 * exact quotas (allocate.ts). Pure, given the random source.
 */
import type { Lang, LinkContext } from '../../common/survey/types.js';
import type { QuotaTracker } from './allocate.js';
import { complaint, praise } from './comments.js';
import { DRIVERS, type Driver } from './planted.js';
import type { Profile } from './profiles.js';
import type { Random } from './random.js';

export interface DemoResponse {
  answers: Record<string, unknown>;
  /** What the respondent's link fixed, completed (a provider fixes its district and region). */
  link: LinkContext;
  lang: Lang;
  /** Days from application to service, when a one-time link carried the service dates. */
  serviceDays: number | null;
  at: Date;
}

const CUTS = [-1.4, -0.7, 0, 0.9];
const TRUST_CUTS = [-1.3, -0.6, 0.1, 0.9];
const NA: Record<Driver, number> = {
  timeliness: 0.03,
  ease: 0.03,
  information: 0.04,
  courtesy: 0.03,
  fairness: 0.03,
  accessibility: 0.25,
  outcome: 0.03,
};
const LANGS: readonly (readonly [Lang, number])[] = [
  ['uz', 0.55],
  ['uz-Cyrl', 0.1],
  ['ru', 0.32],
  ['en', 0.03],
];
const CHANNELS: readonly (readonly [string, number])[] = [
  ['centre', 0.4],
  ['mahalla', 0.2],
  ['online', 0.3],
  ['phone', 0.1],
];
const HOURS: readonly (readonly [number, number])[] = [
  [8, 3],
  [9, 6],
  [10, 9],
  [11, 9],
  [12, 6],
  [13, 5],
  [14, 7],
  [15, 7],
  [16, 6],
  [17, 4],
  [18, 3],
  [19, 2],
  [20, 2],
  [21, 1],
];

function cut(z: number, cuts: readonly number[]): number {
  let score = 1;
  for (const c of cuts) if (z > c) score += 1;
  return score;
}

interface Draft {
  response: DemoResponse;
  y: number;
  drivers: Record<Driver, number | 'na'>;
}

export function respondents(
  rand: Random,
  profile: Profile,
  days: readonly string[],
  size: number,
  quota: QuotaTracker,
  utcOffsetMinutes: number,
): DemoResponse[] {
  const drafts: Draft[] = [];
  for (let i = 0; i < size; i++) drafts.push(draft(rand, profile, days, utcOffsetMinutes));
  // Overall satisfaction: the provider's exact quotas, given in order of the latent score.
  const counts = quota.next(size);
  const order = drafts.map((_, i) => i).sort((a, b) => drafts[a]!.y - drafts[b]!.y);
  let k = 0;
  counts.forEach((count, value) => {
    for (let j = 0; j < count; j++) finish(rand, drafts[order[k++]!]!, value + 1);
  });
  return drafts.map((d) => d.response);
}

function draft(rand: Random, p: Profile, days: readonly string[], offset: number): Draft {
  const answers: Record<string, unknown> = {};
  const link: LinkContext = { provider: p.code, district: p.district, region: p.region };
  let serviceDays: number | null = null;
  const how = rand.next();
  if (how < 0.55) {
    link.channel = rand.chance(0.75) ? 'centre' : 'mahalla'; // a poster's QR code
  } else if (how >= 0.7) {
    delete link.provider; // an open link: the citizen says where
    delete link.district;
    delete link.region;
    answers.region = p.region;
    answers.district = p.district;
    answers.provider = p.code;
  }
  if (!link.channel) answers.channel = rand.weighted(CHANNELS);

  const disabled = rand.chance(p.disability);
  const segments = [
    ...(disabled ? ['disability'] : []),
    ...(rand.chance(0.25) ? ['elderly'] : []),
    ...(rand.chance(0.2) ? ['low_income'] : []),
    ...(rand.chance(0.03) ? ['other'] : []),
  ];
  if (disabled || rand.chance(0.65)) answers.segment = segments.length ? segments : ['none'];

  const informal = rand.chance(p.informal);
  const general = p.quality + rand.normal();
  const latent = {} as Record<Driver, number>;
  const drivers = {} as Record<Driver, number | 'na'>;
  let y = 0.3 * general + 0.45 * rand.normal();
  for (const d of DRIVERS) {
    const shift =
      (informal ? (p.informalShift[d] ?? 0) : 0) + (disabled ? (p.disabilityShift[d] ?? 0) : 0);
    const z = 0.55 * general + 0.835 * rand.normal() + p.level[d] + shift;
    latent[d] = z;
    y += p.weight[d] * z;
    const na = d === 'accessibility' && disabled ? 0.02 : NA[d];
    drivers[d] = rand.chance(na) ? 'na' : cut(z, CUTS);
  }
  answers.drivers = drivers;

  if (informal) answers.paid = rand.chance(0.8) ? 'informal' : 'both';
  else if (rand.chance(0.88))
    answers.paid = rand.weighted([
      ['none', 0.78],
      ['formal', 0.15],
      ['na', 0.07],
    ] as const);
  if (informal && !rand.chance(0.9)) delete answers.paid;
  const paid = answers.paid;
  if ((paid === 'formal' || paid === 'informal' || paid === 'both') && rand.chance(0.92)) {
    answers.afford = rand.chance(paid === 'formal' ? 0.2 : 0.5) ? 'no' : 'yes';
  }

  const late = latent.timeliness - p.level.timeliness;
  const deliveryDays = Math.min(
    365,
    Math.max(0, Math.round(p.medianDays * Math.exp(0.6 * rand.normal() - 0.35 * late))),
  );
  if (how >= 0.55 && how < 0.7) serviceDays = deliveryDays; // a one-time link knows the dates
  if (rand.chance(0.7)) answers.delivery_days = deliveryDays;

  const day = days[rand.int(days.length)]!;
  const hour = rand.weighted(HOURS);
  const minutes = hour * 60 + rand.int(60) - offset;
  const at = new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000);
  const lang = rand.weighted(LANGS);
  return { response: { answers, link, lang, serviceDays, at }, y, drivers };
}

function finish(rand: Random, d: Draft, satisfaction: number): void {
  const answers = d.response.answers;
  answers.satisfaction = satisfaction;
  if (rand.chance(0.85)) {
    answers.trust = cut(0.65 * ((satisfaction - 3.6) / 1.1) + 0.75 * rand.normal(), TRUST_CUTS);
  }
  if (rand.chance(0.12)) {
    const rated = DRIVERS.filter((x) => d.drivers[x] !== 'na');
    const worst = rated.sort((a, b) => (d.drivers[a] as number) - (d.drivers[b] as number))[0];
    answers.comment =
      worst && (d.drivers[worst] as number) <= 2
        ? complaint(worst, d.response.lang)
        : praise(rand.int(2), d.response.lang);
  }
}
