// Which engine this test run is on, and a fresh empty database on it (docs/decisions/024). vitest's
// "sqlite" project runs every test on SQLite; its "postgres" project runs tests/integration again on a
// throw-away PostgreSQL cluster (tests/helpers/pg-global-setup.ts) with TEST_ENGINE=postgres.
import pg from "pg";
import { inject } from "vitest";
import type { Engine } from "../../db/index";

export const testEngine: Engine = process.env.TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

let fileDatabase: Promise<{ url: string; admin: pg.Pool }> | undefined;
let schemas = 0;

/** One database per test file, created on first use: files run in parallel without meeting. */
function databaseOfThisFile() {
  fileDatabase ??= (async () => {
    const serverUrl = inject("postgresUrl");
    if (!serverUrl) throw new Error("TEST_ENGINE=postgres but no cluster was started (tests/helpers/pg-global-setup.ts)");
    const name = `f_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = serverUrl.replace(/\/[^/?]*$/, `/${name}`);
    return { url, admin: new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true }) };
  })();
  return fileDatabase;
}

/**
 * A DATABASE_URL naming a new, empty database: SQLite in memory, or on Postgres a new schema of this
 * file's database (a schema costs milliseconds, a database a file copy), reached through search_path.
 */
export async function freshDatabaseUrl(): Promise<string> {
  if (testEngine === "sqlite") return ":memory:";
  const { url, admin } = await databaseOfThisFile();
  const schema = `s${++schemas}`;
  await admin.query(`create schema ${schema}`);
  return `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** the throw-away cluster's superuser URL, or null on SQLite runs */
    postgresUrl: string | null;
  }
}
