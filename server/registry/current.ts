/**
 * The registry (regions, districts, providers) as it stands: read once and kept until it changes.
 * Every instance on the database drops its copy when told the registry changed (the change
 * feed's `registry` topic), and so does the survey catalog the registry's choices are shown in.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ChangeFeed } from '../../db/storage.js';
import { loadRegistry, type Registry } from '../repos/registry.js';

export class CurrentRegistry {
  private registry: Promise<Registry> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes: ChangeFeed,
  ) {
    changes.subscribe((topic) => {
      if (topic === 'registry') this.registry = null;
    });
  }

  /** The registry now: read from the database once, then from memory until it changes. */
  snapshot(): Promise<Registry> {
    this.registry ??= loadRegistry(this.db);
    return this.registry;
  }

  /** Call after the registry changed: every instance reads it again, and its surveys show it. */
  invalidate(): Promise<void> {
    return this.changes.publish('registry');
  }
}
