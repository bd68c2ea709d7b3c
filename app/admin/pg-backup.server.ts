// Backup and restore when DATABASE_URL is a PostgreSQL server (docs/decisions/024, beside 018 for
// SQLite): pg_dump's custom format, checked by reading it back with pg_restore, and pg_restore to put
// one back. The same guarantees as for SQLite where Postgres allows them: a file named `out` is always
// a complete, checked dump; a restore is refused while an app server is connected, or for a file that
// is not a dump of this platform or comes from a newer version; the database replaced is dumped first.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { pgModule, SERVER_APPLICATION_NAME } from "@db/index";
import { migrations } from "@db/migrations/index";
import { findPostgresBindir } from "@db/postgres-tools";
import { BackupError, RestoreRefused, type BackupResult, type RestoreResult } from "./backup.server";

const run = promisify(execFile);

function program(name: "pg_dump" | "pg_restore"): string {
  const dir = findPostgresBindir(name);
  if (!dir) throw new BackupError(`${name} not found: install PostgreSQL's client programs (Debian: apt-get install postgresql-client).`);
  return path.join(dir, name);
}

/** The TOC of a custom-format dump, as `pg_restore --list` prints it; throws when the file cannot be read as one. */
async function tableOfContents(file: string): Promise<string[]> {
  const { stdout } = await run(program("pg_restore"), ["--list", file], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\n").filter((l) => l && !l.startsWith(";"));
}

const tablesIn = (toc: string[]) => toc.filter((l) => / TABLE (?!DATA)/.test(l) && !/ TABLE DATA /.test(l)).length;

/** The platform migrations recorded in a dump: the rows of its kysely_migration table. */
async function migrationsIn(file: string): Promise<string[]> {
  const { stdout } = await run(program("pg_restore"), ["--data-only", "--table=kysely_migration", "--file=-", file], { maxBuffer: 64 * 1024 * 1024 });
  const names: string[] = [];
  let inCopy = false;
  for (const line of stdout.split("\n")) {
    if (line.startsWith("COPY ")) inCopy = true;
    else if (line === "\\.") inCopy = false;
    else if (inCopy && line) names.push(line.split("\t")[0]!);
  }
  return names.sort();
}

/**
 * pg_dump of the database at `url` into `out` (custom format: compressed, restorable table by table),
 * written as `out.partial`, readable by its owner only, read back with pg_restore --list, then renamed.
 * pg_dump reads one consistent snapshot while the servers go on writing.
 */
export async function backupPostgres(url: string, out: string, opts: { overwrite?: boolean; now?: number } = {}): Promise<BackupResult> {
  const file = path.resolve(out);
  if (!opts.overwrite && fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another name (or pass --overwrite).`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  fs.writeFileSync(partial, "", { mode: 0o600 });
  const startedAt = opts.now ?? Date.now();
  const t0 = performance.now();
  try {
    try {
      await run(program("pg_dump"), ["--format=custom", "--no-owner", `--file=${partial}`, `--dbname=${url}`], { maxBuffer: 16 * 1024 * 1024 });
    } catch (e) {
      throw new BackupError(`pg_dump failed: ${(e as { stderr?: string }).stderr?.trim() || String(e)}`);
    }
    fs.chmodSync(partial, 0o600);
    let integrity = "ok";
    let tables = 0;
    try {
      const toc = await tableOfContents(partial);
      tables = tablesIn(toc);
      if (!toc.some((l) => / TABLE DATA \S+ kysely_migration /.test(l))) integrity = "the dump has no kysely_migration data";
    } catch (e) {
      integrity = `pg_restore cannot read the dump: ${(e as { stderr?: string }).stderr?.trim() || String(e)}`;
    }
    const handle = await fs.promises.open(partial, "r+");
    await handle.sync();
    await handle.close();
    fs.renameSync(partial, file);
    return { file, startedAt, durationMs: Math.round(performance.now() - t0), bytes: fs.statSync(file).size, tables, integrity };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/** `cyberdiplo-2026-05-01T10-20-30-123Z.dump`, named after the database. */
export function postgresBackupFileName(url: string, now = Date.now()): string {
  const name = new URL(url).pathname.replace(/^\//, "") || "postgres";
  return `${name}-${new Date(now).toISOString().replace(/[:.]/g, "-")}.dump`;
}

/**
 * Replaces the database at `url` by the dump `source`. Refused while an app server is connected to
 * it (its connections name themselves in pg_stat_activity), and for a file that is not a pg_dump
 * archive of this platform or was made by a newer version. The current database is first dumped
 * beside the source as `<database>-<time>.before-restore.dump`; then its tables are dropped and the
 * dump restored in one transaction (psql --single-transaction): on any error nothing has changed.
 */
export async function restorePostgres(source: string, url: string, now = Date.now()): Promise<RestoreResult> {
  const t0 = performance.now();
  const from = path.resolve(source);
  if (!fs.existsSync(from) || !fs.statSync(from).isFile()) throw new RestoreRefused("missing", `${from} does not exist or is not a file.`);
  const head = Buffer.alloc(5);
  const fd = fs.openSync(from, "r");
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  if (head.toString("latin1") !== "PGDMP") throw new RestoreRefused("not-dump", `${from} is not a pg_dump archive (custom format, as npm run db:backup makes).`);
  let toc: string[];
  let applied: string[];
  try {
    toc = await tableOfContents(from);
    applied = await migrationsIn(from);
  } catch (e) {
    throw new RestoreRefused("damaged", `${from} cannot be read by pg_restore: ${(e as { stderr?: string }).stderr?.trim() || String(e)}`);
  }
  if (applied.length === 0) throw new RestoreRefused("not-platform", `${from} is a pg_dump archive but not of this platform (no kysely_migration rows).`);
  const unknown = applied.filter((m) => !(m in migrations));
  if (unknown.length) throw new RestoreRefused("newer", `${from} was made by a newer version of the platform (migrations unknown here: ${unknown.join(", ")}); restore it with that version.`);

  const client = new (pgModule().Client)({ connectionString: url, application_name: "cyberdiplo-restore" });
  await client.connect();
  let previous: string;
  let drops: string[];
  try {
    const servers = await client.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()",
      [SERVER_APPLICATION_NAME],
    );
    if (servers.rows[0].n > 0) throw new RestoreRefused("server-running", `An app server is connected to ${new URL(url).pathname.slice(1)} (${servers.rows[0].n} connection(s)). Stop every server first, then restore.`);
    previous = path.join(path.dirname(from), postgresBackupFileName(url, now).replace(/\.dump$/, ".before-restore.dump"));
    await backupPostgres(url, previous, { overwrite: true, now });
    // Tables of newer migrations than the dump's would survive a plain restore: every table goes, in
    // the same transaction as the restore itself.
    drops = (await client.query("select schemaname, tablename from pg_tables where schemaname = current_schema()")).rows.map(
      (r) => `drop table if exists "${r.schemaname}"."${r.tablename}" cascade;`,
    );
  } finally {
    await client.end();
  }
  await restoreInOneTransaction(from, url, drops, previous);
  return {
    source: from,
    target: url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@"),
    previous,
    bytes: fs.statSync(from).size,
    tables: tablesIn(toc),
    migrations: applied,
    pending: Object.keys(migrations).filter((m) => !applied.includes(m)),
    durationMs: Math.round(performance.now() - t0),
  };
}

/** `pg_restore --file=-` (the dump as SQL) piped into `psql --single-transaction`, after `drops`: all or nothing. */
function restoreInOneTransaction(from: string, url: string, drops: string[], previous: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const psql = spawn(path.join(path.dirname(program("pg_restore")), "psql"), ["--quiet", "--no-psqlrc", "--single-transaction", "--set=ON_ERROR_STOP=1", `--dbname=${url}`, "--file=-"], {
      stdio: ["pipe", "ignore", "pipe"],
    });
    const restore = spawn(program("pg_restore"), ["--no-owner", "--file=-", from], { stdio: ["ignore", "pipe", "pipe"] });
    let errors = "";
    psql.stderr.on("data", (d) => (errors += d));
    restore.stderr.on("data", (d) => (errors += d));
    psql.stdin.write(`${drops.join("\n")}\n`);
    restore.stdout.pipe(psql.stdin);
    psql.on("error", reject);
    restore.on("error", reject);
    const closed = (p: typeof psql | typeof restore) => new Promise<number | null>((r) => p.on("close", r));
    void Promise.all([closed(psql), closed(restore)]).then(([psqlCode, restoreCode]) => {
      if (psqlCode === 0 && restoreCode === 0) resolve();
      else reject(new BackupError(`The restore failed and was rolled back (${errors.trim() || `exit ${psqlCode}/${restoreCode}`}); the database is as it was, and also in ${previous}.`));
    });
  });
}
