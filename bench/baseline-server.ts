/**
 * The baselines of bench:ingest: a bare Hono handler that inserts the body as it comes, with no
 * rollups and no group commit, one commit per request, on the same engine as Ovoz:
 * - `sqlite:PATH full`: better-sqlite3 with Ovoz's pragmas (WAL, synchronous=FULL): each commit
 *   on disk before the answer, as Ovoz's;
 * - `sqlite:PATH normal`: the same with synchronous=NORMAL (WAL commits not synced: fast, but the
 *   last ones are lost on a power cut);
 * - `sqlite:PATH model`: synchronous=FULL, and each body validated first by a new survey-core
 *   Model of the questionnaire (what a server without a compiled validator would do);
 * - `postgres://… full`: `pg`, autocommit with synchronous_commit=on (the server's default).
 * argv: DATABASE_URL MODE
 */
import fs from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { Model } from 'survey-core';
import { openSqlite } from '../db/dialect/sqlite/connection.js';

const target = process.argv[2]!;
const mode = (process.argv[3] ?? 'full') as 'full' | 'normal' | 'model';
let insert: (id: string, body: string) => Promise<unknown>;
if (target.startsWith('sqlite:')) {
  const sqlite = openSqlite(target.slice('sqlite:'.length));
  if (mode === 'normal') sqlite.pragma('synchronous = NORMAL');
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

const questionnaire: unknown = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '../surveys/social-services.json'), 'utf8'),
);

const app = new Hono();
app.post('/api/public/surveys/:slug/responses', async (c) => {
  const text = await c.req.text();
  const { id, answers } = JSON.parse(text) as { id: string; answers: Record<string, unknown> };
  if (mode === 'model') {
    const model = new Model(questionnaire);
    model.data = answers;
    const valid = model.validate(false);
    model.dispose();
    if (!valid) return c.json({ error: 'InvalidAnswers' }, 400);
  }
  await insert(id, text);
  return c.json({ id }, 201);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
