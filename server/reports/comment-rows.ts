/**
 * Reads free-text comments from the response table: the one report that reads raw responses.
 * Every other report reads the rollups (counts), but a comment is text, not a count, so it cannot
 * be rolled up. To stay cheap the read is index-friendly and bounded: `survey_id = ?` and the day
 * range walk the (survey_id, day) index newest day first, the filters and the manager's regions
 * narrow the rows, a LIKE on the stored JSON skips rows without a comment question's key (portable
 * SQL; the exact check is done here), and every batch has a LIMIT. Paging is by position (day,
 * hour, id, newest first), never by offset.
 */
import type { Expression, Kysely, SqlBool } from 'kysely';
import { FILTER_DIMS } from '../../common/reports/dimensions.js';
import type { Database } from '../../db/schema.js';
import type { RoleVariable } from '../ingest/facts.js';
import { roleVariables } from '../../common/survey/materialize.js';
import type { SurveyJson } from '../../common/survey/types.js';
import type { CommentPosition } from './cursor.js';
import type { Filters, Scope } from './rollup-reader.js';

/** Where a version keeps its comments: a question, or a row of a matrix. */
interface CommentVariable {
  question: string;
  row?: string;
}

/** The role variables of each version of a survey, by version id. */
export async function versionRoles(
  db: Kysely<Database>,
  surveyId: number,
): Promise<Map<number, RoleVariable[]>> {
  const versions = await db
    .selectFrom('survey_version')
    .select(['id', 'json'])
    .where('survey_id', '=', surveyId)
    .execute();
  return new Map(versions.map((v) => [v.id, roleVariables(JSON.parse(v.json) as SurveyJson)]));
}

/** The `comment` role variables of each version of a survey, by version id. */
export async function commentVariables(
  db: Kysely<Database>,
  surveyId: number,
): Promise<Map<number, CommentVariable[]>> {
  const versions = await versionRoles(db, surveyId);
  return new Map(
    [...versions].map(([id, roles]) => [
      id,
      roles
        .filter((r) => r.role === 'comment')
        .map((r) => (r.row === undefined ? { question: r.question } : r)),
    ]),
  );
}

/** Where a version keeps the overall satisfaction answer and each driver's answer. */
export interface ScoreVariables {
  satisfaction: CommentVariable | null;
  drivers: (CommentVariable & { name: string })[];
}

/** The satisfaction and driver variables of each version of a survey, by version id. */
export async function scoreVariables(
  db: Kysely<Database>,
  surveyId: number,
): Promise<Map<number, ScoreVariables>> {
  const versions = await versionRoles(db, surveyId);
  const place = (r: RoleVariable): CommentVariable =>
    r.row === undefined ? { question: r.question } : { question: r.question, row: r.row };
  return new Map(
    [...versions].map(([id, roles]) => {
      const satisfaction = roles.find((r) => r.role === 'satisfaction');
      return [
        id,
        {
          satisfaction: satisfaction ? place(satisfaction) : null,
          drivers: roles
            .filter((r) => r.role.startsWith('driver:'))
            .map((r) => ({ name: r.role.slice('driver:'.length), ...place(r) })),
        },
      ];
    }),
  );
}

/** What the respondent said beside their comment: satisfaction 1–5 and the drivers rated lowest. */
export interface RespondentScores {
  satisfaction: number | null;
  /**
   * The drivers the respondent rated lowest (ties: all of them, in questionnaire order); empty
   * when they rated fewer than two drivers or every driver the same.
   */
  lowest: string[];
  /** Their score, 1–5; null when `lowest` is empty. */
  lowestScore: number | null;
}

function valueAt(answers: Record<string, unknown>, v: CommentVariable): unknown {
  const value = answers[v.question];
  if (v.row === undefined) return value;
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[v.row]
    : undefined;
}

/** The respondent's scores from their answers ("not applicable" and text are not scores). Pure. */
export function respondentScores(
  answers: Record<string, unknown>,
  vars: ScoreVariables | undefined,
): RespondentScores {
  const score = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : null;
  const satisfaction = vars?.satisfaction ? score(valueAt(answers, vars.satisfaction)) : null;
  const rated = (vars?.drivers ?? [])
    .map((d) => ({ name: d.name, value: score(valueAt(answers, d)) }))
    .filter((d): d is { name: string; value: number } => d.value !== null);
  const values = rated.map((d) => d.value);
  const min = Math.min(...values);
  if (rated.length < 2 || min === Math.max(...values)) {
    return { satisfaction, lowest: [], lowestScore: null };
  }
  return {
    satisfaction,
    lowest: rated.filter((d) => d.value === min).map((d) => d.name),
    lowestScore: min,
  };
}

