import { PostgresAdapter, type Kysely } from "kysely";

// Apart from db/index.ts, so that migrations can ask which engine they run on without importing
// the module that imports them.

export type Engine = "sqlite" | "postgres";

/** Which engine `db` (or a transaction of it) runs on. */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * The operator for "contains, ignoring case": SQLite's LIKE already ignores (ASCII) case, Postgres's
 * does not, and its ILIKE does.
 */
export function likeInsensitive(db: Kysely<any>): "like" | "ilike" {
  return engineOf(db) === "postgres" ? "ilike" : "like";
}

