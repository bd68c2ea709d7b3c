// Backup and restore (docs/decisions/018) on real SQLite files, with real concurrent writers: another
// process inserting rows as fast as it can, or the server's own connection between backup steps.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  backupDatabase,
  DatabaseLockedError,
  holdServerLock,
  lockPathOf,
  RestoreRefused,
  restoreDatabase,
  type RefusalReason,
} from "../../app/admin/backup.server";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import { parseConfig } from "../../app/config.server";
import { closeRuntime, createRuntime, type Runtime } from "../../app/runtime.server";
import { action as backupsAction, loader as backupsLoader } from "../../app/routes/admin.backups";
import { migrateToLatest, openDatabase } from "../../db/index";
import { getAs, postAs, statusOf } from "../helpers/http";
import { testEngine } from "../helpers/engine";
import { testRuntime } from "../helpers/runtime";

const ROOT = path.resolve(__dirname, "../..");

function sqliteOf(rt: Runtime): SQLite.Database {
  if (rt.database.engine !== "sqlite") throw new Error("a SQLite runtime was expected");
  return rt.database.sqlite;
}
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdl-backup-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A migrated platform database at `file` with a `writer_rows` table, and `megabytes` of filler so a backup takes a while. */
async function platformDb(file: string, megabytes = 0) {
  const opened = openDatabase(file);
  await migrateToLatest(opened.db);
  opened.sqlite.exec("CREATE TABLE writer_rows (n INTEGER PRIMARY KEY, at INTEGER NOT NULL); CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  const fill = opened.sqlite.prepare("INSERT INTO filler (data) VALUES (randomblob(4096))");
  opened.sqlite.transaction(() => {
    for (let i = 0; i < megabytes * 256; i++) fill.run();
  })();
  return opened;
}

/** Another process that inserts rows 1, 2, 3… into writer_rows, one committed transaction each, until killed. */
async function startWriter(file: string): Promise<ChildProcess> {
  const code = `
    const SQLite = require(${JSON.stringify(path.join(ROOT, "node_modules/better-sqlite3"))});
    const db = new SQLite(${JSON.stringify(file)}, { timeout: 5000 });
    db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL");
    const ins = db.prepare("INSERT INTO writer_rows (n, at) VALUES (?, ?)");
    let n = 0;
    for (let i = 0; i < 200; i++) ins.run(++n, Date.now());
    process.stdout.write("writing\\n");
    for (;;) ins.run(++n, Date.now());`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (c) => reject(new Error(`writer exited with ${c}`)));
  });
  return child;
}

const maxRow = (db: SQLite.Database) => (db.prepare("SELECT coalesce(max(n), 0) AS n FROM writer_rows").get() as { n: number }).n;
const countRows = (db: SQLite.Database) => (db.prepare("SELECT count(*) AS n FROM writer_rows").get() as { n: number }).n;

function readOnly<T>(file: string, f: (db: SQLite.Database) => T): T {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

async function refusal(f: () => unknown): Promise<RefusalReason | "no refusal"> {
  try {
    await f();
    return "no refusal";
  } catch (e) {
    if (e instanceof RestoreRefused) return e.reason;
    throw e;
  }
}

/** `npm run db:backup -- --out <out>` on DATABASE_URL=file:<file>. */
const backupCommand = (file: string, out: string) =>
  spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/backup.ts", "--out", out], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: `file:${file}` } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
  });

