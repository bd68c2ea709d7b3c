// Email where it helps, never required (issue 13): the outcome of a review, personal cohort
// invitations, what a failing mail server does (the action is kept, the failure reported), and a
// platform without SMTP_URL (nothing is sent; links are shown to pass on by hand). A real SMTP server
// (smtp-server) receives the messages; mailparser reads them back.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import { createCohort, importParticipants, acceptPersonalInvitation } from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import { ConfigError, parseConfig } from "../../app/config.server";
import type { DraftingExercise } from "../../app/content/types";
import { readDraft } from "../../app/learning/drafting";
import { getDraft, saveDraft, submitDraft } from "../../app/learning/exercises.server";
import { closeRuntime, type Runtime } from "../../app/runtime.server";
import { action as adminUsersAction } from "../../app/routes/admin.users._index";
import { action as forgotAction, loader as forgotLoader } from "../../app/routes/forgot-password";
import { action as cohortAction, loader as cohortLoader } from "../../app/routes/manage.cohorts.$cohortId._index";
import { action as reviewAction } from "../../app/routes/teach.reviews.$userId.$courseId.$exerciseId";
import { loader as queueLoader } from "../../app/routes/teach.reviews._index";
import { assignInstructor } from "../../app/teaching/staff.server";
import { formOf } from "../helpers/answers";
import { getAs, postAs } from "../helpers/http";
import { testRuntime } from "../helpers/runtime";
import { linkIn, startSmtp, type TestSmtp } from "../helpers/smtp";

const PUBLIC_URL = "https://learning.example.org";
type Context = Awaited<ReturnType<typeof testRuntime>>["context"];

interface World {
  rt: Runtime;
  context: Context;
  ids: Record<string, string>;
  cookies: Record<string, string>;
}

async function world(env: Record<string, string>): Promise<World> {
  const { rt, context } = await testRuntime("tests/fixtures/courses", env);
  const w: World = { rt, context, ids: {}, cookies: {} };
  const people = [
    ["teacher@example.org", "instructor", "en", "Ines Teacher"],
    ["amina@example.org", "learner", "fr", "Amina Diallo"],
    ["manager@example.org", "manager", "en", "Maria Manager"],
    ["admin@example.org", "admin", "en", "Ade Admin"],
  ] as const;
  for (const [email, role, locale, name] of people) {
    const r = await createUser(rt.db, { name, email, password: "long enough pass", locale, role }, 10);
    if (!r.ok) throw new Error(r.reason);
    w.ids[email] = r.user.id;
    w.cookies[email] = (await startSession(rt, r.user.id)).split(";")[0]!;
  }
  await assignInstructor(rt.db, "mini", "teacher@example.org");
  return w;
}

/** Amina's draft of the fixture's drafting exercise, submitted for review. */
async function submitted(w: World) {
  const exercise = w.rt.catalog.byId.get("mini")!.exercisesById.get("ex-plan") as DraftingExercise;
  const key = { userId: w.ids["amina@example.org"]!, courseId: "mini", exerciseId: "ex-plan" };
  const answers = readDraft(exercise, formOf({ "p.p-vision": "An open and secure cyberspace.", "p.p-plan.0.0": "CSIRT", "p.p-plan.0.1": "ICT ministry", "p.p-plan.0.2": "Staffed by 2027" }));
  await saveDraft(w.rt.db, key, answers);
  expect(await submitDraft(w.rt.db, key, exercise, answers)).toEqual({ ok: true });
  return key;
}

function review(w: World, decision: "return" | "accept" | "comment", comment: string) {
  const params = { userId: w.ids["amina@example.org"]!, courseId: "mini", exerciseId: "ex-plan" };
  return reviewAction({ request: postAs(`/teach/reviews/${params.userId}/mini/ex-plan`, w.cookies["teacher@example.org"], { decision, comment }), params, context: w.context }) as Promise<Response>;
}

/** A cohort of the manager's with three pending places and one accepted by Amina. */
async function cohortWithPending(w: World, name: string) {
  const id = await createCohort(w.rt.db, { id: w.ids["manager@example.org"]!, role: "manager" }, { name, programme: "Donor programme", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] });
  const csv = "name,email\nAmina Listed,amina.work@gov.example\nKofi Mensah,kofi@gov.example\nLea Martin,lea@gov.example\nSara Haddad,sara@gov.example\n";
  await importParticipants(w.rt.db, id, parseParticipantsCsv(csv).rows);
  const token = async (email: string) =>
    (await w.rt.db.selectFrom("cohort_participants").select("invite_token").where("cohort_id", "=", id).where("email", "=", email).executeTakeFirstOrThrow()).invite_token!;
  expect((await acceptPersonalInvitation(w.rt.db, { id: w.ids["amina@example.org"]! }, await token("amina.work@gov.example"))).ok).toBe(true);
  return { id, token };
}

