import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { DB } from "@db/index";
import type { Role } from "@db/schema";
import { recordAudit } from "~/admin/audit.server";
import { scopeOf } from "~/auth/permissions";
import { enrol } from "~/learning/progress.server";
import type { ParticipantRow } from "./csv";
import { invitationsCsv } from "./invitations";
import { pick } from "~/content/localize";
import type { Catalog } from "~/content/types";
import { UI_LANGUAGES, type UiLanguage } from "~/i18n";
import { paths } from "~/lib/links";
import { msg, repeated } from "~/lib/submission.server";
import { deliver, invitationMail, type Mailer } from "~/mail/mail.server";

// Re-exported from a .server module so that csv-parse (which needs Node's Buffer) never reaches a browser bundle.
export { parseParticipantsCsv } from "./csv";
import { parseParticipantsCsv } from "./csv";

export interface Actor {
  id: string;
  role: Role;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg("cohort.error.date")).refine((d) => !Number.isNaN(Date.parse(d)), {
  error: "cohort.error.date",
});

/** The cohort form; `courses` are the ids of catalogue courses (checked by the caller). Messages are i18n keys. */
export const CohortForm = z
  .object({
    name: z.string().trim().min(1, msg("cohort.error.name")).max(120, msg("cohort.error.name")),
    programme: z.string().trim().min(1, msg("cohort.error.programme")).max(120, msg("cohort.error.programme")),
    starts_on: isoDate,
    ends_on: isoDate,
    courses: repeated(z.string().max(100, msg("cohort.error.courses"))).pipe(z.array(z.string()).min(1, msg("cohort.error.courses"))),
  })
  .refine((c) => c.ends_on >= c.starts_on, { error: "cohort.error.dates", path: ["ends_on"] });
export type CohortInput = z.infer<typeof CohortForm>;

/** A new invitation code: how long it lasts and how many may use it. */
export const InviteForm = z.object({
  days: z.coerce.number(msg("invite.error.days")).int(msg("invite.error.days")).min(1, msg("invite.error.days")).max(365, msg("invite.error.days")),
  max_uses: z.coerce.number(msg("invite.error.uses")).int(msg("invite.error.uses")).min(1, msg("invite.error.uses")).max(100_000, msg("invite.error.uses")),
});
/** The cohort page's two forms: a new invitation code, or a participants' CSV file. */
export const CohortPageForm = z.discriminatedUnion(
  "intent",
  [
    InviteForm.extend({ intent: z.literal("invite") }),
    z.object({ intent: z.literal("upload"), file: z.instanceof(File, msg("cohort.upload.noFile")).refine((f) => f.size > 0, msg("cohort.upload.noFile")) }),
    // A password reset link for a participant who accepted, named by the address the cohort lists.
    z.object({ intent: z.literal("reset-link"), email: z.string().max(254, msg("form.error.invalid")) }),
    // The personal invitations by email: in the language chosen (the page's by default, else English),
    // to those not emailed yet or ("all") again to everyone still pending.
    z.object({
      intent: z.literal("email-invitations"),
      lang: z.enum(UI_LANGUAGES.map((l) => l.code)).catch("en"),
      scope: z.enum(["new", "all"]).catch("new"),
    }),
  ],
  msg("form.error.invalid"),
);

export async function createCohort(db: DB, actor: Actor, input: CohortInput, now = Date.now()): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("cohorts")
      .values({ id, name: input.name, programme: input.programme, starts_on: input.starts_on, ends_on: input.ends_on, created_by: actor.id, created_at: now })
      .execute();
    await trx.insertInto("cohort_courses").values([...new Set(input.courses)].map((course_id) => ({ cohort_id: id, course_id }))).execute();
    await trx.insertInto("cohort_managers").values({ cohort_id: id, user_id: actor.id }).execute();
    await recordAudit(trx, { actorId: actor.id, action: "cohort.created", targetType: "cohort", targetId: id, targetLabel: input.name, details: { programme: input.programme, courses: input.courses } }, now);
  });
  return id;
}

/** A new cohort from the form, for courses the actor can see; the field in error otherwise. */
export async function createCohortFor(db: DB, actor: Actor, input: CohortInput, visibleCourseIds: ReadonlySet<string>) {
  if (input.courses.some((id) => !visibleCourseIds.has(id))) return { ok: false as const, errors: { courses: "cohort.error.courses" as const } };
  return { ok: true as const, id: await createCohort(db, actor, input) };
}