// SQLite files and their backup API; Postgres backups (pg_dump) are in backup-postgres.test.ts.
describe.runIf(testEngine === "sqlite")("db:backup", () => {
  it("copies, while another process keeps inserting, every row acknowledged before it began, and the copy passes integrity_check", async () => {
    const dir = tmpDir();
    const file = path.join(dir, "app.sqlite");
    const { sqlite } = await platformDb(file, 24);
    const writer = await startWriter(file);
    await new Promise((r) => setTimeout(r, 50));
    // Rows this connection can read are committed: their inserts have been acknowledged to the writer.
    const acknowledged = maxRow(sqlite);
    const result = await backupDatabase(sqlite, path.join(dir, "backups", "copy.sqlite"));
    const afterBackup = maxRow(sqlite);
    writer.kill("SIGKILL");

    expect(result.integrity).toBe("ok");
    expect(result.bytes).toBeGreaterThan(24 * 1024 * 1024);
    expect(result.tables).toBeGreaterThan(15);
    const copied = readOnly(result.file, (db) => ({
      max: maxRow(db),
      count: countRows(db),
      integrity: db.pragma("integrity_check", { simple: true }),
      journal: db.pragma("journal_mode", { simple: true }),
    }));
    expect(copied.integrity).toBe("ok");
    expect(copied.max).toBeGreaterThanOrEqual(acknowledged);
    expect(copied.count).toBe(copied.max); // 1…max, no row missing
    expect(copied.journal).toBe("delete"); // one self-contained file, no -wal beside it
    // The writer was not held up: it went on inserting while the copy was made.
    expect(afterBackup).toBeGreaterThan(acknowledged);
    expect(fs.readdirSync(path.join(dir, "backups"))).toEqual(["copy.sqlite"]);
    expect(fs.statSync(result.file).mode & 0o777).toBe(0o600);
    sqlite.close();
  }, 30_000);

  it("copies through the server's own connection in small steps while that connection writes between them", async () => {
    const dir = tmpDir();
    const { sqlite } = await platformDb(path.join(dir, "app.sqlite"), 8);
    const ins = sqlite.prepare("INSERT INTO writer_rows (n, at) VALUES (?, ?)");
    let n = 0;
    for (; n < 100; ) ins.run(++n, Date.now());
    const acknowledged = n;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        ins.run(++n, Date.now());
        await new Promise((r) => setImmediate(r));
      }
    })();
    const result = await backupDatabase(sqlite, path.join(dir, "copy.sqlite"), { pagesPerStep: 16 });
    writing = false;
    await writes;
    expect(result.integrity).toBe("ok");
    expect(n).toBeGreaterThan(acknowledged + 10); // the connection kept writing during the backup
    const copied = readOnly(result.file, (db) => ({ max: maxRow(db), count: countRows(db) }));
    expect(copied.max).toBeGreaterThanOrEqual(acknowledged);
    expect(copied.count).toBe(copied.max);
    sqlite.close();
  }, 30_000);

  it("refuses to overwrite an existing file unless told to", async () => {
    const dir = tmpDir();
    const { sqlite } = await platformDb(path.join(dir, "app.sqlite"));
    const out = path.join(dir, "copy.sqlite");
    await backupDatabase(sqlite, out);
    await expect(backupDatabase(sqlite, out)).rejects.toThrow(/already exists/);
    expect((await backupDatabase(sqlite, out, { overwrite: true })).integrity).toBe("ok");
    sqlite.close();
  });

  it("as a command, prints the size, tables, duration and check, and notes the backup for the admin page", async () => {
    const dir = tmpDir();
    const file = path.join(dir, "app.sqlite");
    (await platformDb(file, 1)).sqlite.close();
    const out = path.join(dir, "nightly.sqlite");
    const run = backupCommand(file, out);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Backed up .*app\.sqlite\n\s+to .*nightly\.sqlite\n\s+\d+(\.\d)? MB, \d+ tables, \d+ ms; integrity_check: ok/);
    const noted = readOnly(file, (db) => db.prepare("SELECT file, started_by, user_id, integrity, size_bytes FROM backups").all());
    expect(noted).toEqual([{ file: out, started_by: "command", user_id: null, integrity: "ok", size_bytes: fs.statSync(out).size }]);
    // A second run to the same name refuses, and says so.
    const again = backupCommand(file, out);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
  }, 30_000);
});

