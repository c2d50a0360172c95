/**
 * Service volumes and eligible populations (admin only), mounted at /api/admin:
 * PUT /volumes (JSON `{ rows: [{ provider, month, served, offered }] }`), POST /volumes.csv
 * (text/csv with the header provider,month,served,offered), GET /volumes; the same for
 * /populations (area, year, eligible). A save stores every row or none; each problem is reported
 * with its row or CSV line. Every change is audited. They feed the response rate and the coverage
 * coefficient of the reports (server/reports/volumes.ts).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { jsonBody } from '../http/json-body.js';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { AppError, type FieldMessage } from '../errors.js';
import { doc } from '../http/openapi.js';
import { requireJson } from '../middleware/require-json.js';
import { parseParams } from '../reports/query.js';
import { parseCsvRows } from '../volumes/csv.js';
import { listPopulations, listVolumes, savePopulations, saveVolumes } from '../volumes/repo.js';
import {
  checkPopulationRows,
  checkVolumeRows,
  isMonth,
  POPULATION_FIELDS,
  VOLUME_FIELDS,
  type Located,
} from '../volumes/rows.js';

const MAX_ROWS = 100_000;
const MAX_CSV_BYTES = 10 * 1024 * 1024;

const rowsBody = z
  .object({ rows: z.array(z.record(z.string(), z.unknown())).max(MAX_ROWS) })
  .strict();

const code = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a registry code');
const month = z.string().refine(isMonth, 'must be a month YYYY-MM');
const volumeQuery = z
  .object({
    provider: code.optional(),
    region: code.optional(),
    from: month.optional(),
    to: month.optional(),
  })
  .strict();
const populationQuery = z
  .object({ area: code.optional(), year: z.coerce.number().int().min(1990).max(2100).optional() })
  .strict();

function refuse(errors: FieldMessage[], total: number): AppError {
  return new AppError(
    'InvalidBody',
    `${errors.length} of ${total} rows are not valid; nothing was stored`,
    errors,
  );
}

const requireCsv = async (c: Context, next: () => Promise<void>) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/csv') {
    throw new AppError('UnsupportedMediaType', 'send the file as Content-Type: text/csv');
  }
  return next();
};

const csvLimit = bodyLimit({
  maxSize: MAX_CSV_BYTES,
  onError: () => {
    throw new AppError('PayloadTooLarge', `the file is larger than ${MAX_CSV_BYTES} bytes`);
  },
});

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Volumes'];
const saved = z.object({ stored: z.number().int(), removed: z.number().int() });
export const volumeList = z.object({
  rows: z.array(
    z.object({
      provider: z.string(),
      region: z.string(),
      district: z.string(),
      sector: z.string(),
      month: z.string(),
      served: z.number().int().nullable(),
      offered: z.number().int().nullable(),
    }),
  ),
});
export const populationList = z.object({
  rows: z.array(
    z.object({ area: z.string(), year: z.number().int(), eligible: z.number().int().nullable() }),
  ),
});
/** Rows sent as JSON (`{ rows }`) or as a CSV file; all stored or none. */
const saveDoc = (summary: string, csv?: 'text/csv') =>
  doc({ summary, tags, ...(csv ? { bodyType: csv } : { body: rowsBody }), ok: { 200: saved } });
const docs = {
  putVolumes: saveDoc('People served and offered the survey, per provider and month'),
  volumesCsv: saveDoc('The same from CSV', 'text/csv'),
  volumes: doc({ summary: 'Recorded volumes', tags, query: volumeQuery, ok: { 200: volumeList } }),
  putPopulations: saveDoc('Eligible population per area and year'),
  populationsCsv: saveDoc('The same from CSV', 'text/csv'),
  populations: doc({
    summary: 'Recorded populations',
    tags,
    query: populationQuery,
    ok: { 200: populationList },
  }),
};

export function adminVolumeRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, registry } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const admin = [requireUser(deps), requireRole('admin')] as const;

  const jsonRows = async (c: Context) =>
    (await jsonBody(c, rowsBody, MAX_CSV_BYTES)).rows.map(
      (value, i): Located<Record<string, unknown>> => ({
        where: `rows.${i}`,
        value,
      }),
    );

  app.put('/volumes', ...admin, docs.putVolumes, requireJson, async (c) => {
    const rows = await jsonRows(c);
    const checked = checkVolumeRows(rows, await registry.snapshot());
    if (checked.errors.length) throw refuse(checked.errors, rows.length);
    return c.json(await saveVolumes(db, checked.rows, c.get('user'), 'json'));
  });

  app.post('/volumes.csv', ...admin, docs.volumesCsv, requireCsv, csvLimit, async (c) => {
    const rows = parseCsvRows(await c.req.text(), VOLUME_FIELDS, [...VOLUME_FIELDS]);
    const checked = checkVolumeRows(rows, await registry.snapshot());
    if (checked.errors.length) throw refuse(checked.errors, rows.length);
    return c.json(await saveVolumes(db, checked.rows, c.get('user'), 'csv'));
  });

  app.get('/volumes', ...admin, docs.volumes, async (c) => {
    return c.json({ rows: await listVolumes(db, parseParams(c.req.url, volumeQuery, 'query')) });
  });

  app.put('/populations', ...admin, docs.putPopulations, requireJson, async (c) => {
    const rows = await jsonRows(c);
    const checked = checkPopulationRows(rows, await registry.snapshot());
    if (checked.errors.length) throw refuse(checked.errors, rows.length);
    return c.json(await savePopulations(db, checked.rows, c.get('user'), 'json'));
  });

  app.post('/populations.csv', ...admin, docs.populationsCsv, requireCsv, csvLimit, async (c) => {
    const rows = parseCsvRows(await c.req.text(), POPULATION_FIELDS, [...POPULATION_FIELDS]);
    const checked = checkPopulationRows(rows, await registry.snapshot());
    if (checked.errors.length) throw refuse(checked.errors, rows.length);
    return c.json(await savePopulations(db, checked.rows, c.get('user'), 'csv'));
  });

  app.get('/populations', ...admin, docs.populations, async (c) => {
    return c.json({
      rows: await listPopulations(db, parseParams(c.req.url, populationQuery, 'query')),
    });
  });

  return app;
}
