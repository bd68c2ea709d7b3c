import { migrateToLatest, openDatabase } from "../../db/index";
import { createUser } from "../../app/auth/users.server";

/** A fresh, migrated in-memory SQLite database: the real engine and schema, nothing mocked. */
export async function freshDb() {
  const opened = openDatabase(":memory:");
  await migrateToLatest(opened.db);
  return opened;
}

export async function makeUser(db: Awaited<ReturnType<typeof freshDb>>["db"], email = "learner@example.org") {
  const r = await createUser(db, { name: "Test Learner", email, password: "a long enough password", locale: "en" }, 10);
  if (!r.ok) throw new Error(r.reason);
  return r.user;
}
