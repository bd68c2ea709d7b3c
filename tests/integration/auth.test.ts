import { describe, expect, it } from "vitest";
import { Migrator } from "kysely";
import { KyselyAdapter, sessionDigest } from "../../app/auth/adapter.server";
import { migrations } from "../../db/migrations/index";
import { migrateToLatest, openDatabase } from "../../db/index";
import { createLucia } from "../../app/auth/lucia.server";
import { authenticate, createUser } from "../../app/auth/users.server";
import { freshDb, makeUser } from "../helpers/db";

const settings = { freeFailures: 3, maxDelayMinutes: 15, hashCost: 10 };

describe("the Kysely adapter for lucia", () => {
  it("stores, reads, extends and deletes sessions", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    const adapter = new KyselyAdapter(db);
    const expiresAt = new Date(Date.now() + 60_000);
    const attributes = { created_at: 1_700_000_000_000, user_agent: "Firefox" };
    await adapter.setSession({ id: "s1", userId: user.id, expiresAt, attributes });
    const [session, found] = await adapter.getSessionAndUser("s1");
    expect(session).toEqual({ id: "s1", userId: user.id, expiresAt, attributes });
    expect(found).toEqual({ id: user.id, attributes: { email: user.email, name: user.name, role: "learner", locale: "en" } });
    expect(await adapter.getSessionAndUser("nope")).toEqual([null, null]);

    const later = new Date(Date.now() + 120_000);
    await adapter.updateSessionExpiration("s1", later);
    expect((await adapter.getUserSessions(user.id))[0]!.expiresAt).toEqual(later);

    await adapter.setSession({ id: "old", userId: user.id, expiresAt: new Date(Date.now() - 1000), attributes: {} });
    await adapter.deleteExpiredSessions();
    expect((await adapter.getUserSessions(user.id)).map((s) => s.id)).toEqual([sessionDigest("s1")]);
    await adapter.deleteSession("s1");
    expect(await adapter.getUserSessions(user.id)).toEqual([]);
  });

  it("keeps only a digest of each session id, so a copy of the database signs nobody in", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    const lucia = createLucia(db, true);
    const session = await lucia.createSession(user.id, {});
    const stored = await db.selectFrom("sessions").select("id").execute();
    expect(stored).toEqual([{ id: sessionDigest(session.id) }]);
    expect(stored[0]!.id).not.toContain(session.id);
    expect((await lucia.validateSession(stored[0]!.id)).session).toBeNull();
    expect((await lucia.validateSession(session.id)).user?.id).toBe(user.id);
  });

  it("re-keys the sessions that existed before digests, so the upgrade signs nobody out", async () => {
    const opened = openDatabase(":memory:");
    const migrator = new Migrator({ db: opened.db, provider: { getMigrations: async () => migrations } });
    await migrator.migrateTo("0008_course_instructors");
    const user = await makeUser(opened.db);
    await opened.db.insertInto("sessions").values({ id: "raw-session-id", user_id: user.id, expires_at: Date.now() + 60_000 }).execute();
    await migrateToLatest(opened.db);
    const [session, found] = await new KyselyAdapter(opened.db).getSessionAndUser("raw-session-id");
    expect(session?.id).toBe("raw-session-id");
    expect(found?.id).toBe(user.id);
  });

  it("works through lucia: create, validate, invalidate", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    const lucia = createLucia(db, true);
    const session = await lucia.createSession(user.id, {});
    const cookie = lucia.createSessionCookie(session.id).serialize();
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    const valid = await lucia.validateSession(session.id);
    expect(valid.user?.email).toBe("learner@example.org");
    await lucia.invalidateSession(session.id);
    expect((await lucia.validateSession(session.id)).session).toBeNull();
  });

  it("deletes a user's sessions with the user", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    await new KyselyAdapter(db).setSession({ id: "s1", userId: user.id, expiresAt: new Date(Date.now() + 1000), attributes: {} });
    await db.deleteFrom("users").where("id", "=", user.id).execute();
    expect(await db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });
});

describe("registration and login", () => {
  it("refuses a second account with the same address, whatever its case", async () => {
    const { db } = await freshDb();
    await makeUser(db, "Amina@Example.org");
    const again = await createUser(db, { name: "X", email: "amina@example.ORG ", password: "another password", locale: "fr" }, 10);
    expect(again).toEqual({ ok: false, reason: "email_taken" });
  });

  it("logs in with the right password and slows repeated failures with growing delays, not a lock", async () => {
    const { db } = await freshDb();
    await makeUser(db);
    const now = Date.now();
    const ok = await authenticate(db, { email: "LEARNER@example.org", password: "a long enough password", ip: "1.1.1.1" }, settings, now);
    expect(ok.ok).toBe(true);
    const wrong = { email: "learner@example.org", password: "wrong", ip: "1.1.1.1" };
    // Three free failures, then 1 s, 2 s, 4 s… before the next attempt is even checked.
    for (let i = 0; i < 3; i++) expect(await authenticate(db, wrong, settings, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, wrong, settings, now)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    expect(await authenticate(db, wrong, settings, now + 1000)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, wrong, settings, now + 1000)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 2 });
    // Once the delay has passed, the right password works: there is no lock to sit out.
    const right = { email: "learner@example.org", password: "a long enough password", ip: "1.1.1.1" };
    expect((await authenticate(db, right, settings, now + 3000)).ok).toBe(true);
  });

  it("never makes the delay longer than the configured maximum", async () => {
    const { db } = await freshDb();
    await makeUser(db);
    const wrong = { email: "learner@example.org", password: "wrong", ip: "1.1.1.1" };
    let t = Date.now();
    for (let i = 0; i < 40; i++) {
      const r = await authenticate(db, wrong, settings, t);
      if (r.ok === false && r.reason === "throttled") {
        expect(r.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
        t += r.retryAfterSeconds * 1000;
      }
    }
    const last = await authenticate(db, wrong, settings, t);
    expect(last).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, wrong, settings, t)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 15 * 60 });
  });

  it("does not reveal whether an account exists", async () => {
    const { db } = await freshDb();
    expect(await authenticate(db, { email: "ghost@example.org", password: "whatever", ip: "2.2.2.2" }, settings)).toEqual({ ok: false, reason: "invalid" });
  });
});
