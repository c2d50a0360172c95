/**
 * The registry of regions, districts and providers: sociologists and admins read it, admins write
 * it (PUT one district or provider, or import providers as CSV: all or nothing). Every write drops
 * the survey catalog, whose context questions take their choices from the registry.
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
import { csvError, csvFields, parseCsv, toCsv, type CsvProblem } from '../registry/csv.js';
import {
  completeNames,
  districtBody,
  districtProblems,
  providerBody,
  providerProblems,
  registryCode,
  type ProviderInput,
} from '../registry/input.js';
import { SECTORS } from '../../common/reports/dimensions.js';
import { audit } from '../repos/audit.js';
import { importProviders, upsertDistrict, upsertProvider } from '../repos/registry-admin.js';
import { loadRegistry, type Names, type Registry } from '../repos/registry.js';

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

const NAME_COLUMNS = ['name_uz', 'name_uz_cyrl', 'name_ru', 'name_en'] as const;
const DISTRICT_COLUMNS = ['code', 'region', ...NAME_COLUMNS] as const;
const PROVIDER_COLUMNS = ['code', 'region', 'district', 'sector', ...NAME_COLUMNS] as const;

/** Empty, or a column the file leaves out: derived later (uz-Cyrl from uz). */
const optionalText = z
  .string()
  .max(200, 'at most 200 characters')
  .optional()
  .transform((s) => (s ? s : undefined));
const requiredText = z.string().min(1, 'required').max(200, 'at most 200 characters');

/** One CSV line of providers, keyed by header name. */
const providerLine = z.object({
  code: registryCode,
  region: registryCode,
  district: registryCode,
  sector: z.enum(SECTORS, { message: `one of ${SECTORS.join(', ')}` }),
  name_uz: requiredText,
  name_uz_cyrl: optionalText,
  name_ru: requiredText,
  name_en: requiredText,
});

function nameCells(n: Names) {
  return { name_uz: n.uz, name_uz_cyrl: n['uz-Cyrl'], name_ru: n.ru, name_en: n.en };
}

function invalid(fields: FieldMessage[]): AppError {
  return new AppError('InvalidBody', 'the request body is not valid', fields);
}

function codeParam(c: Context): string {
  const parsed = registryCode.safeParse(c.req.param('code'));
  if (!parsed.success) throw invalid([{ name: 'code', message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}

function csvResponse(c: Context, name: string, text: string) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  return c.body(text);
}

/** The providers of a CSV file, checked line by line against the registry and each other. */
function providersFromCsv(
  text: string,
  registry: Registry,
): { providers: ProviderInput[]; errors: CsvProblem[] } {
  const { records, errors } = parseCsv(
    text,
    PROVIDER_COLUMNS.filter((c) => c !== 'name_uz_cyrl'),
    ['name_uz_cyrl'],
  );
  const providers: ProviderInput[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of records) {
    const parsed = providerLine.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push(csvError(line, String(issue.path[0] ?? 'code'), issue.message));
      }
      continue;
    }
    const v = parsed.data;
    const first = seen.get(v.code);
    if (first !== undefined) {
      errors.push(csvError(line, 'code', `"${v.code}" is already on line ${first}`));
      continue;
    }
    seen.set(v.code, line);
    const provider: ProviderInput = {
      code: v.code,
      region: v.region,
      district: v.district,
      sector: v.sector,
      names: completeNames({
        uz: v.name_uz,
        'uz-Cyrl': v.name_uz_cyrl,
        ru: v.name_ru,
        en: v.name_en,
      }),
    };
    const problems = providerProblems(provider, registry);
    for (const p of problems) errors.push(csvError(line, p.name, p.message));
    if (!problems.length) providers.push(provider);
  }
  return { providers, errors };
}

/** What each route reads and answers: the API's description (server/http/openapi.ts). */
const tags = ['Registry'];
const names = z.object({ uz: z.string(), 'uz-Cyrl': z.string(), ru: z.string(), en: z.string() });
export const regionSchema = z.object({ code: z.string(), names });
export const districtSchema = z.object({ code: z.string(), region: z.string(), names });
export const providerSchema = z.object({
  code: z.string(),
  district: z.string(),
  region: z.string(),
  sector: z.enum(SECTORS),
  names,
});
/** A PUT by code: 201 when it created the entry, 200 when it changed one. */
const upsertDoc = (what: string, body: z.ZodType, answer: z.ZodType) =>
  doc({ summary: `Create or change a ${what}`, tags, body, ok: { 200: answer, 201: answer } });