/** Cohorts the actor manages (all of them for an admin), newest first. */
export async function listCohorts(db: DB, actor: Actor) {
  let q = db.selectFrom("cohorts").selectAll("cohorts").orderBy("cohorts.created_at", "desc");
  if (scopeOf(actor.role, "cohorts.manage") !== "any")
    q = q.where("cohorts.id", "in", db.selectFrom("cohort_managers").select("cohort_id").where("user_id", "=", actor.id));
  const cohorts = await q.execute();
  const counts = await db
    .selectFrom("cohort_participants")
    .select(["cohort_id", db.fn.countAll<number>().as("n")])
    .where("cohort_id", "in", cohorts.length ? cohorts.map((c) => c.id) : [""])
    .groupBy("cohort_id")
    .execute();
  const byId = new Map(counts.map((c) => [c.cohort_id, Number(c.n)]));
  return cohorts.map((c) => ({ ...c, participants: byId.get(c.id) ?? 0 }));
}

/** The cohort if the actor may manage it; otherwise null, which callers turn into a 404. */
export async function getManagedCohort(db: DB, actor: Actor, cohortId: string) {
  if (!z.uuid().safeParse(cohortId).success) return null;
  const cohort = await db.selectFrom("cohorts").selectAll().where("id", "=", cohortId).executeTakeFirst();
  if (!cohort) return null;
  if (scopeOf(actor.role, "cohorts.manage") !== "any") {
    const manages = await db.selectFrom("cohort_managers").select("user_id").where("cohort_id", "=", cohortId).where("user_id", "=", actor.id).executeTakeFirst();
    if (!manages) return null;
  }
  const courses = await db.selectFrom("cohort_courses").select("course_id").where("cohort_id", "=", cohortId).execute();
  return { ...cohort, courseIds: courses.map((c) => c.course_id) };
}
export type ManagedCohort = NonNullable<Awaited<ReturnType<typeof getManagedCohort>>>;

export async function listParticipants(db: DB, cohortId: string) {
  return db.selectFrom("cohort_participants").selectAll().where("cohort_id", "=", cohortId).orderBy("name").execute();
}

/** Enrols a linked participant in every course of the cohort (enrolling twice is harmless). */
async function enrolInCohortCourses(db: DB, cohortId: string, userId: string, now: number) {
  const courses = await db.selectFrom("cohort_courses").select("course_id").where("cohort_id", "=", cohortId).execute();
  for (const c of courses) await enrol(db, userId, c.course_id, now);
}

export interface ImportSummary {
  added: number;
  updated: number;
}

