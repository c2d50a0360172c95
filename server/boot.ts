/**
 * Everything the server needs before it listens: the storage opened and migrated, the registry
 * seeded, surveys synced, the first admin created, the secret resolved. Used by the server, the
 * CLI and the tests alike. The steps that write run under one lock across every instance on the
 * database, so instances starting at once do each of them once.
 */
import { openStorage } from '../db/dialect/index.js';
import type { Storage } from '../db/storage.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import { GroupCommitWriter } from './ingest/writer.js';
import { seedRegistry } from './repos/registry.js';
import { resolveSecret } from './repos/settings.js';
import type { SaveResult } from './repos/surveys.js';
import { syncSurveyFiles, type SyncRefusal } from './survey/sync.js';
import { ensureFirstAdmin } from './repos/users.js';
import { CurrentRegistry } from './registry/current.js';
import { SurveyCatalog } from './survey/catalog.js';
import { registerOvozProperties } from '../common/survey/properties.js';
import { configureLog } from './log.js';

export interface Booted {
  deps: AppDeps;
  storage: Storage;
  synced: SaveResult[];
  /** Questionnaire files that failed the checks, by name with the reason. */
  refused: SyncRefusal[];
  /** Set only when the first admin was created with a generated password. */
  generatedAdminPassword?: string;
}

/** Opens the storage of DATABASE_URL with the configured engine options. */
export function openConfiguredStorage(config: Config): Promise<Storage> {
  return openStorage(config.databaseUrl, {
    busyTimeoutMs: config.busyTimeoutMs,
    maxPageCount: config.testMaxPages,
    poolSize: config.poolSize,
  });
}

export async function boot(config: Config): Promise<Booted> {
  configureLog({ silent: config.log === 'silent' });
  registerOvozProperties();
  const storage = await openConfiguredStorage(config);
  try {
    const db = storage.db;
    const prepared = await storage.exclusive('boot', async () => {
      await storage.migrate();
      await seedRegistry(db);
      const { synced, refused } = await syncSurveyFiles(
        db,
        config.surveysDir,
        config.checkBudgetMs,
      );
      const admin = await ensureFirstAdmin(db, config.adminPassword);
      const secret = await resolveSecret(db, config.secret);
      return { synced, refused, admin, secret };
    });
    const registry = new CurrentRegistry(db, storage.changes);
    const catalog = new SurveyCatalog(db, storage.changes, registry);
    const writer = new GroupCommitWriter(storage.responses);
    return {
      deps: { config, storage, db, registry, catalog, writer, secret: prepared.secret },
      storage,
      synced: prepared.synced,
      refused: prepared.refused,
      generatedAdminPassword: prepared.admin?.generatedPassword,
    };
  } catch (e) {
    await storage.close();
    throw e;
  }
}
