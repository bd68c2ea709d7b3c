import fs from "node:fs";
import type SQLite from "better-sqlite3";
import { migrateToLatest, openDatabase, type DB } from "@db/index";
import { createLucia, type AppLucia } from "~/auth/lucia.server";
import { getConfig, type Config } from "~/config.server";
import { loadCatalogFromDisk } from "~/content/loader.server";
import { formatProblem, type Catalog, type Problem } from "~/content/types";

export interface Runtime {
  config: Config;
  db: DB;
  sqlite: SQLite.Database;
  lucia: AppLucia;
  catalog: Catalog;
  warnings: Problem[];
  /** errors of the last reload that was refused (development only); the previous catalogue stays live */
  reloadErrors: Problem[];
}

export class ContentError extends Error {
  constructor(public problems: Problem[]) {
    super(`The course content has errors; the server will not start:\n${problems.map(formatProblem).join("\n")}`);
  }
}

// Kept on globalThis so a rebuilt server bundle in development reuses the open database.
const g = globalThis as typeof globalThis & { __runtime?: Runtime };

/** Validates configuration, opens and migrates the database and loads the catalogue, once. */
export async function boot(): Promise<Runtime> {
  if (g.__runtime) return g.__runtime;
  const config = getConfig();
  const { catalog, problems } = loadCatalogFromDisk(config.COURSES_DIR);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new ContentError(errors);
  const { db, sqlite } = openDatabase(config.databasePath);
  await migrateToLatest(db);
  g.__runtime = {
    config,
    db,
    sqlite,
    lucia: createLucia(db, config.SESSION_COOKIE_SECURE),
    catalog,
    warnings: problems.filter((p) => p.severity === "warning"),
    reloadErrors: [],
  };
  if (config.NODE_ENV === "development") watchCourses(g.__runtime);
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

export function runtime(): Runtime {
  if (!g.__runtime) throw new Error("The platform has not booted: start it with `npm start` (server.mjs calls boot()).");
  return g.__runtime;
}