/** The secret of a personal invitation: 144 random bits, URL-safe. */
export function newInviteToken(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * Adds or updates participants by email, in one transaction (a failure leaves the cohort as it was).
 * Re-importing the same file adds nobody twice. Every new place is pending, with its own personal
 * invitation: a place is linked to an account only when its person accepts (decision 014), so an
 * import never reveals which addresses have accounts and never shows a manager anyone's own data.
 */
export async function importParticipants(db: DB, cohortId: string, rows: ParticipantRow[], opts: { actorId?: string; now?: number } = {}): Promise<ImportSummary> {
  const now = opts.now ?? Date.now();
  return db.transaction().execute(async (trx) => {
    const existing = new Set(
      (await trx.selectFrom("cohort_participants").select("email").where("cohort_id", "=", cohortId).execute()).map((r) => r.email),
    );
    const summary: ImportSummary = { added: 0, updated: 0 };
    for (const r of rows) {
      const values = { name: r.name, country: r.country, organisation: r.organisation, org_type: r.org_type, gender: r.gender };
      await trx
        .insertInto("cohort_participants")
        .values({ cohort_id: cohortId, email: r.email, ...values, user_id: null, source: "csv", added_at: now, invite_token: newInviteToken(), accepted_at: null })
        .onConflict((oc) => oc.columns(["cohort_id", "email"]).doUpdateSet(values))
        .execute();
      if (existing.has(r.email)) summary.updated++;
      else summary.added++;
    }
    if (opts.actorId) {
      const cohort = await trx.selectFrom("cohorts").select("name").where("id", "=", cohortId).executeTakeFirstOrThrow();
      await recordAudit(trx, { actorId: opts.actorId, action: "cohort.participants_imported", targetType: "cohort", targetId: cohortId, targetLabel: cohort.name, details: { ...summary } }, now);
    }
    return summary;
  });
}

/** Every listed place with its personal invitation link while pending, for the manager's mail merge. */
export async function listInvitations(db: DB, cohortId: string) {
  return db
    .selectFrom("cohort_participants")
    .select(["name", "email", "invite_token", "accepted_at", "user_id"])
    .where("cohort_id", "=", cohortId)
    .orderBy("name")
    .orderBy("email")
    .execute();
}

/** The mail-merge file of a cohort's invitation links, and its name; the export is audited (it holds personal data). */
export async function invitationLinks(db: DB, actorId: string, cohort: { id: string; name: string }, origin: string) {
  await recordAudit(db, { actorId, action: "export.invitations_csv", targetType: "cohort", targetId: cohort.id, targetLabel: cohort.name });
  return { filename: `${cohort.name}-invitations`.replace(/[^\w.-]+/g, "_") + ".csv", body: invitationsCsv(await listInvitations(db, cohort.id), origin) };
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

/** A personal invitation by its secret, with its cohort, or null. */
export async function findPersonalInvitation(db: DB, token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom("cohort_participants as p")
    .innerJoin("cohorts as c", "c.id", "p.cohort_id")
    .select(["p.cohort_id", "p.email", "p.name", "p.user_id", "p.accepted_at", "c.name as cohort", "c.programme", "c.starts_on", "c.ends_on"])
    .where("p.invite_token", "=", token)
    .executeTakeFirst();
  if (!row) return null;
  const courses = await db.selectFrom("cohort_courses").select("course_id").where("cohort_id", "=", row.cohort_id).execute();
  return { ...row, courseIds: courses.map((c) => c.course_id) };
}

/** What the personal invitation page shows to this visitor. */
export async function invitationView(db: DB, catalog: Catalog, user: { id: string } | null, token: string | undefined) {
  const invitation = await findPersonalInvitation(db, token ?? "");
  if (!invitation) return null;
  return {
    cohort: invitation.cohort,
    programme: invitation.programme,
    courses: invitation.courseIds.flatMap((id) => {
      const c = catalog.byId.get(id);
      return c ? [pick(c.title, c.baseLanguage)] : [];
    }),
    state: invitation.user_id === null ? ("pending" as const) : user && invitation.user_id === user.id ? ("yours" as const) : ("taken" as const),
  };
}

export type AcceptResult = { ok: true; cohortId: string; already: boolean } | { ok: false; reason: "not_found" | "taken" };

/**
 * The signed-in person accepts a personal invitation: the place is linked to their account and they
 * are enrolled in the cohort's courses. The link is the proof it was meant for them; a place already
 * accepted by somebody else stays theirs. Someone who is already in the cohort under another place
 * keeps that one, and the invitation's place is removed so that nobody is counted twice.
 */
export async function acceptPersonalInvitation(db: DB, user: { id: string }, token: string, now = Date.now()): Promise<AcceptResult> {
  const invitation = await findPersonalInvitation(db, token);
  if (!invitation) return { ok: false, reason: "not_found" };
  if (invitation.user_id === user.id) return { ok: true, cohortId: invitation.cohort_id, already: true };
  if (invitation.user_id) return { ok: false, reason: "taken" };
  return db.transaction().execute(async (trx) => {
    const member = await trx.selectFrom("cohort_participants").select("email").where("cohort_id", "=", invitation.cohort_id).where("user_id", "=", user.id).executeTakeFirst();
    if (member) {
      await trx.deleteFrom("cohort_participants").where("invite_token", "=", token).where("user_id", "is", null).execute();
      return { ok: true as const, cohortId: invitation.cohort_id, already: true };
    }
    const linked = await trx
      .updateTable("cohort_participants")
      .set({ user_id: user.id, accepted_at: now, invite_token: null })
      .where("invite_token", "=", token)
      .where("user_id", "is", null)
      .executeTakeFirst();
    if (Number(linked.numUpdatedRows) === 0) return { ok: false as const, reason: "taken" as const };
    await enrolInCohortCourses(trx, invitation.cohort_id, user.id, now);
    return { ok: true as const, cohortId: invitation.cohort_id, already: false };
  });
}

/** A participants' CSV, all or nothing (docs/decisions/008-csv-import.md): its problems, or what was imported. */
export async function importParticipantsCsv(db: DB, actorId: string, cohortId: string, file: File) {
  const { rows, problems, notices } = parseParticipantsCsv(new Uint8Array(await file.arrayBuffer()));
  if (problems.length) return { problems, notices, summary: null };
  return { problems, notices, summary: await importParticipants(db, cohortId, rows, { actorId }) };
}

/** The cohort page: its courses, participants (pending or joined) and invitation codes. */
export async function cohortView(db: DB, catalog: Catalog, cohort: ManagedCohort, origin: string, now = Date.now()) {
  return {
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme, starts_on: cohort.starts_on, ends_on: cohort.ends_on },
    courses: cohort.courseIds.map((id) => {
      const c = catalog.byId.get(id);
      return { id, title: c ? pick(c.title, c.baseLanguage) : id };
    }),
    participants: (await listParticipants(db, cohort.id)).map((p) => ({
      email: p.email,
      name: p.name,
      country: p.country,
      organisation: p.organisation,
      accepted: p.user_id !== null,
      emailedAt: p.user_id === null && p.invite_emailed_at !== null ? Number(p.invite_emailed_at) : null,
    })),
    invites: (await listInvites(db, cohort.id)).map((i) => ({
      code: i.code,
      url: origin + paths.joinCode(i.code),
      uses: i.uses,
      max: i.max_uses,
      expiresAt: i.expires_at,
      expired: i.expires_at <= now,
    })),
  };
}

// Invitations -----------------------------------------------------------------------------------

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O or 1/I: codes are read aloud and typed

export function newInviteCode(): string {
  return [...randomBytes(10)].map((b) => CODE_ALPHABET[b % 32]).join("");
}

export async function createInvite(db: DB, cohortId: string, input: { days: number; max_uses: number }, now = Date.now()) {
  const code = newInviteCode();
  await db
    .insertInto("cohort_invites")
    .values({ code, cohort_id: cohortId, expires_at: now + input.days * 86_400_000, max_uses: input.max_uses, created_at: now })
    .execute();
  return code;
}

export async function listInvites(db: DB, cohortId: string) {
  return db.selectFrom("cohort_invites").selectAll().where("cohort_id", "=", cohortId).orderBy("created_at", "desc").execute();
}

export type InviteState = "valid" | "expired" | "used_up";

export async function findInvite(db: DB, code: string, now = Date.now()) {
  const normalised = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{6,20}$/.test(normalised)) return null;
  const invite = await db
    .selectFrom("cohort_invites")
    .innerJoin("cohorts", "cohorts.id", "cohort_invites.cohort_id")
    .select(["cohort_invites.code", "cohort_invites.cohort_id", "cohort_invites.expires_at", "cohort_invites.max_uses", "cohort_invites.uses", "cohorts.name", "cohorts.programme"])
    .where("cohort_invites.code", "=", normalised)
    .executeTakeFirst();
  if (!invite) return null;
  const state: InviteState = invite.expires_at <= now ? "expired" : invite.uses >= invite.max_uses ? "used_up" : "valid";
  return { ...invite, state };
}

