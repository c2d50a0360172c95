import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { parseJsonText } from './json-text.js';
import { readBody } from './read-body.js';
import { MAX_JSON_BODY_BYTES } from '../../common/limits.js';

/** The issues of a failed schema check as the API's `fields`. */
export function invalidBody(issues: z.core.$ZodIssue[], message = 'the request body is not valid') {
  return new AppError(
    'InvalidBody',
    message,
    issues.map((i) => ({ name: i.path.join('.') || 'body', message: i.message })),
  );
}

/**
 * The request's JSON body checked against `schema`. Bounded before it is parsed: 413
 * PayloadTooLarge past `maxBytes` (64 KiB unless said), 400 TooDeep past the nesting limit;
 * 400 BadRequest for bad JSON, 400 InvalidBody with fields when the schema refuses it.
 */
export async function jsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxBytes = MAX_JSON_BODY_BYTES,
): Promise<z.infer<S>> {
  const raw = parseJsonText(await readBody(c, maxBytes));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidBody(parsed.error.issues);
  return parsed.data;
}
