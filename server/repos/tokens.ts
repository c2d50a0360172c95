/** One-time service tokens and provider API keys: plain functions over Kysely. */
import type SqliteDatabase from 'better-sqlite3';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { named, param, prepareNamed } from '../../db/named-statement.js';
import type { ApiKeyTable, Database, ServiceTokenTable } from '../../db/schema.js';

export type ServiceTokenRow = Selectable<ServiceTokenTable>;
export type NewServiceToken = Insertable<ServiceTokenTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;

/** SQLite allows 32766 bound values per statement; 10 columns × 500 rows stays well below. */
const INSERT_CHUNK = 500;

export async function insertTokens(db: Kysely<Database>, rows: NewServiceToken[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('service_token')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
  });
}

export async function findToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<ServiceTokenRow | undefined> {
  return db
    .selectFrom('service_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export type RedeemResult = 'redeemed' | 'used' | 'expired' | 'unknown';

/**
 * A synchronous redeemer for the group-commit writer's transaction (better-sqlite3 is
 * synchronous). The UPDATE is atomic: of any number of submissions carrying one token, exactly
 * one changes the row. Redeeming also clears the service details the row no longer needs.
 */
export function tokenRedeemer(
  db: Kysely<Database>,
  sqlite: SqliteDatabase.Database,
): (tokenHash: string, nowIso: string) => RedeemResult {
  const update = named(
    db
      .updateTable('service_token')
      .set({ used: 1, service_type: null, requested_at: null, delivered_at: null })
      .where('token_hash', '=', param('hash'))
      .where('used', 'is', null)
      .where('expires_at', '>', param('now'))
      .compile(),
  );
  const state = named(
    db
      .selectFrom('service_token')
      .select(['used', 'expires_at'])
      .where('token_hash', '=', param('hash'))
      .compile(),
  );
  const updateStmt = prepareNamed(sqlite, update);
  const stateStmt = prepareNamed(sqlite, state);

  return (tokenHash, nowIso) => {
    if (updateStmt.run({ hash: tokenHash, now: nowIso }).changes === 1) {
      return 'redeemed';
    }
    const row = stateStmt.get({ hash: tokenHash }) as
      { used: number | null; expires_at: string } | undefined;
    if (!row) return 'unknown';
    return row.used !== null ? 'used' : 'expired';
  };
}

export async function insertApiKey(
  db: Kysely<Database>,
  row: { key_hash: string; provider: string; label: string; created_at: string },
): Promise<ApiKeyRow> {
  return db
    .insertInto('api_key')
    .values({ ...row, revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The key with this hash, unless it has been revoked. */
export async function findActiveApiKey(
  db: Kysely<Database>,
  keyHash: string,
): Promise<ApiKeyRow | undefined> {
  return db
    .selectFrom('api_key')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function listApiKeys(db: Kysely<Database>) {
  return db
    .selectFrom('api_key')
    .select(['id', 'provider', 'label', 'created_at', 'revoked_at'])
    .orderBy('id')
    .execute();
}

/** Marks the key revoked; false when there is no such key or it was already revoked. */
export async function revokeApiKey(
  db: Kysely<Database>,
  id: number,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('api_key')
    .set({ revoked_at: nowIso })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
