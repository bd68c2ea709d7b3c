// Backup and restore of the SQLite database (docs/decisions/018-backup-and-restore.md). Used by
// `npm run db:backup`, `npm run db:restore` and the admin page /admin/backups; the functions take
// paths or an open database, and read no configuration of their own.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import SQLite from "better-sqlite3";
import type { DB } from "@db/index";
import { migrations } from "@db/migrations/index";
import { msg } from "~/lib/submission.server";
import type { Runtime } from "~/runtime.server";
import { backupPostgres, postgresBackupFileName } from "./pg-backup.server";

// The server's lock ------------------------------------------------------------------------------

/** The file every running server holds a lock on, beside the database: `app.sqlite-lock`. */
export const lockPathOf = (databasePath: string) => `${databasePath}-lock`;

/** The database is held by a running server, or being restored: the one may not start while the other runs. */
export class DatabaseLockedError extends Error {}

const isBusy = (e: unknown) => e instanceof SQLite.SqliteError && (e.code === "SQLITE_BUSY" || e.code === "SQLITE_LOCKED");

/**
 * Taken by a server when it starts (app/runtime.server.ts) and held until its process ends: a shared
 * lock on `<database>-lock`, through SQLite's own file locking (fcntl/LockFileEx) in exclusive locking
 * mode, which keeps a lock once it has one. Any number of servers may hold it; a restore needs it
 * exclusively. The operating system drops it when the process ends, however it ends, so it never goes
 * stale. A server that starts during a restore waits up to `waitMs` for it to finish.
 */
export function holdServerLock(databasePath: string, waitMs = 15_000): SQLite.Database {
  const lock = new SQLite(lockPathOf(databasePath), { timeout: waitMs });
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.prepare("SELECT count(*) AS n FROM sqlite_master").get();
  } catch (e) {
    lock.close();
    if (isBusy(e)) throw new DatabaseLockedError(`The database ${databasePath} is being restored (npm run db:restore); start the server again once the restore has finished.`);
    throw e;
  }
  return lock;
}

/** The restore's side of the lock: exclusive, at once or not at all. */
function takeRestoreLock(databasePath: string): SQLite.Database {
  const lock = new SQLite(lockPathOf(databasePath), { timeout: 0 });
  lock.pragma("locking_mode = EXCLUSIVE");
  try {
    lock.exec("BEGIN EXCLUSIVE");
  } catch (e) {
    lock.close();
    if (isBusy(e)) throw new RestoreRefused("server-running", `A server is running on ${databasePath} (it holds ${lockPathOf(databasePath)}). Stop it first, then restore.`);
    throw e;
  }
  return lock;
}

// Checking a database file -----------------------------------------------------------------------

export interface DatabaseCheck {
  /** "ok", or what integrity_check reported (its first lines) */
  integrity: string;
  tables: number;
  /** the platform's migrations the file has, in order */
  migrations: string[];
}

const HEADER = Buffer.from("SQLite format 3\0", "latin1");

function isSqliteFile(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(HEADER.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function integrityOf(db: SQLite.Database): string {
  const rows = db.pragma("integrity_check(20)") as { integrity_check: string }[];
  const lines = rows.map((r) => r.integrity_check);
  return lines.length === 1 && lines[0] === "ok" ? "ok" : lines.join("; ");
}

function countTables(db: SQLite.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
}

/**
 * Opens a copy that this module wrote (nobody else has it open) and leaves it a single self-contained
 * file (rollback journal, no -wal beside it), so it can be copied elsewhere as it is (the server turns
 * WAL on again when it opens it); says what tables and platform migrations it has.
 */
function describeOwnCopy(file: string): Omit<DatabaseCheck, "integrity"> {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get() !== undefined;
    const applied = hasMigrations ? (db.prepare("SELECT name FROM kysely_migration ORDER BY name").all() as { name: string }[]).map((r) => r.name) : [];
    return { tables: countTables(db), migrations: applied };
  } finally {
    db.close();
  }
}

function integrityOfFile(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return integrityOf(db);
  } finally {
    db.close();
  }
}

// integrity_check reads every page (about 200 ms for 23 MB, seconds for hundreds): the admin page's
// backup runs it in a worker thread, so the server keeps answering meanwhile.
const INTEGRITY_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file, { readonly: true, fileMustExist: true });
try {
  parentPort.postMessage(db.pragma("integrity_check(20)").map((r) => r.integrity_check));
} finally {
  db.close();
}`;

function integrityOffThread(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const worker = new Worker(INTEGRITY_WORKER, { eval: true, workerData: { file, driver } });
    worker.once("message", (lines: string[]) => resolve(lines.length === 1 && lines[0] === "ok" ? "ok" : lines.join("; ")));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the integrity check stopped (exit code ${code})`)));
  });
}

function fsyncFile(file: string) {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The same, on libuv's thread pool: flushing hundreds of megabytes need not stop the server. */
async function fsyncFileAsync(file: string) {
  const handle = await fs.promises.open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable; not possible everywhere (Windows), where the rename is still atomic. */
function fsyncDir(dir: string) {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort
  }
}

const removeWithSidecars = (file: string) => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
};

