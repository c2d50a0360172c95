/**
 * Everything an export of one survey needs before it streams: the columns (from every version of
 * the survey, with texts in every language); the query of its rows is query.ts's.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Registry } from '../repos/registry.js';
import { fillCyrillic } from '../../common/survey/translit.js';
import type { SurveyJson } from '../../common/survey/types.js';
import { channelLabels, exportColumns, type ExportColumns } from './columns.js';
import { exportVariables } from './variables.js';
import type { CsvRowsPlan } from './csv-rows.js';

export interface PreparedExport extends ExportColumns {
  header: string[];
  /** The survey's versions, newest first, with their Cyrillic texts filled. */
  versions: CsvRowsPlan['versions'];
}

export async function prepareExport(
  db: Kysely<Database>,
  registry: Registry,
  surveyId: number,
): Promise<PreparedExport> {
  const rows = await db
    .selectFrom('survey_version')
    .select(['id', 'version', 'json'])
    .where('survey_id', '=', surveyId)
    .orderBy('version', 'desc')
    .execute();
  const versions = rows.map((r) => ({
    id: r.id,
    version: r.version,
    json: fillCyrillic(JSON.parse(r.json)) as SurveyJson,
  }));
  const numbers = new Map(versions.map((v) => [v.id, v.version]));
  const cols = exportColumns(
    exportVariables(versions),
    numbers,
    registry,
    channelLabels(versions[0]?.json ?? null),
  );
  return {
    ...cols,
    header: cols.columns.map((c) => c.name),
    versions,
  };
}