export interface CommentRow extends CommentPosition, RespondentScores {
  lang: string;
  region: string | null;
  sector: string | null;
  provider: string | null;
  /** The comment answers of the response, in questionnaire order. */
  texts: string[];
}

/** Narrowing of the comments by what the respondent said (the comments report's filters). */
export interface CommentMatch {
  lang?: string;
  /** Only respondents who rated this driver lowest. */
  driver?: string;
  /** Only respondents with this satisfaction score. */
  score?: number;
}

function matches(row: RespondentScores, match: CommentMatch | undefined): boolean {
  if (match?.score !== undefined && row.satisfaction !== match.score) return false;
  if (match?.driver !== undefined && !row.lowest.includes(match.driver)) return false;
  return true;
}

export interface CommentRead {
  surveyId: number;
  from: string | null;
  to: string | null;
  filters: Filters;
  scope: Scope;
  variables: Map<number, CommentVariable[]>;
  /**
   * Protected comments: only responses counted by the frozen blocks of these months (YYYY-MM,
   * inclusive), whatever their day (server/anonymity/comments.ts).
   */
  blockMonths?: { from: string; to: string };
  /** Where each version keeps satisfaction and the drivers (for the scores beside a comment). */
  scores?: Map<number, ScoreVariables>;
  match?: CommentMatch;
}

function textsOf(answers: Record<string, unknown>, vars: readonly CommentVariable[]): string[] {
  const out: string[] = [];
  for (const v of vars) {
    const value = valueAt(answers, v);
    if (typeof value === 'string' && value.trim() !== '') out.push(value.trim());
  }
  return out;
}

/** Up to `limit` responses with a comment, newest first, after `before`. */
export async function readCommentRows(
  db: Kysely<Database>,
  read: CommentRead,
  before: CommentPosition | null,
  limit: number,
): Promise<{ rows: CommentRow[]; more: boolean }> {
  const names = [...new Set([...read.variables.values()].flat().map((v) => v.question))];
  const regions = read.scope.regions;
  if (!names.length || (regions !== null && !regions.length)) return { rows: [], more: false };
  const batch = Math.max(limit + 1, 100);
  const rows: CommentRow[] = [];
  let after = before;
  for (;;) {
    const page = await db
      .selectFrom('response')
      .select(['id', 'version_id', 'day', 'submitted_at', 'lang', 'region', 'sector', 'provider'])
      .select('answers')
      .where((eb) => {
        const conds: Expression<SqlBool>[] = [eb('survey_id', '=', read.surveyId)];
        if (read.from !== null) conds.push(eb('day', '>=', read.from));
        if (read.to !== null) conds.push(eb('day', '<=', read.to));
        for (const dim of FILTER_DIMS) {
          const value = read.filters[dim];
          if (value !== undefined) conds.push(eb(dim, '=', value));
        }
        if (regions !== null) conds.push(eb('region', 'in', [...regions]));
        if (read.match?.lang !== undefined) conds.push(eb('lang', '=', read.match.lang));
        const months = read.blockMonths;
        if (months) {
          conds.push(
            eb(
              'id',
              'in',
              eb
                .selectFrom('record_key')
                .select('response_id')
                .where('survey_id', '=', read.surveyId)
                .where('block_month', '>=', months.from)
                .where('block_month', '<=', months.to),
            ),
          );
        }
        conds.push(eb.or(names.map((n) => eb('answers', 'like', `%${JSON.stringify(n)}%`))));
        if (after) {
          const a = after;
          conds.push(eb('day', '<=', a.day));
          conds.push(
            eb.or([
              eb('day', '<', a.day),
              eb('submitted_at', '<', a.submittedAt),
              eb.and([eb('submitted_at', '=', a.submittedAt), eb('id', '<', a.id)]),
            ]),
          );
        }
        return eb.and(conds);
      })
      .orderBy('day', 'desc')
      .orderBy('submitted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(batch)
      .execute();
    for (const r of page) {
      const answers = JSON.parse(r.answers) as Record<string, unknown>;
      const texts = textsOf(answers, read.variables.get(r.version_id) ?? []);
      if (!texts.length) continue;
      const scores = respondentScores(answers, read.scores?.get(r.version_id));
      if (!matches(scores, read.match)) continue;
      if (rows.length === limit) return { rows, more: true };
      rows.push({
        day: r.day,
        submittedAt: r.submitted_at,
        id: r.id,
        lang: r.lang,
        region: r.region,
        sector: r.sector,
        provider: r.provider,
        texts,
        ...scores,
      });
    }
    const last = page.at(-1);
    if (page.length < batch || !last) return { rows, more: false };
    after = { day: last.day, submittedAt: last.submitted_at, id: last.id };
  }
}
