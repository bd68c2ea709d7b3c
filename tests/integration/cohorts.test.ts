import { describe, expect, it } from "vitest";
import { createUser } from "../../app/auth/users.server";
import {
  createCohort,
  createInvite,
  getManagedCohort,
  importParticipants,
  acceptPersonalInvitation,
  joinWithInvite,
  listCohorts,
  listInvitations,
  listParticipants,
} from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import { getEnrolment } from "../../app/learning/progress.server";
import { freshDb, makeUser } from "../helpers/db";

async function setup() {
  const { db } = await freshDb();
  const mk = async (email: string, role: "manager" | "admin" | "learner") => {
    const r = await createUser(db, { name: email, email, password: "long enough pass", locale: "en", role }, 10);
    if (!r.ok) throw new Error();
    return r.user;
  };
  const x = await mk("x@example.org", "manager");
  const y = await mk("y@example.org", "manager");
  const admin = await mk("admin@example.org", "admin");
  const input = { name: "Cohort", programme: "Programme", starts_on: "2026-01-01", ends_on: "2026-06-30", courses: ["essentials"] };
  const cx = await createCohort(db, x, { ...input, name: "X" });
  const cy = await createCohort(db, y, { ...input, name: "Y" });
  return { db, x, y, admin, cx, cy };
}

describe("cohorts", () => {
  it("shows a manager only their own cohorts; an admin sees all", async () => {
    const { db, x, admin, cx, cy } = await setup();
    expect((await listCohorts(db, x)).map((c) => c.name)).toEqual(["X"]);
    expect((await listCohorts(db, admin)).map((c) => c.id).sort()).toEqual([cx, cy].sort());
    expect(await getManagedCohort(db, x, cx)).not.toBeNull();
    expect(await getManagedCohort(db, x, cy)).toBeNull();
    expect(await getManagedCohort(db, admin, cy)).not.toBeNull();
    expect(await getManagedCohort(db, x, "not-a-uuid")).toBeNull();
  });

  it("imports a CSV once: re-importing updates and adds nobody twice; every place waits for its person", async () => {
    const { db, cx } = await setup();
    const existing = await makeUser(db, "kofi@example.org");
    const csv = "name,email,country\nAmina,amina@example.org,SN\nKofi,kofi@example.org,GH\n";
    const { rows } = parseParticipantsCsv(csv);
    expect(await importParticipants(db, cx, rows)).toEqual({ added: 2, updated: 0 });
    expect(await importParticipants(db, cx, rows)).toEqual({ added: 0, updated: 2 });
    // Kofi has an account, but nobody asked him: his place is not linked and he is not enrolled.
    expect((await listParticipants(db, cx)).map((p) => [p.email, p.country, p.user_id !== null])).toEqual([
      ["amina@example.org", "SN", false],
      ["kofi@example.org", "GH", false],
    ]);
    expect(await getEnrolment(db, existing.id, "essentials")).toBeUndefined();

    // Amina registers: nothing is linked until she accepts her own invitation while signed in.
    const amina = await makeUser(db, "amina@example.org");
    expect(await getEnrolment(db, amina.id, "essentials")).toBeUndefined();
    const token = (await listInvitations(db, cx)).find((i) => i.email === "amina@example.org")!.invite_token!;
    expect(await acceptPersonalInvitation(db, amina, token)).toEqual({ ok: true, cohortId: cx, already: false });
    expect(await getEnrolment(db, amina.id, "essentials")).toBeTruthy();
    // The link is spent: it cannot be accepted again, by her or by anyone else.
    expect(await acceptPersonalInvitation(db, existing, token)).toEqual({ ok: false, reason: "not_found" });
    // A re-import keeps her place hers.
    await importParticipants(db, cx, rows);
    expect((await listParticipants(db, cx)).find((p) => p.email === "amina@example.org")?.user_id).toBe(amina.id);
  });

  it("invites expire and run out; a member joining again uses nothing", async () => {
    const { db, cx } = await setup();
    const now = Date.now();
    const code = await createInvite(db, cx, { days: 1, max_uses: 1 }, now);
    const a = await makeUser(db, "a@example.org");
    const b = await makeUser(db, "b@example.org");
    expect(await joinWithInvite(db, a, code.toLowerCase(), now)).toEqual({ ok: true, cohortId: cx, already: false });
    expect(await joinWithInvite(db, a, code, now)).toEqual({ ok: true, cohortId: cx, already: true });
    expect(await joinWithInvite(db, b, code, now)).toEqual({ ok: false, reason: "used_up" });
    expect(await getEnrolment(db, a.id, "essentials")).toBeTruthy();

    const short = await createInvite(db, cx, { days: 1, max_uses: 10 }, now);
    expect(await joinWithInvite(db, b, short, now + 2 * 86_400_000)).toEqual({ ok: false, reason: "expired" });
    expect(await joinWithInvite(db, b, "NOSUCHCODE", now)).toEqual({ ok: false, reason: "not_found" });
  });

  it("gives the last place to one of two racing joins", async () => {
    const { db, cx } = await setup();
    const code = await createInvite(db, cx, { days: 1, max_uses: 1 });
    const a = await makeUser(db, "a@example.org");
    const b = await makeUser(db, "b@example.org");
    const results = await Promise.all([joinWithInvite(db, a, code), joinWithInvite(db, b, code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await listParticipants(db, cx)).toHaveLength(1);
  });
});
