/** Valid, varied social-services submissions for load generation, each through a context link. */
import { demoRegistry } from '../db/seed/demo-registry.js';
import { signContext } from '../server/links/context.js';
import { STANDARD_DRIVERS } from '../common/metrics/drivers.js';
import { CHANNELS } from '../common/reports/dimensions.js';

const DRIVERS = STANDARD_DRIVERS;
const SEGMENTS = [
  ['none'],
  ['elderly'],
  ['disability'],
  ['low_income'],
  ['elderly', 'disability'],
  [],
];
const PAID = ['none', 'none', 'none', 'formal', 'informal', 'both', 'na'];

const links = new Map<string, string>();

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

export function randomSubmission(id: string, seq: number, secret: string) {
  const r = (k: number) => Math.floor(Math.random() * k);
  const provider = pick(demoRegistry.providers, r(1000)).code;
  const channel = pick(CHANNELS, seq);
  const key = `${provider}/${channel}`;
  let c = links.get(key);
  if (!c) {
    c = signContext(secret, 'social-services', { provider, channel });
    links.set(key, c);
  }
  const drivers = Object.fromEntries(DRIVERS.map((d) => [d, r(10) === 0 ? 'na' : 1 + r(5)]));
  const paid = pick(PAID, r(100));
  const answers: Record<string, unknown> = {
    satisfaction: 1 + r(5),
    drivers,
    trust: 1 + r(5),
    paid,
  };
  if (paid !== 'none' && paid !== 'na') answers.afford = r(2) ? 'yes' : 'no';
  if (r(3)) answers.delivery_days = r(60);
  const segment = pick(SEGMENTS, r(60));
  if (segment.length) answers.segment = segment;
  if (r(4) === 0) answers.comment = `Xizmat ${seq}: navbat uzun edi, lekin xodimlar xushmuomala.`;
  return { id, answers, lang: pick(['uz', 'uz-Cyrl', 'ru', 'en'], seq), c, version: 1 };
}
