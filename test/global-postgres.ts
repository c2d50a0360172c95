/**
 * Vitest global setup of the `integration-postgres` project: one real PostgreSQL server for the
 * whole run (Debian's binaries, `initdb` + `pg_ctl` in a temporary directory, as an unprivileged
 * user), its admin connection string passed to the test processes in OVOZ_TEST_PG_URL. Each test
 * app or server then makes its own database on it (test/helpers/database.ts).
 */
import { startPgCluster, type PgCluster } from './helpers/pg-cluster.js';

let cluster: PgCluster | undefined;

export async function setup(): Promise<void> {
  cluster = await startPgCluster();
  process.env.OVOZ_TEST_PG_URL = cluster.url;
  process.env.OVOZ_TEST_PG_DIR = cluster.dir;
}

export function teardown(): void {
  cluster?.stop();
}
