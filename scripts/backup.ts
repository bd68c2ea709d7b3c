// An online backup of DATABASE_URL, safe while the server runs and writes (docs/decisions/018):
//   npm run db:backup -- --out /var/backups/cdl/app-2026-05-01.sqlite [--overwrite]
// Without --out, into BACKUP_DIR (default data/backups) under a dated name. The copy is checked with
// PRAGMA integrity_check and noted on the admin page (/admin/backups). Exits 1 when the backup failed
// or its check did not pass, so cron mails the error.
import fs from "node:fs";
import path from "node:path";
import { BackupError, backupDatabase, backupFileName, formatSize, hasBackupsTable, recordBackup } from "../app/admin/backup.server";
import { openDatabase } from "../db/index";
import { argsOrExit, configOrExit } from "./cli";

const USAGE = "Usage: npm run db:backup -- [--out FILE] [--overwrite]";
const args = argsOrExit({ options: { out: { type: "string" }, overwrite: { type: "boolean", default: false } } }, USAGE).values;
const config = configOrExit();
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
