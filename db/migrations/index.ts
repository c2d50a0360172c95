/** Every migration, by its frozen date-prefixed name. Kysely runs them in name order. */
import type { Migration } from 'kysely';
import * as initial from './2026-11-22-01-initial.js';
import * as auth from './2026-11-22-02-auth.js';
import * as links from './2026-11-22-03-links.js';
import * as waves from './2026-11-22-04-waves.js';
import * as volumes from './2026-11-22-05-volumes.js';
import * as waveQuotas from './2026-11-22-06-wave-quotas.js';
import * as wideRollups from './2026-11-22-07-wide-rollups.js';
import * as yearDekadRollups from './2026-11-22-08-year-dekad-rollups.js';
import * as rateLimitHits from './2026-12-07-01-rate-limit-hits.js';
import * as signInThrottle from './2026-12-07-10-sign-in-throttle.js';
import * as designer from './2026-12-07-20-designer.js';
import * as frozenBlocks from './2026-12-07-50-frozen-blocks.js';
import * as jointRollups from './2026-12-07-80-joint-rollups.js';
import * as exportOrder from './2026-12-07-84-export-order.js';
import * as shortLinks from './2026-12-07-87-short-links.js';
import * as webhooks from './2026-12-07-90-webhooks.js';
import * as jointParts from './2026-12-07-97-joint-parts.js';
import * as driverParts from './2026-12-07-98-driver-parts.js';
import * as answerParts from './2026-12-07-99-answer-parts.js';
import * as jointRowid from './2026-12-08-01-joint-rowid.js';
import * as jointInPart from './2026-12-08-02-joint-in-part.js';

export const migrations: Record<string, Migration> = {
  '2026-11-22-01-initial': initial,
  '2026-11-22-02-auth': auth,
  '2026-11-22-03-links': links,
  '2026-11-22-04-waves': waves,
  '2026-11-22-05-volumes': volumes,
  '2026-11-22-06-wave-quotas': waveQuotas,
  '2026-11-22-07-wide-rollups': wideRollups,
  '2026-11-22-08-year-dekad-rollups': yearDekadRollups,
  '2026-12-07-01-rate-limit-hits': rateLimitHits,
  '2026-12-07-10-sign-in-throttle': signInThrottle,
  '2026-12-07-20-designer': designer,
  '2026-12-07-50-frozen-blocks': frozenBlocks,
  '2026-12-07-80-joint-rollups': jointRollups,
  '2026-12-07-84-export-order': exportOrder,
  '2026-12-07-87-short-links': shortLinks,
  '2026-12-07-90-webhooks': webhooks,
  '2026-12-07-97-joint-parts': jointParts,
  '2026-12-07-98-driver-parts': driverParts,
  '2026-12-07-99-answer-parts': answerParts,
  '2026-12-08-01-joint-rowid': jointRowid,
  '2026-12-08-02-joint-in-part': jointInPart,
};
