/**
 * The baseline of bench:ingest: a bare Hono handler that inserts the body as it comes, with no
 * validation, no rollups and no group commit, one commit per request, on the same engine as Ovoz:
 * - `sqlite:PATH`: better-sqlite3 with Ovoz's pragmas (WAL, synchronous=FULL);
 * - `postgres://…`: `pg`, autocommit with synchronous_commit=on (the server's default).
 * argv: DATABASE_URL
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { openSqlite } from '../db/dialect/sqlite/connection.js';

const target = process.argv[2]!;
let insert: (id: string, body: string) => Promise<unknown>;
if (target.startsWith('sqlite:')) {
  const sqlite = openSqlite(target.slice('sqlite:'.length));
  sqlite.exec('create table if not exists response (id text primary key, body text not null)');
  const stmt = sqlite.prepare('insert into response (id, body) values (?, ?)');
  insert = async (id, body) => stmt.run(id, body);
} else {
  const pool = new pg.Pool({ connectionString: target, max: 20 });
  await pool.query(
    'create table if not exists baseline_response (id text primary key, body text not null)',
  );
  insert = (id, body) =>
    pool.query('insert into baseline_response (id, body) values ($1, $2)', [id, body]);
}

const app = new Hono();
app.post('/api/public/surveys/:slug/responses', async (c) => {
  const text = await c.req.text();
  const { id } = JSON.parse(text) as { id: string };
  await insert(id, text);
  return c.json({ id }, 201);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