describe.runIf(testEngine === "sqlite")("db:restore", () => {
  /** A database at dir/app.sqlite with rows 1…`rows`, and a backup of it with rows 1…`backupRows`. */
  async function setUp(rows: number, backupRows: number) {
    const dir = tmpDir();
    const target = path.join(dir, "app.sqlite");
    const { sqlite } = await platformDb(target);
    const ins = sqlite.prepare("INSERT INTO writer_rows (n, at) VALUES (?, 0)");
    for (let n = 1; n <= backupRows; n++) ins.run(n);
    const backup = (await backupDatabase(sqlite, path.join(dir, "backup.sqlite"))).file;
    for (let n = backupRows + 1; n <= rows; n++) ins.run(n);
    sqlite.close();
    return { dir, target, backup };
  }

  it("refuses while a server holds the database open (opened as the server opens it), and restores once it has stopped", async () => {
    const { target, backup } = await setUp(50, 20);
    const rt: Runtime = await createRuntime(parseConfig({ DATABASE_URL: `file:${target}`, COURSES_DIR: "tests/fixtures/courses", NODE_ENV: "test" }));
    sqliteOf(rt).prepare("SELECT count(*) FROM writer_rows").get();
    expect(await refusal(() => restoreDatabase(backup, target))).toBe("server-running");
    expect(readOnly(target, countRows)).toBe(50); // untouched
    expect(fs.existsSync(`${target}.before-restore`)).toBe(false);

    await closeRuntime(rt);
    const r = restoreDatabase(backup, target);
    expect(readOnly(target, countRows)).toBe(20);
    expect(readOnly(target, (db) => db.pragma("integrity_check", { simple: true }))).toBe("ok");
    expect(r.previous).toBe(`${target}.before-restore`);
    expect(readOnly(r.previous!, countRows)).toBe(50);
    expect(r.pending).toEqual([]);
    expect(fs.readdirSync(path.dirname(target)).filter((f) => f.startsWith("app.sqlite")).sort()).toEqual(["app.sqlite", "app.sqlite-lock", "app.sqlite.before-restore"]);
    // The restored database serves: a server starts on it.
    const again = await createRuntime(parseConfig({ DATABASE_URL: `file:${target}`, COURSES_DIR: "tests/fixtures/courses", NODE_ENV: "test" }));
    expect((sqliteOf(again).prepare("SELECT count(*) AS n FROM writer_rows").get() as { n: number }).n).toBe(20);
    await closeRuntime(again);
  });

  it("refuses while any other connection has the database open (a backup, a sqlite3 shell)", async () => {
    const { target, backup } = await setUp(30, 10);
    const other = openDatabase(target);
    other.sqlite.prepare("SELECT count(*) FROM writer_rows").get();
    expect(await refusal(() => restoreDatabase(backup, target))).toBe("in-use");
    other.sqlite.close();
    expect(readOnly(target, countRows)).toBe(30);
    expect(fs.existsSync(`${target}.restoring`)).toBe(false);
    restoreDatabase(backup, target);
    expect(readOnly(target, countRows)).toBe(10);
  });

  it("refuses a file that is not a database of this platform, or is damaged, or is newer, and leaves the database as it was", async () => {
    const { dir, target, backup } = await setUp(30, 10);
    const text = path.join(dir, "notes.txt");
    fs.writeFileSync(text, "name,email\nnot,a database\n");
    const foreign = path.join(dir, "foreign.sqlite");
    const f = new SQLite(foreign);
    f.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
    f.close();
    const newer = path.join(dir, "newer.sqlite");
    fs.copyFileSync(backup, newer);
    const n = new SQLite(newer);
    n.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)").run("9999_from_the_future", new Date().toISOString());
    n.close();
    const damaged = path.join(dir, "damaged.sqlite");
    const bytes = fs.readFileSync(backup);
    const pageSize = bytes.readUInt16BE(16);
    for (let p = 2; p * pageSize < bytes.length; p += 2) bytes.fill(0x5a, p * pageSize + 8, p * pageSize + 200); // scribble on every other page
    fs.writeFileSync(damaged, bytes);

    expect(await refusal(() => restoreDatabase(text, target))).toBe("not-sqlite");
    expect(await refusal(() => restoreDatabase(foreign, target))).toBe("not-platform");
    expect(await refusal(() => restoreDatabase(newer, target))).toBe("newer");
    expect(await refusal(() => restoreDatabase(damaged, target))).toBe("damaged");
    expect(await refusal(() => restoreDatabase(path.join(dir, "missing.sqlite"), target))).toBe("missing");
    expect(await refusal(() => restoreDatabase(target, target))).toBe("same-file");
    expect(readOnly(target, countRows)).toBe(30);
    expect(fs.readdirSync(dir).filter((x) => /restoring|before-restore/.test(x))).toEqual([]);
  });

  it("folds the log a crashed server left into the database it keeps as .before-restore", async () => {
    const { target, backup } = await setUp(5, 5);
    const clear = new SQLite(target);
    clear.exec("DELETE FROM writer_rows");
    clear.close();
    const writer = await startWriter(target);
    await new Promise((r) => setTimeout(r, 20));
    writer.kill("SIGKILL");
    await new Promise((r) => writer.once("exit", r));
    expect(fs.statSync(`${target}-wal`).size).toBeGreaterThan(0); // killed: its last writes are only in the log
    const max = readOnly(target, maxRow);
    expect(max).toBeGreaterThanOrEqual(200);
    restoreDatabase(backup, target);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(readOnly(`${target}.before-restore`, maxRow)).toBe(max);
    expect(readOnly(target, maxRow)).toBe(5);
  }, 30_000);

  it("makes a server that starts during a restore wait, then refuse with a clear message", () => {
    const dir = tmpDir();
    const target = path.join(dir, "app.sqlite");
    const restoring = new SQLite(lockPathOf(target), { timeout: 0 });
    restoring.pragma("locking_mode = EXCLUSIVE");
    restoring.exec("BEGIN EXCLUSIVE");
    expect(() => holdServerLock(target, 100)).toThrow(DatabaseLockedError);
    expect(() => holdServerLock(target, 100)).toThrow(/being restored/);
    restoring.close();
    holdServerLock(target, 100).close();
  });
});

