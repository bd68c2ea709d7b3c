import fs from "node:fs";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { migrateToLatest, openDatabase, ping, type DB } from "@db/index";
import { DatabaseLockedError, holdServerLock } from "~/admin/backup.server";
import { createLucia, type AppLucia } from "~/auth/lucia.server";
import { ConfigError, getConfig, type Config } from "~/config.server";
import { loadCatalogFromDisk } from "~/content/loader.server";
import { formatProblem, type Catalog, type Problem } from "~/content/types";
import { createMailer, type Mailer } from "~/mail/mail.server";

export interface Runtime {
  config: Config;
  db: DB;
  sqlite: SQLite.Database;
  /** the lock a running server holds beside its database file, so a restore waits for it to stop (decision 018); null in memory */
  serverLock: SQLite.Database | null;
  lucia: AppLucia;
  catalog: Catalog;
  /** the SMTP connection when SMTP_URL is set; null otherwise, and nothing is emailed */
  mailer: Mailer | null;
  warnings: Problem[];
  /** errors of the last reload that was refused (development only); the previous catalogue stays live */
  reloadErrors: Problem[];
}

export { ConfigError };

export class ContentError extends Error {
  constructor(public problems: Problem[]) {
    super(`The course content has errors; the server will not start:\n${problems.map(formatProblem).join("\n")}`);
  }
}

// Kept on globalThis so a rebuilt server bundle in development reuses the open database.
const g = globalThis as typeof globalThis & { __runtime?: Runtime };

/**
 * Opens and migrates the database and loads the catalogue for `config`. Every loader and action
 * receives the result through the load context (server.mjs); tests build their own.
 */
export async function createRuntime(config: Config): Promise<Runtime> {
  const { catalog, problems } = loadCatalogFromDisk(config.COURSES_DIR);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new ContentError(errors);
  let serverLock: SQLite.Database | null = null;
  if (config.databasePath !== ":memory:") {
    fs.mkdirSync(path.dirname(config.databasePath), { recursive: true });
    try {
      serverLock = holdServerLock(config.databasePath);
    } catch (e) {
      throw e instanceof DatabaseLockedError ? new ConfigError(e.message) : e;
    }
  }
  const { db, sqlite } = openDatabase(config.databasePath);
  await migrateToLatest(db);
  return {
    config,
    db,
    sqlite,
    serverLock,
    lucia: createLucia(db, config.SESSION_COOKIE_SECURE),
    catalog,
    mailer: createMailer(config),
    warnings: problems.filter((p) => p.severity === "warning"),
    reloadErrors: [],
  };
}

/**
 * What a server's primary process does before it starts its workers (server.mjs, decision 030): checks
 * the configuration, takes its share of the server lock and applies the migrations, once. The lock
 * stays held until the process ends; the catalogue is the workers' to load.
 */
export async function prepare(): Promise<{ config: Config; serverLock: SQLite.Database | null }> {
  const config = getConfig();
  let serverLock: SQLite.Database | null = null;
  if (config.databasePath !== ":memory:") {
    fs.mkdirSync(path.dirname(config.databasePath), { recursive: true });
    try {
      serverLock = holdServerLock(config.databasePath);
    } catch (e) {
      throw e instanceof DatabaseLockedError ? new ConfigError(e.message) : e;
    }
  }
  const { db, sqlite } = openDatabase(config.databasePath);
  try {
    await migrateToLatest(db);
  } finally {
    sqlite.close();
  }
  return { config, serverLock };
}

/** Closes the database and lets go of the server's lock (a restore may then run). */
export function closeRuntime(rt: Runtime) {
  rt.sqlite.close();
  rt.serverLock?.close();
}

/** The server's runtime from the environment, once per process (a rebuilt bundle in development reuses it). */
export async function boot(): Promise<Runtime> {
  if (g.__runtime) return g.__runtime;
  g.__runtime = await createRuntime(getConfig());
  if (g.__runtime.config.NODE_ENV === "development") watchCourses(g.__runtime);
  return g.__runtime;
}

/**
 * In development, reloads the catalogue when a course file changes, so instructors preview their edits
 * (drafts included) on the next page load. A reload with errors is refused and its errors are shown on
 * the content-health page; the last good catalogue stays live.
 */
function watchCourses(rt: Runtime) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  fs.watch(rt.config.COURSES_DIR, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { catalog, problems } = loadCatalogFromDisk(rt.config.COURSES_DIR);
      const errors = problems.filter((p) => p.severity === "error");
      rt.reloadErrors = errors;
      if (errors.length) {
        console.error(`Course change not loaded:\n${errors.map(formatProblem).join("\n")}`);
        return;
      }
      rt.catalog = catalog;
      rt.warnings = problems.filter((p) => p.severity === "warning");
      console.log(`Catalogue reloaded: ${catalog.courses.length} course(s).`);
    }, 300);
  });
}

/** What /healthz reports: whether the database answers, and how many courses are loaded. */
export async function health(rt: Runtime) {
  const database = await ping(rt.db).catch(() => false);
  return { status: database ? ("ok" as const) : ("unavailable" as const), database: database ? "ok" : "down", courses: rt.catalog.courses.length };
}