export type JoinResult = { ok: true; cohortId: string; already: boolean } | { ok: false; reason: "not_found" | InviteState };

/**
 * Joins the invite's cohort. A use is counted only for a new member, and only while uses remain:
 * the conditional update makes two last-place joins racing for one use impossible.
 */
export async function joinWithInvite(db: DB, user: { id: string; email: string; name: string }, code: string, now = Date.now()): Promise<JoinResult> {
  const invite = await findInvite(db, code, now);
  if (!invite) return { ok: false, reason: "not_found" };
  const member = await db
    .selectFrom("cohort_participants")
    .select("user_id")
    .where("cohort_id", "=", invite.cohort_id)
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (member) return { ok: true, cohortId: invite.cohort_id, already: true };
  if (invite.state !== "valid") return { ok: false, reason: invite.state };
  const joined = await db.transaction().execute(async (trx) => {
    // Asked again inside the transaction: the same person's joins racing (a double click, or two app
    // servers) would otherwise each count a use.
    const already = await trx.selectFrom("cohort_participants").select("user_id").where("cohort_id", "=", invite.cohort_id).where("user_id", "=", user.id).executeTakeFirst();
    if (already) return "already" as const;
    const used = await trx
      .updateTable("cohort_invites")
      .set((eb) => ({ uses: eb("uses", "+", 1) }))
      .where("code", "=", invite.code)
      .where("uses", "<", invite.max_uses)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) return false;
    const profile = await trx.selectFrom("users").select(["country", "organisation", "org_type", "gender"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    // Joining is consent: a pending place the manager listed under this address becomes theirs.
    await trx
      .insertInto("cohort_participants")
      .values({ cohort_id: invite.cohort_id, email: user.email, name: user.name, ...profile, user_id: user.id, source: "invite", added_at: now, invite_token: null, accepted_at: now })
      .onConflict((oc) => oc.columns(["cohort_id", "email"]).doUpdateSet({ user_id: user.id, accepted_at: now, invite_token: null }).where("cohort_participants.user_id", "is", null))
      .execute();
    await enrolInCohortCourses(trx, invite.cohort_id, user.id, now);
    return true;
  });
  if (joined === "already") return { ok: true, cohortId: invite.cohort_id, already: true };
  return joined ? { ok: true, cohortId: invite.cohort_id, already: false } : { ok: false, reason: "used_up" };
}

// Invitations by email -------------------------------------------------------------------------

/** At most this many invitations leave per click: a large cohort is sent in several, each "new" click going on. */
export const INVITATION_BATCH = 200;
const SEND_CONCURRENCY = 4;

export type InvitationMailing =
  | { ok: true; sent: number; failed: string[]; remaining: number }
  | { ok: false; reason: "off" };

/**
 * Emails each pending participant their personal invitation link, in `lang`. "new" skips those
 * emailed before (so a second click after a partial failure retries only the failures); "all" sends
 * again to everyone still pending. A failed message is named in the answer and tried again next
 * time; those sent are recorded. At most INVITATION_BATCH per call; `remaining` says how many are
 * left for the next. Links are built on PUBLIC_URL, which SMTP_URL requires.
 */
export async function emailInvitations(
  rt: { db: DB; catalog: Catalog; mailer: Mailer | null },
  cohort: ManagedCohort,
  input: { lang: UiLanguage; scope: "new" | "all" },
  now = Date.now(),
): Promise<InvitationMailing> {
  const { db, catalog, mailer } = rt;
  if (!mailer) return { ok: false, reason: "off" };
  // "Again to everyone" starts a new round: the marks of the last one are cleared, and the clicks
  // that follow ("new") carry on with whoever this batch did not reach.
  if (input.scope === "all")
    await db.updateTable("cohort_participants").set({ invite_emailed_at: null }).where("cohort_id", "=", cohort.id).where("user_id", "is", null).execute();
  const pending = await db
    .selectFrom("cohort_participants")
    .select(["email", "name", "invite_token"])
    .where("cohort_id", "=", cohort.id)
    .where("user_id", "is", null)
    .where("invite_token", "is not", null)
    .where("invite_emailed_at", "is", null)
    .orderBy("name")
    .orderBy("email")
    .execute();
  const batch = pending.slice(0, INVITATION_BATCH);
  const courses = cohort.courseIds.flatMap((id) => {
    const c = catalog.byId.get(id);
    return c ? [pick(c.title, c.languages.includes(input.lang) ? input.lang : c.baseLanguage)] : [];
  });
  const failed: string[] = [];
  let sent = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: SEND_CONCURRENCY }, async () => {
      while (next < batch.length) {
        const p = batch[next++]!;
        const link = mailer.publicUrl + paths.invitation(p.invite_token!);
        const message = invitationMail(p, input.lang, { cohort: cohort.name, programme: cohort.programme, courses, link });
        if ((await deliver(mailer, message)) === "sent") {
          sent++;
          await db.updateTable("cohort_participants").set({ invite_emailed_at: now }).where("cohort_id", "=", cohort.id).where("email", "=", p.email).execute();
        } else failed.push(p.email);
      }
    }),
  );
  return { ok: true, sent, failed: failed.sort(), remaining: pending.length - batch.length };
}
