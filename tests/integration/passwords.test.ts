// Passwords (issue 13): one-time reset links issued by staff or asked for by email, and changing a
// password on the profile. The real runtime and routes, and a real SMTP server (smtp-server) that the
// platform's emails are read back from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trustDevice } from "../../app/auth/devices.server";
import { createResetLink, RESET_LIFETIME_MS, resetDigest } from "../../app/auth/passwords.server";
import { getSessionUser, startSession } from "../../app/auth/session.server";
import { authenticate, createUser } from "../../app/auth/users.server";
import { acceptPersonalInvitation, createCohort, importParticipants } from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import { closeRuntime, type Runtime } from "../../app/runtime.server";
import { action as adminUsersAction } from "../../app/routes/admin.users._index";
import { action as forgotAction, loader as forgotLoader } from "../../app/routes/forgot-password";
import { action as cohortAction } from "../../app/routes/manage.cohorts.$cohortId._index";
import { action as profileAction } from "../../app/routes/profile";
import { action as resetAction, loader as resetLoader } from "../../app/routes/reset-password.$token";
import { getAs, postAs, statusOf } from "../helpers/http";
import { testRuntime } from "../helpers/runtime";
import { linkIn, startSmtp, type TestSmtp } from "../helpers/smtp";

const PUBLIC_URL = "https://learning.example.org";
const LOGIN = { freeFailures: 5, maxDelayMinutes: 15, hashCost: 10 };

let smtp: TestSmtp;
let rt: Runtime;
let context: Awaited<ReturnType<typeof testRuntime>>["context"];
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

async function person(email: string, role: "learner" | "instructor" | "manager" | "admin", locale = "en", name = email.split("@")[0]!) {
  const r = await createUser(rt.db, { name, email, password: `${email} old password`, locale, role }, 10);
  if (!r.ok) throw new Error(r.reason);
  ids[email] = r.user.id;
  cookies[email] = (await startSession(rt, r.user.id)).split(";")[0]!;
  return r.user.id;
}

const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;
const setCookies = (r: Response) => r.headers.getSetCookie().map(cookieOf);
const signedInAs = async (cookie: string) => (await getSessionUser(rt, getAs("/dashboard", cookie))).user?.email ?? null;
const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;
const resetArgs = (token: string, cookie = "", fields?: Record<string, string>) => ({
  request: fields ? postAs(`/reset-password/${token}`, cookie, fields) : getAs(`/reset-password/${token}`, cookie),
  params: { token },
  context,
});
async function json<T = Record<string, unknown>>(p: Promise<Response>): Promise<{ status: number; data: T }> {
  const r = await p;
  return { status: r.status, data: (await r.json()) as T };
}
type Issued = { reset: { link: string; name: string; expiresAt: number; mail: string } };

beforeAll(async () => {
  smtp = await startSmtp();
  ({ rt, context } = await testRuntime("tests/fixtures/courses", { SMTP_URL: smtp.url, MAIL_FROM: "Learning <learning@example.org>", PUBLIC_URL }));
  await person("admin@example.org", "admin", "en", "Ade Admin");
  await person("manager@example.org", "manager", "en", "Maria Manager");
  await person("other-manager@example.org", "manager");
  await person("amina@example.org", "learner", "fr", "Amina Diallo");
  await person("ivan@example.org", "instructor");
  await person("pablo@example.org", "learner", "es", "Pablo Ruiz");
});

afterAll(async () => {
  await smtp.close();
  await closeRuntime(rt);
});

