import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createRequire } from "node:module";
import type pg from "pg";
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type MigrationResultSet,
  type SqliteDatabase as KyselySqliteDatabase,
  type SqliteDialectConfig,
  type TransactionBuilder,
} from "kysely";
import { engineOf } from "./dialect";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

export type DB = Kysely<Database>;
export { engineOf, likeInsensitive } from "./dialect";

/** Where the data lives, from DATABASE_URL (app/config.server.ts): a SQLite file, or a PostgreSQL server. */
export type DatabaseTarget = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };
export type { Engine } from "./dialect";

export interface SqliteDatabase {
  engine: "sqlite";
  db: DB;
  sqlite: SQLite.Database;
  close: () => Promise<void>;
}

export interface PostgresDatabase {
  engine: "postgres";
  db: DB;
  pool: pg.Pool;
  /** the connection string, for pg_dump and pg_restore (app/admin/pg-backup.server.ts) */
  url: string;
  close: () => Promise<void>;
}

export type OpenedDatabase = SqliteDatabase | PostgresDatabase;

/**
 * Transactions take SQLite's write lock when they begin (`begin immediate`), not at their first
 * write. With several server processes on one file (decision 030), a deferred transaction that read
 * and then writes fails at once with "database is locked" when another process wrote in between
 * (the busy timeout cannot help it); an immediate one waits its turn for up to the busy timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

// Kysely prepares every query afresh, and compiling the SQL was 3 % of a page's CPU (decision 039).
const STATEMENTS_KEPT = 500;

/**
 * The database as Kysely sees it, with each statement compiled once per SQL text and reused (the
 * STATEMENTS_KEPT most recently used). A statement still iterating, a streamed query, is never
 * handed out twice: the second caller gets a fresh one. Schema changes need nothing: SQLite
 * recompiles a statement whose tables changed.
 */
function reusingStatements(sqlite: SQLite.Database): KyselySqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const found = kept.get(text);
      if (found && !found.busy) {
        kept.delete(text);
        kept.set(text, found);
        return found;
      }
      const fresh = sqlite.prepare(text);
      if (!found) {
        kept.set(text, fresh);
        if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      return fresh;
    },
  };
}

/**
 * Opens the SQLite database at `file` (":memory:" for tests), creating its folder when missing.
 * WAL lets readers (reports) run beside the single writer; synchronous=NORMAL is durable against
 * application crashes and only risks the last transactions on power loss, which WAL keeps consistent.
 */
export function openDatabase(file: string): SqliteDatabase {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file, { timeout: 5000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) }) });
  return {
    engine: "sqlite",
    db,
    sqlite,
    close: async () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/** Opens either engine (docs/decisions/024-postgres-dialect.md). */
export function openTarget(target: DatabaseTarget, opts: PostgresOptions = {}): OpenedDatabase {
  return target.engine === "sqlite" ? openDatabase(target.path) : openPostgres(target.url, opts);
}

// Postgres ---------------------------------------------------------------------------------------
// Every difference from SQLite that the services would otherwise see is settled here, once:
// - int8 (bigint columns: epoch milliseconds; count(*); sum of integers) comes back as a JS number,
//   not the string pg gives by default, and numeric (avg, sum of bigints) too; a value beyond 2^53
//   is an error rather than a silently rounded number;
// - transactions are SERIALIZABLE and retried on a serialization failure or deadlock, so that the
//   read-then-write transactions written against SQLite (which runs one writer at a time) keep their
//   meaning when several app servers share the database;
// - case-insensitive LIKE is ILIKE (likeInsensitive below).
// The schema itself is portable: integers 0/1 for booleans, bigint epoch milliseconds, text for JSON.

// pg is required when a Postgres database is opened: the SQLite default never loads it (decision 039).
const require = createRequire(import.meta.url);
/** The pg module, loaded on first use. */
export const pgModule = () => require("pg") as typeof pg;

const INT8 = 20;
const NUMERIC = 1700;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`A bigint from Postgres (${value}) does not fit a JavaScript number.`);
  return n;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return parseInt8;
    if (oid === NUMERIC) return (v: string) => Number(v);
    return pgModule().types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** SQLSTATEs after which running the whole transaction again can succeed. */
const RETRYABLE = new Set(["40001", "40P01"]);
// Enough for dozens of requests racing on one row (50 wrong passwords for one account at once, in
// tests/security/two-servers.pg.test.ts): each round one of them commits.
const MAX_TRIES = 40;

function isRetryable(e: unknown): boolean {
  return typeof e === "object" && e !== null && RETRYABLE.has(String((e as { code?: unknown }).code));
}

class PostgresKysely extends Kysely<Database> {
  /**
   * Serializable, and run again when Postgres says another transaction got in the way: the callback
   * must only touch the database (every transaction in app/ does), since it may run more than once.
   */
  override transaction(): TransactionBuilder<Database> {
    const builder = super.transaction().setIsolationLevel("serializable");
    const once = builder.execute.bind(builder);
    builder.execute = async (callback) => {
      for (let tries = 1; ; tries++) {
        try {
          return await once(callback);
        } catch (e) {
          if (!isRetryable(e) || tries >= MAX_TRIES) throw e;
          // Random back-off, growing: racing requests spread out instead of colliding again.
          await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(tries, 5)));
        }
      }
    };
    return builder;
  }
}

export interface PostgresOptions {
  /** connections in the pool (default 10) */
  poolSize?: number;
  /** what pg_stat_activity shows; a server's own is SERVER_APPLICATION_NAME, which a restore looks for */
  applicationName?: string;
}

/** How a running app server's connections name themselves, so that db:restore can tell one is running. */
export const SERVER_APPLICATION_NAME = "cyberdiplo-server";

/**
 * A pool of connections to the PostgreSQL database at `url` (postgres://user:password@host:port/db;
 * `?host=/socket/dir` for a unix socket, `?options=-c search_path=…` for a schema, as libpq reads them).
 */
export function openPostgres(url: string, opts: PostgresOptions = {}): PostgresDatabase {
  const pool = new (pgModule().Pool)({ connectionString: url, types: pgTypes, max: opts.poolSize ?? 10, allowExitOnIdle: true, application_name: opts.applicationName ?? "cyberdiplo" });
  // An idle connection that the server drops (restart, failover) must not crash the process.
  pool.on("error", (e) => console.error(`Postgres connection error: ${e.message}`));
  const db = new PostgresKysely({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    engine: "postgres",
    db,
    pool,
    url,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  // Kysely looks for its migration table in every schema it can see unless told which: on Postgres,
  // the connection's own (a second schema of the same database, as tests use, is another platform).
  const migrationTableSchema =
    engineOf(db) === "postgres" ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema : undefined;
  const migrator = new Migrator({ db, migrationTableSchema, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    throw result.error instanceof Error ? result.error : new Error(String(result.error));
  }
  return result;
}

export async function ping(db: DB): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok`.execute(db);
  return r.rows[0]?.ok === 1;
}
