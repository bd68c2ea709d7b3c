import fs from "node:fs";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { migrateToLatest, openTarget, ping, SERVER_APPLICATION_NAME, type DB, type OpenedDatabase } from "@db/index";
import { DatabaseLockedError, holdServerLock } from "~/admin/backup.server";
import { createLucia, type AppLucia } from "~/auth/lucia.server";
import { ensureIssuerKey, IssuerKeyError, readIssuerKeyFile, type SigningKey } from "~/certificates/keys.server";
import { ConfigError, getConfig, type Config } from "~/config.server";
import { loadCatalogFromDisk } from "~/content/loader.server";
import { formatProblem, type Catalog, type Problem } from "~/content/types";
import { createMailer, type Mailer } from "~/mail/mail.server";

export interface Runtime {
  config: Config;
  db: DB;
  /** the open database: SQLite's connection (backups use it) or the Postgres pool (decision 024) */
  database: OpenedDatabase;
  /** the lock a running server holds beside its SQLite file, so a restore waits for it to stop (decision 018); null in memory and on Postgres */
  serverLock: SQLite.Database | null;
  lucia: AppLucia;
  catalog: Catalog;
  /** the SMTP connection when SMTP_URL is set; null otherwise, and nothing is emailed */
  mailer: Mailer | null;
  warnings: Problem[];
  /** the badge signing key ISSUER_KEY_FILE supplies; null when the database holds it (decision 026) */
  issuerKey: SigningKey | null;
  /** errors of the last reload that was refused (development only); the previous catalogue stays live */
  reloadErrors: Problem[];
}

export { ConfigError };

/** Each server process holds a share of the lock beside its SQLite file; nothing on Postgres or in memory. */
function takeServerLock(config: Config): SQLite.Database | null {
  const target = config.database;
  if (target.engine !== "sqlite" || target.path === ":memory:") return null;
  fs.mkdirSync(path.dirname(target.path), { recursive: true });
  try {
    return holdServerLock(target.path);
  } catch (e) {
    throw e instanceof DatabaseLockedError ? new ConfigError(e.message) : e;
  }
}

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
  const serverLock = takeServerLock(config);
  const { database, issuerKey } = await openMigrated(config, serverLock);
  return {
    config,
    db: database.db,
    database,
    serverLock,
    lucia: createLucia(database.db, config.SESSION_COOKIE_SECURE),
    catalog,
    mailer: createMailer(config),
    warnings: problems.filter((p) => p.severity === "warning"),
    issuerKey,
    reloadErrors: [],
  };
}

/**
 * What a server's primary process does before it starts its workers (server.mjs, decision 030): checks
 * the configuration, takes its share of the server lock (SQLite), applies the migrations and makes
 * the issuer key, once, so workers starting together never race to create it. The lock stays held
 * until the process ends; the catalogue is the workers' to load.
 */
export async function prepare(): Promise<{ config: Config; serverLock: SQLite.Database | null }> {
  const config = getConfig();
  const serverLock = takeServerLock(config);
  await (await openMigrated(config, serverLock)).database.close();
  return { config, serverLock };
}

/**
 * Reads the issuer key file (if any), opens the database, applies the migrations and makes sure an
 * issuer key exists. Several servers starting at once on one Postgres database take turns through
 * Kysely's migration lock; the later ones find nothing left to do. On failure the lock is let go.
 */
async function openMigrated(config: Config, serverLock: SQLite.Database | null): Promise<{ database: OpenedDatabase; issuerKey: SigningKey | null }> {
  let issuerKey: SigningKey | null = null;
  try {
    issuerKey = config.ISSUER_KEY_FILE ? await readIssuerKeyFile(config.ISSUER_KEY_FILE) : null;
  } catch (e) {
    serverLock?.close();
    throw e instanceof IssuerKeyError ? new ConfigError(e.message) : e;
  }
  const database = openTarget(config.database, { applicationName: SERVER_APPLICATION_NAME });
  try {
    await migrateToLatest(database.db);
    await ensureIssuerKey(database.db, issuerKey);
  } catch (e) {
    await database.close();
    serverLock?.close();
    throw e;
  }
  return { database, issuerKey };
}

/** Closes the database (or its pool) and lets go of the server's lock (a restore may then run). */
export async function closeRuntime(rt: Runtime) {
  await rt.database.close();
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