// Backup -----------------------------------------------------------------------------------------

export interface BackupResult {
  file: string;
  startedAt: number;
  durationMs: number;
  bytes: number;
  tables: number;
  integrity: string;
}

export class BackupError extends Error {}

/**
 * An online copy of `source` (an open connection: the server's own, or a script's) at `out`, through
 * SQLite's backup API: every page of one consistent snapshot, while others go on writing (WAL lets
 * them). `pagesPerStep` "all" copies in one step, one read transaction, so writes by other processes
 * cannot make it start over; a number copies that many pages at a time and lets the event loop run
 * between steps (the server's own writes between steps are applied to the copy as they happen);
 * `offThread` runs the integrity check in a worker thread. Written beside as `out.partial`, checked
 * with integrity_check, then renamed: a file named `out` is always a complete, checked backup.
 * Readable by its owner only (created so, not opened up and closed later): it holds password hashes.
 */
export async function backupDatabase(
  source: SQLite.Database,
  out: string,
  opts: { overwrite?: boolean; pagesPerStep?: number | "all"; offThread?: boolean; now?: number } = {},
): Promise<BackupResult> {
  const file = path.resolve(out);
  if (!opts.overwrite && fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another name (or pass --overwrite).`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  removeWithSidecars(partial);
  fs.writeFileSync(partial, "", { mode: 0o600 });
  const startedAt = opts.now ?? Date.now();
  const t0 = performance.now();
  const step = opts.pagesPerStep ?? "all";
  try {
    await source.backup(partial, { progress: () => (step === "all" ? 0x7fffffff : step) });
    fs.chmodSync(partial, 0o600);
    const { tables } = describeOwnCopy(partial);
    const integrity = opts.offThread ? await integrityOffThread(partial) : integrityOfFile(partial);
    await fsyncFileAsync(partial);
    fs.renameSync(partial, file);
    fsyncDir(path.dirname(file));
    return { file, startedAt, durationMs: Math.round(performance.now() - t0), bytes: fs.statSync(file).size, tables, integrity };
  } catch (e) {
    removeWithSidecars(partial);
    throw e;
  }
}

/** `app-2026-05-01T10-20-30-123Z.sqlite`: sorts by time, safe on every file system. */
export function backupFileName(databasePath: string, now = Date.now()): string {
  const base = databasePath === ":memory:" ? "memory" : path.basename(databasePath).replace(/\.(sqlite3?|db)$/i, "");
  return `${base}-${new Date(now).toISOString().replace(/[:.]/g, "-")}.sqlite`;
}

export type BackupStarter = { by: "command" } | { by: "admin"; userId: string };

/** Notes a backup (or a failed one) in the `backups` table. */
export async function recordBackup(db: DB, result: BackupResult, starter: BackupStarter): Promise<void> {
  await db
    .insertInto("backups")
    .values({
      started_at: result.startedAt,
      duration_ms: result.durationMs,
      file: result.file,
      size_bytes: result.bytes,
      tables: result.tables,
      started_by: starter.by,
      user_id: starter.by === "admin" ? starter.userId : null,
      integrity: result.integrity,
    })
    .execute();
}

/** The admin page's form: one button. */
export const BackupForm = z.object({ intent: z.literal("backup", msg("form.error.invalid")) });

/**
 * "Back up now" on the admin page: a backup of the server's database into BACKUP_DIR, through the
 * server's own connection in steps (the site keeps answering), recorded whether it worked or not.
 */
export async function backupNow(rt: Runtime, user: { id: string }, now = Date.now()): Promise<{ ok: boolean; file: string }> {
  const dir = path.resolve(rt.config.BACKUP_DIR);
  const database = rt.database;
  const name = database.engine === "sqlite" ? backupFileName(rt.config.databasePath, now) : postgresBackupFileName(database.url, now);
  const ext = path.extname(name);
  let file = path.join(dir, name);
  // Two clicks in the same millisecond: the second gets its own name.
  for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${name.slice(0, -ext.length)}-${i}${ext}`);
  let result: BackupResult;
  try {
    result =
      database.engine === "sqlite"
        ? await backupDatabase(database.sqlite, file, { pagesPerStep: 256, offThread: true, now })
        : await backupPostgres(database.url, file, { now });
  } catch (e) {
    result = { file, startedAt: now, durationMs: Date.now() - now, bytes: 0, tables: 0, integrity: `backup failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  await recordBackup(rt.db, result, { by: "admin", userId: user.id });
  return { ok: result.integrity === "ok", file: path.basename(file) };
}

/** What /admin/backups shows: where backups go and the last ones taken, newest first. */
export async function backupsView(rt: Runtime, limit = 20) {
  const rows = await rt.db
    .selectFrom("backups as b")
    .leftJoin("users as u", "u.id", "b.user_id")
    .select(["b.id", "b.started_at", "b.duration_ms", "b.file", "b.size_bytes", "b.tables", "b.started_by", "b.integrity", "u.name as user_name"])
    .orderBy("b.started_at", "desc")
    .orderBy("b.id", "desc")
    .limit(limit)
    .execute();
  return {
    dir: path.resolve(rt.config.BACKUP_DIR),
    backups: rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      name: path.basename(r.file),
      file: r.file,
      /** a backup removed since (by retention, or moved off the machine) is still listed, marked so */
      onDisk: fs.existsSync(r.file),
      bytes: r.size_bytes,
      tables: r.tables,
      by: r.started_by,
      userName: r.user_name,
      ok: r.integrity === "ok",
      integrity: r.integrity,
    })),
  };
}

// Restore ----------------------------------------------------------------------------------------

export type RefusalReason = "missing" | "same-file" | "server-running" | "in-use" | "not-sqlite" | "not-dump" | "damaged" | "not-platform" | "newer";

export class RestoreRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export interface RestoreResult {
  source: string;
  target: string;
  /** where the database that was replaced is kept, or null when there was none */
  previous: string | null;
  bytes: number;
  tables: number;
  migrations: string[];
  /** migrations this version has that the restored file has not: the server applies them at start */
  pending: string[];
  durationMs: number;
}

/**
 * Puts the backup `source` in place of the database `target`. Refuses while a server holds the
 * target's lock or any other connection has the target open; checks a copy of `source` written beside
 * the target (a SQLite file, integrity_check "ok", this platform's migrations table with no migration
 * this version does not know); then keeps the current database as `target.before-restore` and
 * renames the copy over the target, so the target path always names a whole database.
 */
export function restoreDatabase(source: string, target: string): RestoreResult {
  const t0 = performance.now();
  const from = path.resolve(source);
  const to = path.resolve(target);
  if (!fs.existsSync(from) || !fs.statSync(from).isFile()) throw new RestoreRefused("missing", `${from} does not exist or is not a file.`);
  if (from === to || (fs.existsSync(to) && fs.statSync(from).ino === fs.statSync(to).ino))
    throw new RestoreRefused("same-file", `${from} is the database itself; give a backup file.`);
  if (!isSqliteFile(from)) throw new RestoreRefused("not-sqlite", `${from} is not a SQLite database.`);
  fs.mkdirSync(path.dirname(to), { recursive: true });

  const lock = takeRestoreLock(to);
  const staging = `${to}.restoring`;
  try {
    removeWithSidecars(staging);
    fs.copyFileSync(from, staging);
    fs.chmodSync(staging, 0o600);
    let check: DatabaseCheck;
    try {
      check = { ...describeOwnCopy(staging), integrity: integrityOfFile(staging) };
    } catch (e) {
      throw new RestoreRefused("damaged", `${from} cannot be read as a database: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (check.integrity !== "ok") throw new RestoreRefused("damaged", `${from} fails integrity_check: ${check.integrity}`);
    if (check.migrations.length === 0)
      throw new RestoreRefused("not-platform", `${from} is a SQLite database but not one of this platform (it has no kysely_migration table, or an empty one).`);
    const unknown = check.migrations.filter((m) => !(m in migrations));
    if (unknown.length)
      throw new RestoreRefused("newer", `${from} was made by a newer version of the platform (migrations unknown here: ${unknown.join(", ")}); restore it with that version.`);
    fsyncFile(staging);

    let previous: string | null = null;
    if (fs.existsSync(to)) {
      settle(to);
      previous = `${to}.before-restore`;
      fs.rmSync(previous, { force: true });
      try {
        fs.linkSync(to, previous);
      } catch {
        fs.copyFileSync(to, previous);
      }
    }
    fs.renameSync(staging, to);
    fs.rmSync(`${to}-shm`, { force: true });
    fsyncDir(path.dirname(to));
    return {
      source: from,
      target: to,
      previous,
      bytes: fs.statSync(to).size,
      tables: check.tables,
      migrations: check.migrations,
      pending: Object.keys(migrations).filter((m) => !check.migrations.includes(m)),
      durationMs: Math.round(performance.now() - t0),
    };
  } finally {
    removeWithSidecars(staging);
    lock.close();
  }
}

/**
 * Makes sure nobody has `file` open, and folds its write-ahead log into it: in exclusive locking mode
 * SQLite needs an exclusive lock on the file, which any other connection (a WAL connection keeps a
 * shared lock for as long as it is open) prevents. A log left by a server that crashed is replayed,
 * checkpointed and removed, so `file` alone is the whole previous database and no stale -wal is left
 * to be applied to the restored one.
 */
function settle(file: string) {
  const db = new SQLite(file, { timeout: 0, fileMustExist: true });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("journal_mode = DELETE");
  } catch (e) {
    if (isBusy(e)) throw new RestoreRefused("in-use", `${file} is open in another program (a server, a backup, a sqlite3 shell?). Close it, then restore.`);
    throw e;
  } finally {
    db.close();
  }
  if (fs.existsSync(`${file}-wal`)) throw new RestoreRefused("in-use", `${file}-wal is still there after a checkpoint: something has the database open. Close it, then restore.`);
}

/** "12.3 MB", for the command-line tools' messages. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

/** Whether the database has the `backups` table yet (a database not migrated since issue 13 has not). */
export function hasBackupsTable(sqlite: SQLite.Database): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'backups'").get() !== undefined;
}
