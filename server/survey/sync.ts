/**
 * Syncs the questionnaire files of OVOZ_SURVEYS_DIR (`<slug>.json`) through the same path as the
 * designer: bounded parse, sanitised texts, the full check against the registry, all in the
 * checking worker; a file that opens itself (`"ovozStatus": "open"`) also passes the checks before
 * opening (open-check.ts). A file that fails is refused by name with the reason, logged, and left out;
 * the others still sync. A changed file becomes a new version; an unchanged one changes nothing.
 * "Changed" is measured against the file as last synced (its canonical JSON), not against the
 * newest version, so a version saved in the designer is not undone by the next restart while its
 * file stays as it was; an unchanged file is not checked again. A version stored from a file that
 * a later, stricter check refuses is never served (server/survey/catalog.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../errors.js';
import { parseJsonText } from '../http/json-text.js';
import { log } from '../log.js';
import { CHECK_BUDGET_MS, MAX_SURVEY_BYTES } from '../../common/limits.js';
import { loadRegistry } from '../repos/registry.js';
import { getSetting, setSetting } from '../repos/settings.js';
import {
  findSurvey,
  latestVersion,
  saveSurveyVersion,
  SLUG_PATTERN,
  type SaveResult,
} from '../repos/surveys.js';
import { canonicalJson, sha256 } from './canonical.js';
import { checkPool } from './check-pool.js';
import { checkBeforeOpening } from '../../common/survey/open-check.js';

export interface SyncRefusal {
  file: string;
  reason: string;
}

export interface SyncReport {
  synced: SaveResult[];
  refused: SyncRefusal[];
}

/** Why a check refused the file, in one line: its first errors with where they are. */
function reasonOf(errors: { path: string; message: string }[]): string {
  const shown = errors.slice(0, 3).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return shown.join('; ') + more;
}

/** `budgetMs`: each file's check time (OVOZ_CHECK_BUDGET_MS, as for the designer's checks). */
export async function syncSurveyFiles(
  db: Kysely<Database>,
  dir: string,
  budgetMs = CHECK_BUDGET_MS,
): Promise<SyncReport> {
  const report: SyncReport = { synced: [], refused: [] };
  if (!fs.existsSync(dir)) return report;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const registry = files.length ? await loadRegistry(db) : undefined;
  for (const file of files) {
    const refuse = (reason: string) => {
      report.refused.push({ file, reason });
      log.warn('questionnaire file refused', { file, reason });
    };
    const slug = file.slice(0, -'.json'.length);
    if (!SLUG_PATTERN.test(slug)) {
      refuse('the file name is not a valid survey slug (lower-case letters, digits and hyphens)');
      continue;
    }
    const full = path.join(dir, file);
    if (fs.statSync(full).size > MAX_SURVEY_BYTES) {
      refuse(`the file is larger than ${MAX_SURVEY_BYTES} bytes (limit: questionnaire size)`);
      continue;
    }
    const text = fs.readFileSync(full, 'utf8');
    // Unchanged since it was last synced (whatever its formatting): nothing to check or save.
    const fileKey = `survey-file:${slug}`;
    let fileHash: string;
    try {
      fileHash = sha256(canonicalJson(parseJsonText(text, 'the questionnaire')));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refuse(e.message);
      continue;
    }
    if ((await getSetting(db, fileKey)) === fileHash) {
      const latest = await findSurvey(db, slug).then((s) => s && latestVersion(db, s.id));
      if (latest) {
        report.synced.push({ slug, version: latest.version, created: false });
        continue;
      }
    }
    let outcome;
    try {
      outcome = await checkPool().run({ text, whole: true, sanitize: true, registry }, budgetMs);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refuse(
        e.fields?.length
          ? reasonOf(e.fields.map((f) => ({ path: f.name, message: f.message })))
          : e.message,
      );
      continue;
    }
    if (!outcome.result.ok || !outcome.clean) {
      refuse(reasonOf(outcome.result.errors));
      continue;
    }
    const json = outcome.clean;
    const status = json.ovozStatus === 'open' ? 'open' : 'draft';
    // A file that opens itself passes the checks before opening, as the designer's Open does.
    const ready = status === 'open' ? checkBeforeOpening(json) : null;
    if (ready && !ready.ok) {
      refuse(
        `not ready to open: ${reasonOf(ready.errors.map((e) => ({ path: e.question ?? e.key ?? '', message: e.message })))}`,
      );
      continue;
    }
    report.synced.push(await saveSurveyVersion(db, slug, json, status));
    await setSetting(db, fileKey, fileHash);
  }
  return report;
}
