/**
 * Issuing one-time links for a service event, shared by POST /api/admin/service-events (admin
 * session or a provider's API key) and the admin app's link batches (CSV, receipt slips).
 */
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { audit, type Actor } from '../repos/audit.js';
import { SLUG_PATTERN } from '../repos/surveys.js';
import { issueTokens } from './tokens.js';

export const registryCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const day = z.iso.date({ message: 'a date as YYYY-MM-DD' });

/** The body of a service event; batches allow more links at once and another default. */
export function serviceEventBody(defaultCount = 1, maxCount = 1000) {
  return z
    .object({
      survey: z.string().regex(SLUG_PATTERN, 'a survey slug'),
      provider: registryCode,
      serviceType: z.string().trim().min(1).max(100).optional(),
      requestedAt: day.optional(),
      deliveredAt: day.optional(),
      count: z.number().int().min(1).max(maxCount).default(defaultCount),
      expiresInDays: z.number().int().min(1).max(365).optional(),
    })
    .strict()
    .refine((e) => !e.requestedAt || !e.deliveredAt || e.requestedAt <= e.deliveredAt, {
      path: ['deliveredAt'],
      message: 'must not be before requestedAt',
    });
}

export type ServiceEvent = z.infer<ReturnType<typeof serviceEventBody>>;

/** Checks the provider and the survey, issues the links and audits the count (never a token). */
export async function issueServiceEventLinks(
  deps: AppDeps,
  actor: Actor,
  event: ServiceEvent,
  details: Record<string, unknown> = {},
) {
  const { db, catalog, registry, config } = deps;
  const provider = (await registry.snapshot()).providers.find((p) => p.code === event.provider);
  if (!provider) throw new AppError('NotFound', `no provider "${event.provider}" in the registry`);
  const survey = await catalog.bySlug(event.survey);
  if (!survey) throw new AppError('SurveyNotFound', `no survey "${event.survey}"`);
  if (survey.status === 'closed') throw new AppError('SurveyClosed', 'this survey is closed');
  const links = await issueTokens(db, {
    survey,
    provider,
    event,
    count: event.count,
    publicUrl: config.publicUrl,
    now: new Date(deps.now ? deps.now() : Date.now()),
    ttlDays: event.expiresInDays,
  });
  await audit(db, actor, 'links.issue', survey.slug, {
    provider: provider.code,
    count: links.length,
    expiresAt: links[0]?.expiresAt ?? null,
    ...details,
  });
  return { survey, provider, links };
}
