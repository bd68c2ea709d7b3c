// Applies every pending migration to DATABASE_URL (the server also does this at start-up).
import { migrateToLatest, openTarget } from "../db/index";
import { getConfig } from "../app/config.server";

const config = getConfig();
const database = openTarget(config.database);
const { db } = database;
const result = await migrateToLatest(db);
const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database already up to date.", `(${config.databasePath})`);
await database.close();
