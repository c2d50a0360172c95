/**
 * The question library (sociologist, admin): reusable questions and blocks with their texts in
 * every language, roles and logic, shared by everyone who designs surveys on this installation.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { jsonBody } from '../http/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { doc } from '../http/openapi.js';
import { requireJson } from '../middleware/require-json.js';
import { audit } from '../repos/audit.js';
import { addLibraryItem, listLibrary, removeLibraryItem } from '../repos/library.js';
import { checkSurvey } from '../survey/check.js';
import { sanitizeSurveyJson } from '../survey/sanitize.js';
import { LANGUAGES } from '../../common/survey/types.js';

const MAX_ITEM_BYTES = 256 * 1024;

const element = z.custom<Record<string, unknown>>(
  (v) =>
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    typeof (v as { type?: unknown }).type === 'string',
  { message: 'an element is a SurveyJS JSON object with a type' },
);
const itemBody = z
  .object({
    title: z
      .partialRecord(z.enum(LANGUAGES), z.string().trim().max(200))
      .refine((t) => Object.values(t).some((v) => v !== ''), 'give the item a name'),
    kind: z.enum(['question', 'block']),
    elements: z.array(element).min(1).max(100),
  })
  .strict();

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Library'];
const libraryItem = z.object({
  id: z.number().int(),
  title: z.record(z.string(), z.string()),
  kind: z.enum(['question', 'block']),
  elements: z.array(z.record(z.string(), z.unknown())),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const libraryList = z.object({ items: z.array(libraryItem) });
const docs = {
  list: doc({ summary: 'The shared question library', tags, ok: { 200: libraryList } }),
  add: doc({
    summary: 'A question or block for the library',
    tags,
    body: itemBody,
    ok: { 201: z.object({ item: libraryItem }) },
    errors: [422],
  }),
  remove: doc({
    summary: 'Remove a library item',
    tags,
    ok: { 200: z.object({ removed: z.number().int() }) },
    errors: [404],
  }),
};

export function adminLibraryRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db } = deps;
  const app = new Hono<AuthEnv>();
  const guard = [requireUser(deps), requireRole('sociologist', 'admin')] as const;

  app.get('/library', ...guard, docs.list, async (c) => c.json({ items: await listLibrary(db) }));

  app.post(
    '/library',
    ...guard,
    docs.add,
    bodyLimit({
      maxSize: MAX_ITEM_BYTES,
      onError: () => {
        throw new AppError('PayloadTooLarge', `the body is larger than ${MAX_ITEM_BYTES} bytes`);
      },
    }),
    requireJson,
    async (c) => {
      const input = await jsonBody(c, itemBody);
      // Checked as a one-page survey of its own, texts cleaned like any survey's.
      const probe = sanitizeSurveyJson({ pages: [{ name: 'library', elements: input.elements }] });
      const result = checkSurvey(probe);
      if (!result.ok) {
        throw new AppError(
          'InvalidSurvey',
          'the item is not valid SurveyJS',
          result.errors.map((e) => ({ name: e.path || 'elements', message: e.message })),
        );
      }
      const pages = probe.pages as { elements: unknown[] }[];
      const user = c.get('user');
      const item = await addLibraryItem(db, {
        title: input.title,
        kind: input.kind,
        elements: pages[0]!.elements,
        createdBy: user.username,
      });
      await audit(db, user, 'library.add', String(item.id), { kind: item.kind });
      return c.json({ item }, 201);
    },
  );

  app.delete('/library/:id', ...guard, docs.remove, async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || !(await removeLibraryItem(db, id))) {
      throw new AppError('NotFound', `no library item ${c.req.param('id')}`);
    }
    await audit(db, c.get('user'), 'library.remove', String(id), null);
    return c.json({ removed: id });
  });

  return app;
}
