// Replaces DATABASE_URL's database by a backup (docs/decisions/018):
//   npm run db:restore -- /var/backups/cdl/app-2026-05-01.sqlite
// Refuses while a server runs on the database (or anything else has it open), and refuses a file that
// is damaged or is not a database of this platform. The database replaced is kept beside it as
// <database>.before-restore. Stop the server first; start it again afterwards (it applies any newer
// migrations).
import { BackupError, formatSize, RestoreRefused, restoreDatabase, type RestoreResult } from "../app/admin/backup.server";
import { restorePostgres } from "../app/admin/pg-backup.server";
import { argsOrExit, configOrExit } from "./cli";

const USAGE = "Usage: npm run db:restore -- FILE";
const { positionals } = argsOrExit({ allowPositionals: true, options: {} }, USAGE);
if (positionals.length !== 1) {
  console.error(`Give exactly one backup file.\n${USAGE}`);
  process.exit(2);
}
const file = positionals[0]!;
const config = configOrExit();
if (config.database.engine === "sqlite" && config.databasePath === ":memory:") {
  console.error("DATABASE_URL is :memory:; there is no database file to restore into.");
  process.exit(2);
}

try {
  const r: RestoreResult = config.database.engine === "postgres" ? await restorePostgres(file, config.database.url) : restoreDatabase(file, config.databasePath);
  console.log(`Checked  ${r.source}: ${config.database.engine === "postgres" ? "pg_restore reads it" : "integrity_check ok"}, ${r.tables} tables, ${r.migrations.length} migrations (last: ${r.migrations.at(-1)})`);
  console.log(`Restored it to ${r.target} (${formatSize(r.bytes)}) in ${r.durationMs} ms.`);
  console.log(r.previous ? `The database it replaced is kept as ${r.previous}.` : "There was no database there before.");
  if (r.pending.length) console.log(`The server will apply ${r.pending.length} newer migration(s) when it starts: ${r.pending.join(", ")}.`);
  console.log("Start the server again (npm run serve).");
} catch (e) {
  if (!(e instanceof RestoreRefused) && !(e instanceof BackupError)) throw e;
  console.error(`Not restored: ${e.message}`);
  process.exit(1);
}
