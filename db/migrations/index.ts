/** Every migration, by its frozen date-prefixed name. Kysely runs them in name order. */
import type { Migration } from 'kysely';
import * as initial from './2026-11-22-01-initial.js';

export const migrations: Record<string, Migration> = {
  '2026-11-22-01-initial': initial,
};
