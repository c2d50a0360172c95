import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Storage } from '../../db/storage.js';
import type { Config } from '../config.js';

/** What a command gets: configuration, the database (opened on first use), and where to write. */
export interface CliContext {
  config: Config;
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadStream;
  out(line: string): void;
  err(line: string): void;
  /** The configured storage, migrated and with the registry seeded. Closed when the command ends. */
  storage(): Promise<Storage>;
  /** `storage().db`. */
  db(): Promise<Kysely<Database>>;
}

export interface CliCommand {
  /** The words that select it, e.g. `user add` or `rollups rebuild`. */
  name: string;
  /** Arguments after the name, for the help text, e.g. `<username> --role <role>`. */
  usage: string;
  summary: string;
  run(args: string[], ctx: CliContext): Promise<void>;
}

/** Wrong usage: the message and the command's usage are printed, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