describe("a password reset link issued by an administrator", () => {
  let link = "";

  it("is shown once to pass on, and emailed to the account in its language, text and HTML", async () => {
    const { status, data } = await json<Issued>(
      adminUsersAction({ request: postAs("/admin/users", cookies["admin@example.org"], { intent: "reset-link", userId: ids["amina@example.org"]! }), params: {}, context }),
    );
    expect(status).toBe(200);
    expect(data.reset.name).toBe("Amina Diallo");
    expect(data.reset.mail).toBe("sent");
    expect(data.reset.link).toMatch(new RegExp(`^${PUBLIC_URL}/reset-password/[A-Za-z0-9_-]{43}$`));
    expect(data.reset.expiresAt - Date.now()).toBeGreaterThan(RESET_LIFETIME_MS.issued - 60_000);
    link = data.reset.link;

    const [mail] = await smtp.waitFor("amina@example.org");
    expect(mail!.to).toEqual(["amina@example.org"]);
    expect(mail!.from).toBe("learning@example.org");
    expect(mail!.lang).toBe("fr");
    expect(mail!.subject).toBe("Choisissez un nouveau mot de passe");
    expect(mail!.text).toContain("Bonjour Amina Diallo,");
    expect(mail!.text).toContain("Ade Admin a créé pour vous un lien");
    expect(linkIn(mail!.text, `${PUBLIC_URL}/reset-password/`)).toBe(link);
    expect(mail!.html).toContain(`<a href="${link}">Choisir un nouveau mot de passe</a>`);
  });

  it("keeps only a hash of the token", async () => {
    const rows = await rt.db.selectFrom("password_resets").selectAll().where("user_id", "=", ids["amina@example.org"]!).execute();
    expect(rows.map((r) => r.token_hash)).toEqual([resetDigest(tokenOf(link))]);
    expect(JSON.stringify(rows)).not.toContain(tokenOf(link));
    expect(rows[0]!.created_by).toBe(ids["admin@example.org"]);
  });

  it("sets the new password, ends every session and forgets every device of the account, and signs this browser in", async () => {
    const userId = ids["amina@example.org"]!;
    const phone = cookieOf(await startSession(rt, userId));
    await trustDevice(rt.db, userId, null, false);
    expect(await signedInAs(phone)).toBe("amina@example.org");

    const token = tokenOf(link);
    const page = await json<{ link: { email: string } | null }>(resetLoader(resetArgs(token)) as Promise<Response>);
    expect(page).toMatchObject({ status: 200, data: { link: { email: "amina@example.org" } } });

    const r = (await resetAction(resetArgs(token, "", { password: "a brand new password" }))) as Response;
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/profile?password=reset");
    const [session, device] = setCookies(r);
    expect(session).toMatch(/^session=/);
    expect(device).toMatch(/^device=/);
    expect(await signedInAs(session!)).toBe("amina@example.org");
    expect(await signedInAs(phone)).toBeNull();
    expect(await signedInAs(cookies["amina@example.org"]!)).toBeNull();
    const devices = await rt.db.selectFrom("login_devices").select("user_id").where("user_id", "=", userId).execute();
    expect(devices).toHaveLength(1); // only this browser's, just trusted

    const login = (password: string) => authenticate(rt.db, { email: "amina@example.org", password, ip: "203.0.113.9" }, LOGIN);
    expect((await login("a brand new password")).ok).toBe(true);
    expect((await login("amina@example.org old password")).ok).toBe(false);
    cookies["amina@example.org"] = session!;
  });

  it("is refused a second time, before and after the form", async () => {
    const token = tokenOf(link);
    expect(await statusOf(resetLoader(resetArgs(token)))).toBe(404);
    const again = await json<{ errors: { form: string } }>(resetAction(resetArgs(token, "", { password: "someone else's password" })) as Promise<Response>);
    expect(again).toEqual({ status: 404, data: { errors: { form: "auth.reset.invalid" } } });
    expect((await authenticate(rt.db, { email: "amina@example.org", password: "a brand new password", ip: "203.0.113.9" }, LOGIN)).ok).toBe(true);
  });

  it("is refused once expired: a day for a link issued by staff", async () => {
    const userId = ids["pablo@example.org"]!;
    const day = RESET_LIFETIME_MS.issued;
    const fresh = await createResetLink(rt.db, userId, ids["admin@example.org"]!, Date.now() - day + 60_000);
    expect(await statusOf(resetLoader(resetArgs(fresh.token)))).toBe(200);
    const stale = await createResetLink(rt.db, userId, ids["admin@example.org"]!, Date.now() - day - 1000);
    expect(await statusOf(resetLoader(resetArgs(stale.token)))).toBe(404);
    expect(await statusOf(resetAction(resetArgs(stale.token, "", { password: "too late a password" })))).toBe(404);
    expect((await authenticate(rt.db, { email: "pablo@example.org", password: "too late a password", ip: "203.0.113.9" }, LOGIN)).ok).toBe(false);
  });

  it("replaces the account's earlier links, and refuses malformed tokens and short passwords", async () => {
    const userId = ids["pablo@example.org"]!;
    const first = await createResetLink(rt.db, userId, ids["admin@example.org"]!);
    const second = await createResetLink(rt.db, userId, ids["admin@example.org"]!);
    expect(await statusOf(resetLoader(resetArgs(first.token)))).toBe(404);
    expect(await statusOf(resetLoader(resetArgs(second.token)))).toBe(200);
    for (const bad of ["", "short", "x".repeat(43).replace(/x/, "/"), second.token + "A"]) expect(await statusOf(resetLoader(resetArgs(bad)))).toBe(404);
    const short = await json<{ errors: Record<string, string> }>(resetAction(resetArgs(second.token, "", { password: "short" })) as Promise<Response>);
    expect(short).toEqual({ status: 400, data: { errors: { password: "auth.error.password" } } });
    expect(await statusOf(resetLoader(resetArgs(second.token)))).toBe(200); // not spent by a refused form
  });

  it("is for administrators only on /admin/users", async () => {
    for (const who of ["manager@example.org", "amina@example.org", "ivan@example.org"])
      expect(await statusOf(adminUsersAction({ request: postAs("/admin/users", cookies[who], { intent: "reset-link", userId: ids["pablo@example.org"]! }), params: {}, context }))).toBe(403);
    expect(await statusOf(adminUsersAction({ request: postAs("/admin/users", cookies["admin@example.org"], { intent: "reset-link", userId: "00000000-0000-4000-8000-000000000000" }), params: {}, context }))).toBe(404);
  });
});

