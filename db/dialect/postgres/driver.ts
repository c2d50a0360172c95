/**
 * The PostgreSQL engine's one door to its driver: every other file of db/dialect/postgres/ takes
 * `pg` and `pg-cursor` from here (test/unit/architecture.test.ts holds it).
 */
export { default as pg } from 'pg';
export { default as Cursor } from 'pg-cursor';
