/**
 * `backup FILE`: a consistent, checked copy of the whole database in a new file, safe while the
 * server runs and takes submissions. SQLite: `VACUUM INTO` of one snapshot, checked with
 * `integrity_check` (restore: start with `DATABASE_URL=sqlite:FILE`). PostgreSQL: `pg_dump` of one
 * snapshot in its custom format (restore with `pg_restore`). The engine's module does the work
 * (db/dialect/<engine>/backup.ts).
 */
import path from 'node:path';
import { StorageConfigError } from '../../db/errors.js';
import { UsageError, type CliCommand } from './types.js';

const backup: CliCommand = {
  name: 'backup',
  usage: '<file>',
  summary: 'write a consistent, checked copy of the database to a new file (safe while serving)',
  async run(args, ctx) {
    if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('give one file name');
    const target = path.resolve(args[0]!);
    const storage = await ctx.storage();
    const started = Date.now();
    try {
      const { responses, bytes } = await storage.backup(target);
      ctx.out(
        `backup written to ${target}: ${responses} responses, ${(bytes / 1048576).toFixed(1)} MB, ` +
          `checked, in ${Date.now() - started} ms`,
      );
    } catch (e) {
      if (e instanceof StorageConfigError) throw new UsageError(e.message);
      throw e;
    }
  },
};

export const backupCommands: CliCommand[] = [backup];