function sendInvitations(w: World, cohortId: string, fields: Record<string, string>) {
  return cohortAction({ request: postAs(`/manage/cohorts/${cohortId}`, w.cookies["manager@example.org"], { intent: "email-invitations", ...fields }), params: { cohortId }, context: w.context }) as Promise<Response>;
}

/** A local port with nothing listening on it: a mail server that is down. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe("with SMTP configured", () => {
  let smtp: TestSmtp;
  let w: World;

  beforeAll(async () => {
    smtp = await startSmtp();
    w = await world({ SMTP_URL: smtp.url, MAIL_FROM: "learning@example.org", PUBLIC_URL });
  });
  afterAll(async () => {
    await smtp.close();
    await closeRuntime(w.rt);
  });

  describe("a review's outcome", () => {
    it("emails “returned” with the comment, in the learner's language, and says so to the reviewer", async () => {
      const key = await submitted(w);
      const r = await review(w, "return", "Name a lead authority for each initiative.\nAnd a date.");
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).toBe("/teach/reviews?mail=sent");
      expect((await getDraft(w.rt.db, key))?.status).toBe("returned");

      const [mail] = await smtp.waitFor("amina@example.org");
      expect(mail!.lang).toBe("fr");
      const title = w.rt.catalog.byId.get("mini")!.exercisesById.get("ex-plan")!.title;
      expect(mail!.subject).toBe(`Votre brouillon vous a été renvoyé : ${title.fr}`);
      expect(mail!.text).toContain("Bonjour Amina Diallo,");
      expect(mail!.text).toContain("> Name a lead authority for each initiative.\n> And a date.");
      expect(mail!.html).toContain("Name a lead authority for each initiative.<br>And a date.");
      const link = `${PUBLIC_URL}/courses/mini/exercises/ex-plan`;
      expect(linkIn(mail!.text, PUBLIC_URL)).toBe(link);
      expect(mail!.html).toContain(`<a href="${link}">Ouvrir l&#39;exercice</a>`);

      const queue = await (await queueLoader({ request: getAs("/teach/reviews?mail=sent", w.cookies["teacher@example.org"]), params: {}, context: w.context })).json();
      expect(queue.mail).toBe("sent");
    });

    it("keeps the review when the mail server refuses the message, and reports it", async () => {
      smtp.messages.length = 0;
      const key = await submitted(w);
      smtp.refuse(true);
      try {
        const r = await review(w, "return", "Saved even though the email fails.");
        expect(r.status).toBe(302);
        expect(r.headers.get("Location")).toBe("/teach/reviews?mail=failed");
      } finally {
        smtp.refuse(false);
      }
      expect((await getDraft(w.rt.db, key))?.status).toBe("returned");
      const comments = await w.rt.db.selectFrom("exercise_comments").select("body").where("user_id", "=", key.userId).execute();
      expect(comments.map((c) => c.body)).toContain("Saved even though the email fails.");
      expect(smtp.messages).toEqual([]);
    });

    it("emails “accepted”, and nothing for a comment alone", async () => {
      smtp.messages.length = 0;
      await submitted(w);
      expect((await review(w, "comment", "Reading it now.")).headers.get("Location")).toBe("/teach/reviews");
      const accepted = await review(w, "accept", "");
      expect(accepted.headers.get("Location")).toBe("/teach/reviews?mail=sent");
      const mails = await smtp.waitFor("amina@example.org");
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toMatch(/^Votre brouillon a été accepté : /);
      expect(mails[0]!.text).not.toContain("Son commentaire");
    });
  });

  describe("personal cohort invitations by email", () => {
    it("sends each pending participant their own link, in the language chosen, text and HTML", async () => {
      const { id, token } = await cohortWithPending(w, "Invitations FR");
      const page = await (await cohortLoader({ request: getAs(`/manage/cohorts/${id}`, w.cookies["manager@example.org"]), params: { cohortId: id }, context: w.context })).json();
      expect(page.mail).toBe(true);
      smtp.messages.length = 0;

      const r = await sendInvitations(w, id, { lang: "fr", scope: "new" });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ intent: "email-invitations", ok: true, sent: 3, failed: [], remaining: 0, error: null });
      expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(["kofi@gov.example", "lea@gov.example", "sara@gov.example"]);
      for (const [email, name] of [["kofi@gov.example", "Kofi Mensah"], ["lea@gov.example", "Lea Martin"], ["sara@gov.example", "Sara Haddad"]] as const) {
        const [mail] = smtp.to(email);
        const link = `${PUBLIC_URL}/invitations/${await token(email)}`;
        expect(mail!.lang).toBe("fr");
        expect(mail!.subject).toBe("Invitation : Invitations FR");
        expect(mail!.text).toContain(`Bonjour ${name},`);
        expect(mail!.text).toContain("Vous êtes invité à rejoindre Invitations FR (Donor programme)");
        expect(mail!.text).toContain("les responsables de ce programme verront votre progression");
        expect(linkIn(mail!.text, `${PUBLIC_URL}/invitations/`)).toBe(link);
        expect(mail!.html).toContain(`<a href="${link}">Voir l&#39;invitation</a>`);
      }
      // Amina accepted: nothing to her, at either address.
      expect(smtp.to("amina.work@gov.example")).toEqual([]);
      expect(smtp.to("amina@example.org")).toEqual([]);

      const after = await (await cohortLoader({ request: getAs(`/manage/cohorts/${id}`, w.cookies["manager@example.org"]), params: { cohortId: id }, context: w.context })).json();
      expect(after.participants.filter((p: { emailedAt: number | null }) => p.emailedAt !== null).map((p: { email: string }) => p.email).sort()).toEqual(["kofi@gov.example", "lea@gov.example", "sara@gov.example"]);
    });

    it("sends nobody twice unless asked to send again, and writes in English when no language is given", async () => {
      const { id } = await cohortWithPending(w, "Invitations EN");
      smtp.messages.length = 0;
      expect((await (await sendInvitations(w, id, { scope: "new" })).json()).sent).toBe(3);
      expect(smtp.messages.every((m) => m.lang === "en" && m.subject === "Invitation: Invitations EN")).toBe(true);
      expect((await (await sendInvitations(w, id, { scope: "new" })).json()).sent).toBe(0);
      expect((await (await sendInvitations(w, id, { lang: "es", scope: "all" })).json()).sent).toBe(3);
      expect(smtp.messages).toHaveLength(6);
      expect(smtp.messages.slice(3).every((m) => m.lang === "es" && m.subject === "Invitación: Invitations EN")).toBe(true);
    });

    it("names the addresses that failed, keeps them to send again, and sends them next time", async () => {
      const { id } = await cohortWithPending(w, "Invitations failing");
      smtp.messages.length = 0;
      smtp.refuse(true);
      let failed;
      try {
        failed = await (await sendInvitations(w, id, { lang: "en", scope: "new" })).json();
      } finally {
        smtp.refuse(false);
      }
      expect(failed).toMatchObject({ ok: true, sent: 0, failed: ["kofi@gov.example", "lea@gov.example", "sara@gov.example"] });
      const again = await (await sendInvitations(w, id, { lang: "en", scope: "new" })).json();
      expect(again).toMatchObject({ sent: 3, failed: [] });
      expect(smtp.messages).toHaveLength(3);
    });

    it("is for the cohort's managers only", async () => {
      const { id } = await cohortWithPending(w, "Invitations guarded");
      for (const who of ["amina@example.org", "teacher@example.org"]) {
        const r = await cohortAction({ request: postAs(`/manage/cohorts/${id}`, w.cookies[who], { intent: "email-invitations", scope: "new" }), params: { cohortId: id }, context: w.context }).catch((e: Response) => e);
        expect((r as Response).status).toBe(403);
      }
    });
  });
});

describe("with a mail server that cannot be reached", () => {
  it("issues the reset link all the same, shows it to pass on, and says the email failed", async () => {
    const w = await world({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`, MAIL_FROM: "learning@example.org", PUBLIC_URL });
    const r = await adminUsersAction({ request: postAs("/admin/users", w.cookies["admin@example.org"], { intent: "reset-link", userId: w.ids["amina@example.org"]! }), params: {}, context: w.context });
    expect(r.status).toBe(200);
    const { reset } = (await r.json()) as { reset: { mail: string; link: string } };
    expect(reset.mail).toBe("failed");
    expect(reset.link).toMatch(new RegExp(`^${PUBLIC_URL}/reset-password/`));
    expect(await w.rt.db.selectFrom("password_resets").select("user_id").execute()).toEqual([{ user_id: w.ids["amina@example.org"] }]);
    await closeRuntime(w.rt);
  });
});

describe("without SMTP_URL", () => {
  let smtp: TestSmtp;
  let w: World;

  beforeAll(async () => {
    // A mail server runs, but the platform is not told of it: it must receive nothing.
    smtp = await startSmtp();
    w = await world({});
  });
  afterAll(async () => {
    expect(smtp.messages).toEqual([]);
    await smtp.close();
    await closeRuntime(w.rt);
  });

  it("has no mailer", () => {
    expect(w.rt.mailer).toBeNull();
  });

  it("shows the reset link to pass on by hand, and says it was not emailed", async () => {
    const r = await adminUsersAction({ request: postAs("/admin/users", w.cookies["admin@example.org"], { intent: "reset-link", userId: w.ids["amina@example.org"]! }), params: {}, context: w.context });
    const { reset } = (await r.json()) as { reset: { mail: string; link: string } };
    expect(reset.mail).toBe("off");
    // The page's own address, as the administrator reached it.
    expect(reset.link).toMatch(/^http:\/\/localhost\/reset-password\/[A-Za-z0-9_-]{43}$/);
  });

  it("offers no email on “Forgot password?”, and a form sent anyway sends nothing", async () => {
    expect(await (await forgotLoader({ request: getAs("/forgot-password", ""), params: {}, context: w.context })).json()).toEqual({ mail: false });
    const r = await forgotAction({ request: postAs("/forgot-password", "", { email: "amina@example.org" }), params: {}, context: w.context });
    expect(r.status).toBe(400);
    expect((await r.json()).errors).toEqual({ form: "auth.forgot.noMail" });
    expect(await w.rt.db.selectFrom("password_resets").select("user_id").where("created_by", "is", null).execute()).toEqual([]);
  });

  it("offers no invitation emails on the cohort page, and refuses a form sent anyway", async () => {
    const { id } = await cohortWithPending(w, "No email cohort");
    const page = await (await cohortLoader({ request: getAs(`/manage/cohorts/${id}`, w.cookies["manager@example.org"]), params: { cohortId: id }, context: w.context })).json();
    expect(page.mail).toBe(false);
    const r = await sendInvitations(w, id, { lang: "en", scope: "new" });
    expect(r.status).toBe(409);
    expect((await r.json()).error).toBe("cohort.mail.off");
    const emailed = await w.rt.db.selectFrom("cohort_participants").select("invite_emailed_at").where("cohort_id", "=", id).where("invite_emailed_at", "is not", null).execute();
    expect(emailed).toEqual([]);
  });

  it("saves a review without any email and without a notice", async () => {
    await submitted(w);
    const r = await review(w, "return", "No email here.");
    expect(r.headers.get("Location")).toBe("/teach/reviews");
  });
});

describe("the email settings", () => {
  const base = { DATABASE_URL: ":memory:" };
  const error = (env: Record<string, string>) => {
    try {
      parseConfig({ ...base, ...env });
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
  };

  it("accepts smtp:// and smtps:// URLs with a sender and the public address", () => {
    const c = parseConfig({ ...base, SMTP_URL: "smtps://user:secret@mail.example.org:465", MAIL_FROM: "Learning <learning@example.org>", PUBLIC_URL: "https://learning.example.org/" });
    expect(c.PUBLIC_URL).toBe("https://learning.example.org");
    expect(error({ SMTP_URL: "smtp://mail.example.org:587", MAIL_FROM: "learning@example.org", PUBLIC_URL: "http://localhost:3000" })).toBeNull();
    expect(parseConfig(base).SMTP_URL).toBeUndefined();
  });

  it("refuses a bad URL without printing its password, and asks for MAIL_FROM and PUBLIC_URL", () => {
    const bad = error({ SMTP_URL: "http://user:hunter2@mail.example.org", MAIL_FROM: "learning@example.org", PUBLIC_URL });
    expect(bad).toContain("SMTP_URL=");
    expect(bad).toContain("must be an smtp:// or smtps:// URL");
    expect(bad).not.toContain("hunter2");
    const missing = error({ SMTP_URL: "smtp://mail.example.org" })!;
    expect(missing).toContain("MAIL_FROM");
    expect(missing).toContain("PUBLIC_URL");
    expect(error({ SMTP_URL: "smtp://mail.example.org", MAIL_FROM: "not an address", PUBLIC_URL })).toContain("MAIL_FROM");
    expect(error({ SMTP_URL: "smtp://mail.example.org", MAIL_FROM: "learning@example.org", PUBLIC_URL: "https://learning.example.org/some/path" })).toContain("PUBLIC_URL");
  });
});