const docs = {
  regions: doc({
    summary: 'The regions',
    tags,
    ok: { 200: z.object({ regions: z.array(regionSchema) }) },
  }),
  districts: doc({
    summary: 'The districts',
    tags,
    ok: { 200: z.object({ districts: z.array(districtSchema) }) },
  }),
  providers: doc({
    summary: 'The providers',
    tags,
    ok: { 200: z.object({ providers: z.array(providerSchema) }) },
  }),
  districtsCsv: doc({ summary: 'The districts as CSV', tags, ok: { 200: 'text/csv' } }),
  providersCsv: doc({ summary: 'The providers as CSV', tags, ok: { 200: 'text/csv' } }),
  putDistrict: upsertDoc('district', districtBody, z.object({ district: districtSchema })),
  putProvider: upsertDoc('provider', providerBody, z.object({ provider: providerSchema })),
  importProviders: doc({
    summary: 'Import providers from CSV (all or nothing)',
    tags,
    bodyType: 'text/csv',
    ok: { 200: z.object({ created: z.number().int(), updated: z.number().int() }) },
    errors: [422],
  }),
};

export function adminRegistryRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, registry } = deps;
  const app = new Hono<AuthEnv>();
  // Per route, never use('*'): this router shares /api/admin with other routers.
  const read = [requireUser(deps), requireRole('sociologist', 'admin')] as const;
  const write = [requireUser(deps), requireRole('admin')] as const;

  app.get('/registry/regions', ...read, docs.regions, async (c) => {
    return c.json({ regions: (await loadRegistry(db)).regions });
  });

  app.get('/registry/districts', ...read, docs.districts, async (c) => {
    return c.json({ districts: (await loadRegistry(db)).districts });
  });

  app.get('/registry/providers', ...read, docs.providers, async (c) => {
    return c.json({ providers: (await loadRegistry(db)).providers });
  });

  app.get('/registry/districts.csv', ...read, docs.districtsCsv, async (c) => {
    const rows = (await loadRegistry(db)).districts.map((d) => ({
      code: d.code,
      region: d.region,
      ...nameCells(d.names),
    }));
    return csvResponse(c, 'ovoz-districts.csv', toCsv(DISTRICT_COLUMNS, rows));
  });

  app.get('/registry/providers.csv', ...read, docs.providersCsv, async (c) => {
    const rows = (await loadRegistry(db)).providers.map((p) => ({
      code: p.code,
      region: p.region,
      district: p.district,
      sector: p.sector,
      ...nameCells(p.names),
    }));
    return csvResponse(c, 'ovoz-providers.csv', toCsv(PROVIDER_COLUMNS, rows));
  });

  app.put('/registry/districts/:code', ...write, docs.putDistrict, requireJson, async (c) => {
    const code = codeParam(c);
    const body = await jsonBody(c, districtBody);
    const district = { code, region: body.region, names: completeNames(body.names) };
    const problems = districtProblems(district, await loadRegistry(db));
    if (problems.length) throw invalid(problems);
    const result = await upsertDistrict(db, district);
    await registry.invalidate();
    const action = result === 'created' ? 'create' : 'update';
    await audit(db, c.get('user'), `registry.district.${action}`, code, {
      region: district.region,
    });
    return c.json({ district }, result === 'created' ? 201 : 200);
  });

  app.put('/registry/providers/:code', ...write, docs.putProvider, requireJson, async (c) => {
    const code = codeParam(c);
    const body = await jsonBody(c, providerBody);
    const provider: ProviderInput = { code, ...body, names: completeNames(body.names) };
    const problems = providerProblems(provider, await loadRegistry(db));
    if (problems.length) throw invalid(problems);
    const result = await upsertProvider(db, provider);
    await registry.invalidate();
    const action = result === 'created' ? 'create' : 'update';
    await audit(db, c.get('user'), `registry.provider.${action}`, code, {
      district: provider.district,
      sector: provider.sector,
    });
    return c.json({ provider }, result === 'created' ? 201 : 200);
  });

  app.post(
    '/registry/providers.csv',
    ...write,
    docs.importProviders,
    bodyLimit({
      maxSize: MAX_CSV_BYTES,
      onError: () => {
        throw new AppError('PayloadTooLarge', `the file is larger than ${MAX_CSV_BYTES} bytes`);
      },
    }),
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/csv') {
        throw new AppError('UnsupportedMediaType', 'send the file as Content-Type: text/csv');
      }
      const { providers, errors } = providersFromCsv(await c.req.text(), await loadRegistry(db));
      if (errors.length) {
        throw new AppError(
          'InvalidCsv',
          `the file has ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was imported`,
          csvFields(errors),
        );
      }
      const counts = await importProviders(db, providers);
      await registry.invalidate();
      await audit(db, c.get('user'), 'registry.providers.import', null, counts);
      return c.json(counts);
    },
  );

  return app;
}