describe.runIf(testEngine === "sqlite")("/admin/backups", () => {
  it("lets an administrator back up now into BACKUP_DIR, and lists the backup with who started it and its check", async () => {
    const dir = tmpDir();
    const { rt, context } = await testRuntime(undefined, { BACKUP_DIR: path.join(dir, "backups") });
    const cookie = async (role: "admin" | "manager") => {
      const r = await createUser(rt.db, { name: `Ada ${role}`, email: `${role}@example.org`, password: "a long enough password", locale: "en", role }, 10);
      if (!r.ok) throw new Error(r.reason);
      return (await startSession(rt, r.user.id)).split(";")[0]!;
    };
    const admin = await cookie("admin");
    const manager = await cookie("manager");
    const args = (request: Request) => ({ request, params: {}, context });

    expect(await statusOf(backupsLoader(args(getAs("/admin/backups", manager))))).toBe(403);
    expect(await statusOf(backupsAction(args(postAs("/admin/backups", manager, { intent: "backup" }))))).toBe(403);
    expect(await statusOf(backupsAction(args(postAs("/admin/backups", admin, { intent: "restore" }))))).toBe(400);

    const res = (await backupsAction(args(postAs("/admin/backups", admin, { intent: "backup" })))) as Response;
    expect(res.status).toBe(200);
    const { ok, file } = await res.json();
    expect(ok).toBe(true);
    expect(fs.readdirSync(path.join(dir, "backups"))).toEqual([file]);
    expect(file).toMatch(/^memory-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.sqlite$/);

    const page = await ((await backupsLoader(args(getAs("/admin/backups", admin)))) as Response).json();
    expect(page.dir).toBe(path.join(dir, "backups"));
    expect(page.backups).toHaveLength(1);
    expect(page.backups[0]).toMatchObject({ name: file, by: "admin", userName: "Ada admin", ok: true, integrity: "ok", onDisk: true });
    expect(page.backups[0].bytes).toBe(fs.statSync(path.join(dir, "backups", file)).size);
    // Removed since (retention): still listed, marked as gone.
    fs.rmSync(path.join(dir, "backups", file));
    expect((await ((await backupsLoader(args(getAs("/admin/backups", admin)))) as Response).json()).backups[0].onDisk).toBe(false);
    await closeRuntime(rt);
  });
});
