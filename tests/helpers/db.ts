import { migrateToLatest, openTarget } from "../../db/index";
import { databaseTarget } from "../../app/config.server";
import { createUser } from "../../app/auth/users.server";
import { freshDatabaseUrl } from "./engine";

/** A fresh, migrated database on this run's engine (SQLite in memory, or Postgres): the real engine and schema, nothing mocked. */
export async function freshDb() {
  const opened = openTarget(databaseTarget(await freshDatabaseUrl()), { poolSize: 4 });
  await migrateToLatest(opened.db);
  return opened;
}

export async function makeUser(db: Awaited<ReturnType<typeof freshDb>>["db"], email = "learner@example.org") {
  const r = await createUser(db, { name: "Test Learner", email, password: "a long enough password", locale: "en" }, 10);
  if (!r.ok) throw new Error(r.reason);
  return r.user;
}
