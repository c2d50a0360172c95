/** The audit log: who changed what, when. Every change through the admin API or the CLI. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Whoever acts: a signed-in user (SessionUser fits) or the command line. */
export interface Actor {
  username: string;
}

/** The actor of changes made with `npm run ovoz -- …`. */
export const CLI_ACTOR: Actor = Object.freeze({ username: 'cli' });

export interface AuditRecord {
  id: number;
  at: string;
  username: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

/**
 * Writes one audit entry, e.g. `audit(db, c.get('user'), 'survey.open', slug, { version: 3 })`.
 * Never put a password, token or session id in `details`.
 */
export async function audit(
  db: Kysely<Database>,
  user: Actor,
  action: string,
  target: string | null = null,
  details: Record<string, unknown> | null = null,
  at: Date = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      username: user.username,
      action,
      target,
      details: details === null ? null : JSON.stringify(details),
    })
    .execute();
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export async function listAudit(
  db: Kysely<Database>,
  page: { before?: number; limit: number },
): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(page.limit);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
  }));
}