describe("a password reset link issued by a cohort's manager", () => {
  let cohortId = "";
  const post = (who: string, email: string) =>
    cohortAction({ request: postAs(`/manage/cohorts/${cohortId}`, cookies[who], { intent: "reset-link", email }), params: { cohortId }, context });

  beforeAll(async () => {
    const manager = { id: ids["manager@example.org"]!, role: "manager" as const };
    cohortId = await createCohort(rt.db, manager, { name: "Reset cohort", programme: "P", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] });
    const csv = "name,email\nPablo Listed,pablo.work@gov.example\nPending Person,pending@gov.example\nIvan Listed,ivan@example.org\n";
    await importParticipants(rt.db, cohortId, parseParticipantsCsv(csv).rows);
    const tokens = await rt.db.selectFrom("cohort_participants").select(["email", "invite_token"]).where("cohort_id", "=", cohortId).execute();
    const token = (e: string) => tokens.find((t) => t.email === e)!.invite_token!;
    // Pablo accepts the place listed under his work address while signed in with his own.
    expect((await acceptPersonalInvitation(rt.db, { id: ids["pablo@example.org"]! }, token("pablo.work@gov.example"))).ok).toBe(true);
    expect((await acceptPersonalInvitation(rt.db, { id: ids["ivan@example.org"]! }, token("ivan@example.org"))).ok).toBe(true);
  });

  it("goes to the account of a learner who accepted, in their language", async () => {
    smtp.messages.length = 0;
    const { status, data } = await json<{ issued: Issued["reset"] }>(post("manager@example.org", "pablo.work@gov.example"));
    expect(status).toBe(200);
    expect(data.issued).toMatchObject({ name: "Pablo Listed", mail: "sent" });
    const [mail] = await smtp.waitFor("pablo@example.org");
    expect(mail!.lang).toBe("es");
    expect(mail!.subject).toBe("Elija una nueva contraseña");
    expect(mail!.text).toContain("Maria Manager creó para usted un enlace");
    expect(linkIn(mail!.text, `${PUBLIC_URL}/reset-password/`)).toBe(data.issued.link);
    expect(smtp.to("pablo.work@gov.example")).toEqual([]);
  });

  it("is refused for a pending place (404), a staff account (403), and to another cohort's manager (404)", async () => {
    expect(await statusOf(post("manager@example.org", "pending@gov.example"))).toBe(404);
    expect(await statusOf(post("manager@example.org", "nobody@gov.example"))).toBe(404);
    const staff = await json<{ error: string }>(post("manager@example.org", "ivan@example.org"));
    expect(staff).toMatchObject({ status: 403, data: { error: "reset.error.notLearner" } });
    expect(await statusOf(post("other-manager@example.org", "pablo.work@gov.example"))).toBe(404);
    expect(await rt.db.selectFrom("password_resets").select("user_id").where("user_id", "=", ids["ivan@example.org"]!).execute()).toEqual([]);
    // An administrator may, on the same page.
    expect((await json<{ issued: Issued["reset"] }>(post("admin@example.org", "ivan@example.org"))).status).toBe(200);
  });
});

describe("changing one's password on the profile", () => {
  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    profileAction({ request: postAs("/profile", cookie, { intent: "change-password", currentPassword, newPassword }), params: {}, context }) as Promise<Response>;

  it("needs the current password, then ends every other session, forgets the other devices and voids open reset links", async () => {
    const email = "changer@example.org";
    const userId = await person(email, "learner");
    const deviceHere = cookieOf(await trustDevice(rt.db, userId, null, false));
    const here = `${cookies[email]}; ${deviceHere}`;
    const laptop = cookieOf(await startSession(rt, userId));
    const phone = cookieOf(await startSession(rt, userId));
    await trustDevice(rt.db, userId, null, false);
    const open = await createResetLink(rt.db, userId, ids["admin@example.org"]!);

    const wrong = await json(change(here, "not my password", "a new password 2026"));
    expect(wrong).toEqual({ status: 400, data: { kind: "password", changed: false, errors: { currentPassword: "profile.password.wrong" }, seconds: 0 } });
    expect(await signedInAs(phone)).toBe(email);

    const short = await json(change(here, `${email} old password`, "short"));
    expect(short).toMatchObject({ status: 400, data: { errors: { newPassword: "auth.error.password" } } });

    const done = await json(change(here, `${email} old password`, "a new password 2026"));
    expect(done).toEqual({ status: 200, data: { kind: "password", changed: true, errors: {}, seconds: 0 } });
    expect(await signedInAs(here)).toBe(email);
    expect(await signedInAs(laptop)).toBeNull();
    expect(await signedInAs(phone)).toBeNull();
    const devices = await rt.db.selectFrom("login_devices").select("token_hash").where("user_id", "=", userId).execute();
    expect(devices).toHaveLength(1);
    expect(await statusOf(resetLoader(resetArgs(open.token)))).toBe(404);
    expect((await authenticate(rt.db, { email, password: "a new password 2026", ip: "203.0.113.9" }, LOGIN)).ok).toBe(true);
    expect((await authenticate(rt.db, { email, password: `${email} old password`, ip: "203.0.113.9" }, LOGIN)).ok).toBe(false);
  });

  it("slows guesses at the current password like sign-ins", async () => {
    const email = "guesser@example.org";
    await person(email, "learner");
    for (let i = 0; i < LOGIN.freeFailures; i++) expect((await change(cookies[email]!, `guess ${i}`, "a new password 2026")).status).toBe(400);
    const slowed = await change(cookies[email]!, `${email} old password`, "a new password 2026");
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await slowed.json()).errors).toEqual({ form: "profile.password.throttled" });
  });
});

