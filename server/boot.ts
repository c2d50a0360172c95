/**
 * Everything the server needs before it listens: the database migrated, the registry seeded,
 * surveys synced, the first admin created, the secret resolved. Used by the server, the CLI and
 * the tests alike.
 */
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import type { AppDeps } from './deps.js';
import { compileIngestStatements } from './ingest/statements.js';
import { GroupCommitWriter } from './ingest/writer.js';
import { quotaClaimer } from './repos/quotas.js';
import { seedRegistry } from './repos/registry.js';
import { tokenRedeemer } from './repos/tokens.js';
import { resolveSecret } from './repos/settings.js';
import type { SaveResult } from './repos/surveys.js';
import { syncSurveyFiles, type SyncRefusal } from './survey/sync.js';
import { ensureFirstAdmin } from './repos/users.js';
import { SurveyCatalog } from './survey/catalog.js';
import { registerOvozProperties } from './survey/properties.js';
import { configureLog } from './log.js';

export interface Booted {
  deps: AppDeps;
  handle: DatabaseHandle;
  synced: SaveResult[];
  /** Questionnaire files that failed the checks, by name with the reason. */
  refused: SyncRefusal[];
  /** Set only when the first admin was created with a generated password. */
  generatedAdminPassword?: string;
}

export async function boot(config: Config): Promise<Booted> {
  configureLog({ silent: config.log === 'silent' });
  registerOvozProperties();
  const handle = openDatabase(config.databaseUrl, {
    busyTimeoutMs: config.busyTimeoutMs,
    maxPageCount: config.testMaxPages,
  });
  const { db, sqlite } = handle;
  await migrateToLatest(db);
  await seedRegistry(db);
  const { synced, refused } = await syncSurveyFiles(db, config.surveysDir);
  const admin = await ensureFirstAdmin(db, config.adminPassword);
  const secret = await resolveSecret(db, config.secret);
  const catalog = new SurveyCatalog(db);
  const writer = new GroupCommitWriter(sqlite, compileIngestStatements(db), {
    redeem: tokenRedeemer(db, sqlite),
    claimQuota: quotaClaimer(db, sqlite),
  });
  return {
    deps: { config, db, sqlite, catalog, writer, secret },
    handle,
    synced,
    refused,
    generatedAdminPassword: admin?.generatedPassword,
  };
}
