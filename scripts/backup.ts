// An online backup of DATABASE_URL, safe while the server runs and writes (docs/decisions/018):
//   npm run db:backup -- --out /var/backups/cdl/app-2026-05-01.sqlite [--overwrite]
// Without --out, into BACKUP_DIR (default data/backups) under a dated name. The copy is checked with
// PRAGMA integrity_check and noted on the admin page (/admin/backups). Exits 1 when the backup failed
// or its check did not pass, so cron mails the error.
import fs from "node:fs";
import path from "node:path";
import { BackupError, backupDatabase, backupFileName, formatSize, hasBackupsTable, recordBackup } from "../app/admin/backup.server";
import { backupPostgres, postgresBackupFileName } from "../app/admin/pg-backup.server";
import { openDatabase, openPostgres } from "../db/index";
import { argsOrExit, configOrExit } from "./cli";

const USAGE = "Usage: npm run db:backup -- [--out FILE] [--overwrite]";
const args = argsOrExit({ options: { out: { type: "string" }, overwrite: { type: "boolean", default: false } } }, USAGE).values;
const config = configOrExit();
if (config.database.engine === "postgres") {
  // pg_dump (docs/decisions/024): a consistent snapshot while the servers run.
  const url = config.database.url;
  const out = path.resolve(args.out ?? path.join(config.BACKUP_DIR, postgresBackupFileName(url)));
  const database = openPostgres(url);
  let failed = false;
  try {
    const result = await backupPostgres(url, out, { overwrite: args.overwrite });
    failed = result.integrity !== "ok";
    console.log(`Backed up ${config.databasePath}`);
    console.log(`       to ${result.file}`);
    console.log(`  ${formatSize(result.bytes)}, ${result.tables} tables, ${result.durationMs} ms; pg_restore --list: ${result.integrity}`);
    await recordBackup(database.db, result, { by: "command" });
    if (failed) console.error("The dump does NOT read back: keep the previous backups.");
  } catch (e) {
    failed = true;
    console.error(e instanceof BackupError ? e.message : e);
  } finally {
    await database.close();
  }
  process.exit(failed ? 1 : 0);
}
if (config.databasePath === ":memory:" || !fs.existsSync(config.databasePath)) {
  console.error(`There is no database at ${config.databasePath} (DATABASE_URL) to back up.`);
  process.exit(2);
}
const out = path.resolve(args.out ?? path.join(config.BACKUP_DIR, backupFileName(config.databasePath)));

const { db, sqlite } = openDatabase(config.databasePath);
let failed = false;
try {
  const result = await backupDatabase(sqlite, out, { overwrite: args.overwrite });
  failed = result.integrity !== "ok";
  console.log(`Backed up ${config.databasePath}`);
  console.log(`       to ${result.file}`);
  console.log(`  ${formatSize(result.bytes)}, ${result.tables} tables, ${result.durationMs} ms; integrity_check: ${result.integrity}`);
  if (hasBackupsTable(sqlite)) await recordBackup(db, result, { by: "command" });
  else console.log("  (not noted on /admin/backups: the database is not migrated yet; npm run db:migrate)");
  if (failed) console.error("The copy does NOT pass integrity_check: the database itself may be damaged. Keep the previous backups.");
} catch (e) {
  failed = true;
  console.error(e instanceof BackupError ? e.message : e);
} finally {
  sqlite.close();
}
process.exit(failed ? 1 : 0);
