/**
 * The baseline: a bare Hono + better-sqlite3 handler that inserts the body as it comes, with no
 * validation, no rollups and no group commit — the same pragmas as Ovoz (WAL, synchronous=FULL).
 * argv: DB_PATH
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openSqlite } from '../db/client.js';

const sqlite = openSqlite(process.argv[2]!);
sqlite.exec('create table if not exists response (id text primary key, body text not null)');
const insert = sqlite.prepare('insert into response (id, body) values (?, ?)');
const app = new Hono();
app.post('/api/public/surveys/:slug/responses', async (c) => {
  const text = await c.req.text();
  const { id } = JSON.parse(text) as { id: string };
  insert.run(id, text);
  return c.json({ id }, 201);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
