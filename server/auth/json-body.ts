import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors.js';

/** The request's JSON body checked against `schema`: 400 BadRequest / InvalidBody with fields. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError('BadRequest', 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'InvalidBody',
      'the request body is not valid',
      parsed.error.issues.map((i) => ({ name: i.path.join('.') || 'body', message: i.message })),
    );
  }
  return parsed.data;
}
