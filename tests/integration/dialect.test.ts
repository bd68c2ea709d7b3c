// What db/ settles between the engines (docs/decisions/024), checked on whichever engine this run is on:
// the same rows, types and outcomes on SQLite and on Postgres.
import { describe, expect, it } from "vitest";
import { engineOf, likeInsensitive } from "../../db/index";
import { searchUsers } from "../../app/auth/users.server";
import { recordFailure } from "../../app/auth/throttle.server";
import { freshDb, makeUser } from "../helpers/db";
import { testEngine } from "../helpers/engine";
import { testRuntime } from "../helpers/runtime";

describe(`the ${testEngine} engine`, () => {
  it("is the one this run is for, in the runtime tests get and in freshDb", async () => {
    const { rt } = await testRuntime();
    expect(engineOf(rt.db)).toBe(testEngine);
    expect(rt.database.engine).toBe(testEngine);
    const { db } = await freshDb();
    expect(engineOf(db)).toBe(testEngine);
  });

  it("gives each fresh database its own empty tables", async () => {
    const a = await freshDb();
    const b = await freshDb();
    await makeUser(a.db, "only-in-a@example.org");
    expect(await b.db.selectFrom("users").select("email").execute()).toEqual([]);
    expect(await a.db.selectFrom("users").select("email").execute()).toEqual([{ email: "only-in-a@example.org" }]);
  });

  it("returns epoch milliseconds, counts and sums as numbers, not strings", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    const row = await db.selectFrom("users").select("created_at").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.created_at).toBe(user.created_at);
    expect(typeof row.created_at).toBe("number");
    const agg = await db
      .selectFrom("users")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("created_at").as("total"), eb.fn.max("created_at").as("latest")])
      .executeTakeFirstOrThrow();
    expect(agg).toEqual({ n: 1, total: user.created_at, latest: user.created_at });
  });

  it("matches names ignoring case, as SQLite's LIKE does", async () => {
    const { db } = await freshDb();
    await makeUser(db, "ada@example.org");
    await db.updateTable("users").set({ name: "Ada Lovelace" }).execute();
    expect(likeInsensitive(db)).toBe(testEngine === "postgres" ? "ilike" : "like");
    expect((await searchUsers(db, "lovelace")).map((u) => u.email)).toEqual(["ada@example.org"]);
    expect((await searchUsers(db, "ADA")).map((u) => u.email)).toEqual(["ada@example.org"]);
  });

  it("keeps read-then-write transactions whole under concurrency: 40 failures at once count 40", async () => {
    const { db } = await freshDb();
    const settings = { freeFailures: 1000, maxDelayMinutes: 15 };
    const now = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => recordFailure(db, "email:race@example.org", settings, now)));
    const row = await db.selectFrom("login_throttle").select("failures").where("key", "=", "email:race@example.org").executeTakeFirstOrThrow();
    expect(row.failures).toBe(40);
  });
});
