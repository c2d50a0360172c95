/**
 * The SQLite engine's one door to its driver: every other file of db/dialect/sqlite/ takes
 * better-sqlite3 from here (test/unit/architecture.test.ts holds it).
 */
export { default as SqliteDatabase } from 'better-sqlite3';
