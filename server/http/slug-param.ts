/**
 * The survey a route's `:slug` names: refused as SurveyNotFound (404) when the slug is malformed
 * or `find` knows no such survey, so every route answers an unknown survey the same way.
 */
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import { SLUG_PATTERN } from '../repos/surveys.js';

export async function surveyFromSlug<T>(
  c: Context,
  find: (slug: string) => Promise<T | null | undefined>,
): Promise<T> {
  const slug = c.req.param('slug') ?? '';
  const survey = SLUG_PATTERN.test(slug) ? await find(slug) : undefined;
  if (!survey) throw new AppError('SurveyNotFound', `no survey "${slug}"`);
  return survey;
}
