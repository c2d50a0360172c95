/** One-time service tokens and provider API keys: plain functions over Kysely. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ApiKeyTable, Database, ServiceTokenTable } from '../../db/schema.js';

export type ServiceTokenRow = Selectable<ServiceTokenTable>;
export type NewServiceToken = Insertable<ServiceTokenTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;

/** 10 columns × 500 rows stays well below both engines' limits on bound values per statement. */
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
