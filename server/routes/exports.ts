/**
 * Exports (admin, sociologist; a manager gets 403), mounted at /api/exports:
 * GET /:slug/responses.csv, /:slug/responses.xlsx — every stored response under the filters
 * (from, to, region, district, provider, sector), streamed; the CSV with `bom=0` has no byte-order
 * mark and with `sep=;` is separated by semicolons (decimal commas); GET /:slug/codebook.csv — every column
 * of the responses export with its texts and value labels. Each export is written to the audit log.
 */
import { Hono, type Context } from 'hono';
import { requireRole, requireUser } from '../auth/middleware.js';
import type { AuthEnv } from '../auth/types.js';
import type { AppDeps } from '../deps.js';
import { surveyFromSlug } from '../http/slug-param.js';
import { doc } from '../http/openapi.js';
import { codebookRows, CODEBOOK_HEADER } from '../exports/codebook.js';
import { csvStream, csvText } from '../exports/csv.js';
import { prepareExport } from '../exports/prepare.js';
import { exportFileName, exportRowsQuery, parseExportRequest } from '../exports/query.js';
import { rScript, spssSyntax, stataDo } from '../exports/syntax.js';
import { syntaxPlan } from '../exports/syntax-plan.js';
import { exportWeights, WEIGHT_COLUMN, WEIGHT_LABEL } from '../exports/weights.js';
import { workerFormatter } from '../exports/csv-format.js';
import { audit } from '../repos/audit.js';
import type { Cell } from '../exports/variables.js';

/** What each route answers: the API's description (server/http/openapi.ts). */
const exportDoc = (summary: string, type: `${string}/${string}`) =>
  doc({ summary, tags: ['Exports'], ok: { 200: type }, errors: [404] });
const docs = {
  csv: exportDoc('Every response, streamed as CSV', 'text/csv'),
  xlsx: exportDoc(
    'Every response as an Excel workbook',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ),
  sps: exportDoc('SPSS syntax that reads responses.csv with its labels', 'text/plain'),
  R: exportDoc('An R script that reads responses.csv with its labels', 'text/plain'),
  do: exportDoc('A Stata do-file that reads responses.csv with its labels', 'text/plain'),
  codebook: exportDoc('The codebook: every variable, its question and value labels', 'text/csv'),
};

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  sps: 'text/plain; charset=utf-8',
  R: 'text/plain; charset=utf-8',
  do: 'text/plain; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The statistics CSV's file name part (`ovoz-<slug>-responses-stats….csv`). */
const STATS_KIND = 'responses-stats';

export function exportRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { db, catalog, registry } = deps;
  const app = new Hono<AuthEnv>();
  const guard = [requireUser(deps), requireRole('admin', 'sociologist')] as const;

  const surveyOf = (c: Context) => surveyFromSlug(c, (slug) => catalog.bySlug(slug));

  const headers = (c: Context, name: string, ext: keyof typeof TYPES) => {
    c.header('Content-Type', TYPES[ext]);
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  };

  const responses = (ext: 'csv' | 'xlsx') => async (c: Context<AuthEnv>) => {
    const { filters, format } = parseExportRequest(c.req.url);
    const survey = await surveyOf(c);
    const prepared = await prepareExport(db, await registry.snapshot(), survey.id);
    await audit(db, c.get('user'), `export.responses.${ext}`, survey.slug, { filters });
    // exceljs is large: loaded on the first XLSX export, not at start.
    const weights = format.stats
      ? await exportWeights(db, await registry.snapshot(), survey.id, filters)
      : null;
    const rows = await deps.storage.exportRows(exportRowsQuery(deps.storage, survey.id, filters));
    const stream =
      ext === 'csv'
        ? csvStream(
            weights ? [...prepared.header, WEIGHT_COLUMN] : prepared.header,
            rows,
            workerFormatter({ versions: prepared.versions, sep: format.sep, weights }),
            undefined,
            format,
          )
        : (await import('../exports/xlsx.js')).xlsxStream(prepared.header, rows, prepared.cells);
    const kind = ext === 'csv' && format.stats ? STATS_KIND : 'responses';
    headers(c, exportFileName(survey.slug, kind, filters, ext), ext);
    return c.body(stream);
  };

  /** SPSS/PSPP, R and Stata syntax reading the statistics CSV under the same filters. */
  const syntax = (ext: 'sps' | 'R' | 'do') => async (c: Context<AuthEnv>) => {
    const { filters, format } = parseExportRequest(c.req.url, 'syntax');
    const survey = await surveyOf(c);
    const prepared = await prepareExport(db, await registry.snapshot(), survey.id);
    const plan = syntaxPlan(prepared.columns, format.lang, {
      column: WEIGHT_COLUMN,
      label: WEIGHT_LABEL[format.lang],
    });
    const query = new URLSearchParams({ stats: '1', ...(filters as Record<string, string>) });
    const source = {
      file: exportFileName(survey.slug, STATS_KIND, filters, 'csv'),
      url: `/api/exports/${survey.slug}/responses.csv?${query.toString()}`,
      survey: survey.slug,
      weight: plan[plan.length - 1]!.name,
    };
    const write = { sps: spssSyntax, R: rScript, do: stataDo }[ext];
    headers(c, exportFileName(survey.slug, 'responses', filters, ext), ext);
    // SPSS reads a syntax file as UTF-8 when it starts with the byte-order mark.
    return c.body(`${ext === 'sps' ? '\uFEFF' : ''}${write(plan, source)}`);
  };

  app.get('/:slug/responses.csv', ...guard, docs.csv, responses('csv'));
  app.get('/:slug/responses.xlsx', ...guard, docs.xlsx, responses('xlsx'));
  app.get('/:slug/responses.sps', ...guard, docs.sps, syntax('sps'));
  app.get('/:slug/responses.R', ...guard, docs.R, syntax('R'));
  app.get('/:slug/responses.do', ...guard, docs.do, syntax('do'));

  app.get('/:slug/codebook.csv', ...guard, docs.codebook, async (c) => {
    const survey = await surveyOf(c);
    const prepared = await prepareExport(db, await registry.snapshot(), survey.id);
    headers(c, exportFileName(survey.slug, 'codebook', {}, 'csv'), 'csv');
    return c.body(
      `\uFEFF${csvText([CODEBOOK_HEADER as Cell[], ...codebookRows(prepared.columns)])}`,
    );
  });

  return app;
}
