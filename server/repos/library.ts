/** The library of reusable questions and blocks, shared by every sociologist of the installation. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface LibraryItem {
  id: number;
  title: Record<string, string>;
  kind: 'question' | 'block';
  elements: unknown[];
  createdBy: string;
  createdAt: string;
}

type Row = Awaited<ReturnType<typeof rows>>[number];

const rows = (db: Kysely<Database>) =>
  db.selectFrom('library_item').selectAll().orderBy('id', 'desc').execute();

const toItem = (r: Row): LibraryItem => ({
  id: r.id,
  title: JSON.parse(r.title) as Record<string, string>,
  kind: r.kind === 'block' ? 'block' : 'question',
  elements: JSON.parse(r.elements) as unknown[],
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function listLibrary(db: Kysely<Database>): Promise<LibraryItem[]> {
  return (await rows(db)).map(toItem);
}

export async function addLibraryItem(
  db: Kysely<Database>,
  item: Omit<LibraryItem, 'id' | 'createdAt'>,
  now = new Date(),
): Promise<LibraryItem> {
  const row = await db
    .insertInto('library_item')
    .values({
      title: JSON.stringify(item.title),
      kind: item.kind,
      elements: JSON.stringify(item.elements),
      created_by: item.createdBy,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toItem(row);
}

/** True when an item was removed. */
export async function removeLibraryItem(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db.deleteFrom('library_item').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