describe("“Forgot password?” with email configured", () => {
  const ask = (email: string, clientIp = "198.51.100.20") =>
    forgotAction({ request: postAs("/forgot-password", "", { email }), params: {}, context: { ...context, clientIp } }) as Promise<Response>;

  it("offers the email form", async () => {
    expect(await json(forgotLoader({ request: getAs("/forgot-password", ""), params: {}, context }) as Promise<Response>)).toEqual({ status: 200, data: { mail: true } });
  });

  it("answers the same for an address with an account and one without, and emails only the account, in its language", async () => {
    smtp.messages.length = 0;
    const unknown = await ask("no.account@example.org");
    const known = await ask("Pablo@Example.org ");
    expect(known.status).toBe(unknown.status);
    expect(await known.text()).toBe(await unknown.text());
    expect(known.status).toBe(200);

    const [mail] = await smtp.waitFor("pablo@example.org");
    expect(mail!.lang).toBe("es");
    expect(mail!.text).toContain("Alguien pidió un enlace");
    const link = linkIn(mail!.text, `${PUBLIC_URL}/reset-password/`)!;
    expect(mail!.html).toContain(`href="${link}"`);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.map((m) => m.to)).toEqual([["pablo@example.org"]]);

    // An emailed link lasts an hour, and does not replace the one a manager issued.
    const row = await rt.db.selectFrom("password_resets").select(["expires_at", "created_by"]).where("token_hash", "=", resetDigest(tokenOf(link))).executeTakeFirstOrThrow();
    expect(Number(row.expires_at) - Date.now()).toBeLessThanOrEqual(RESET_LIFETIME_MS.requested);
    expect(row.created_by).toBeNull();
    expect(await rt.db.selectFrom("password_resets").select("token_hash").where("user_id", "=", ids["pablo@example.org"]!).where("created_by", "is not", null).execute()).toHaveLength(1);
    expect(await statusOf(resetLoader(resetArgs(tokenOf(link))))).toBe(200);
  });

  it("refuses an emailed link after its hour", async () => {
    const late = await createResetLink(rt.db, ids["pablo@example.org"]!, null, Date.now() - RESET_LIFETIME_MS.requested - 1000);
    expect(await statusOf(resetLoader(resetArgs(late.token)))).toBe(404);
  });

  it("sends one address a few links, then answers the same and sends nothing", async () => {
    smtp.messages.length = 0;
    const answers = new Set<string>();
    for (let i = 0; i < 5; i++) answers.add(`${(await ask("amina@example.org", "198.51.100.21")).status} ${await (await ask("nobody.else@example.org", "198.51.100.21")).text()}`);
    expect(answers.size).toBe(1);
    await smtp.waitFor("amina@example.org", 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.to("amina@example.org")).toHaveLength(3);
    expect(smtp.messages).toHaveLength(3);
  });

  it("is throttled per network like registration, whatever the address", async () => {
    const ip = "198.51.100.22";
    for (let i = 0; i < 20; i++) expect((await ask(`throttle-${i}@example.org`, ip)).status).toBe(200);
    const slowed = await ask("amina@example.org", ip);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await slowed.json()).errors).toEqual({ form: "auth.forgot.throttled" });
    const unknownSlowed = await ask("nobody@example.org", ip);
    expect(unknownSlowed.status).toBe(429);
  });

  it("checks the address's form only, the same for any address", async () => {
    const bad = await json(ask("not an address"));
    expect(bad).toMatchObject({ status: 400, data: { errors: { email: "auth.error.email" } } });
  });
});
