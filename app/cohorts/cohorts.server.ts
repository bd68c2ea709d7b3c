import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { DB } from "@db/index";
import type { Role } from "@db/schema";
import { recordAudit } from "~/admin/audit.server";
import { scopeOf } from "~/auth/permissions";
import { enrol } from "~/learning/progress.server";
import { exhaustedAttempts, grantAttempt, GrantFields } from "~/learning/attempt-grants.server";
import { quizTitle } from "~/learning/titles";
import type { ParticipantRow } from "./csv";
import { invitationsCsv } from "./invitations";
import { csvFilename, STANDARD_CSV, type CsvDialect } from "~/reports/format";
import { pick } from "~/content/localize";
import type { Catalog } from "~/content/types";
import { UI_LANGUAGES, type T, type UiLanguage } from "~/i18n";
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

/**
 * Changes a cohort's name, programme, dates and courses, with its audit entry (before and after), in
 * one transaction. A course may be added only if the actor can see it; one the cohort already has may
 * stay even if it is no longer visible. Removing a course deletes nothing of anyone's progress: only
 * the cohort's report stops covering it. Participants who accepted are enrolled in an added course,
 * as they would be had it been there when they joined.
 */
export async function updateCohort(db: DB, actor: Actor, cohort: ManagedCohort, input: CohortInput, visibleCourseIds: ReadonlySet<string>, now = Date.now()) {
  const courses = [...new Set(input.courses)];
  if (courses.some((id) => !visibleCourseIds.has(id) && !cohort.courseIds.includes(id))) return { ok: false as const, errors: { courses: "cohort.error.courses" as const } };
  const added = courses.filter((id) => !cohort.courseIds.includes(id));
  const removed = cohort.courseIds.filter((id) => !courses.includes(id));
  await db.transaction().execute(async (trx) => {
    const after = { name: input.name, programme: input.programme, starts_on: input.starts_on, ends_on: input.ends_on };
    await trx.updateTable("cohorts").set(after).where("id", "=", cohort.id).execute();
    if (removed.length) await trx.deleteFrom("cohort_courses").where("cohort_id", "=", cohort.id).where("course_id", "in", removed).execute();
    for (const courseId of added) {
      await trx.insertInto("cohort_courses").values({ cohort_id: cohort.id, course_id: courseId }).execute();
      await trx
        .insertInto("enrolments")
        .columns(["user_id", "course_id", "enrolled_at", "last_activity_at", "last_lesson_id", "completed_at", "started_at"])
        .expression(
          trx
            .selectFrom("cohort_participants")
            .select((eb) => [
              eb.ref("user_id").$notNull().as("user_id"),
              eb.val(courseId).as("course_id"),
              eb.val(now).as("enrolled_at"),
              eb.val(now).as("last_activity_at"),
              eb.lit(null).as("last_lesson_id"),
              eb.lit(null).as("completed_at"),
              eb.lit(null).as("started_at"),
            ])
            .where("cohort_id", "=", cohort.id)
            .where("user_id", "is not", null),
        )
        .onConflict((oc) => oc.columns(["user_id", "course_id"]).doNothing())
        .execute();
    }
    const before = { name: cohort.name, programme: cohort.programme, starts_on: cohort.starts_on, ends_on: cohort.ends_on };
    await recordAudit(
      trx,
      { actorId: actor.id, action: "cohort.updated", targetType: "cohort", targetId: cohort.id, targetLabel: input.name, details: { before: { ...before, courses: [...cohort.courseIds].sort() }, after: { ...after, courses: [...courses].sort() } } },
      now,
    );
  });
  return { ok: true as const, added, removed };
}

/**
 * The edit page: the cohort's values, the courses one may choose (the visible ones and those it has),
 * and for each of its courses how many of its participants have started it (their progress is kept
 * if the course is removed from the cohort).
 */
export async function cohortEditView(db: DB, catalog: Catalog, cohort: ManagedCohort, visibleCourseIds: ReadonlySet<string>, lang: string) {
  const ids = [...new Set([...catalog.courses.map((c) => c.id).filter((id) => visibleCourseIds.has(id)), ...cohort.courseIds])];
  const started = await db
    .selectFrom("cohort_participants as p")
    .innerJoin("enrolments as e", "e.user_id", "p.user_id")
    .select(["e.course_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("p.cohort_id", "=", cohort.id)
    .where("e.started_at", "is not", null)
    .where("e.course_id", "in", cohort.courseIds.length ? cohort.courseIds : [""])
    .groupBy("e.course_id")
    .execute();
  const startedBy = new Map(started.map((r) => [r.course_id, Number(r.n)]));
  return {
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme, starts_on: cohort.starts_on, ends_on: cohort.ends_on, courses: cohort.courseIds },
    courses: ids.map((id) => {
      const c = catalog.byId.get(id);
      return { id, title: c ? pick(c.title, c.languages.includes(lang) ? lang : c.baseLanguage) : id, started: startedBy.get(id) ?? 0 };
    }),
  };
}

/** The cohort's place listed under `email`, or null. */
async function findPlace(db: DB, cohortId: string, email: string) {
  return db.selectFrom("cohort_participants").selectAll().where("cohort_id", "=", cohortId).where("email", "=", email).executeTakeFirst();
}

/** The participant page: the place, and while accepted, the quizzes of the cohort's courses whose attempts they used up. */
export async function participantView(db: DB, catalog: Catalog, cohort: ManagedCohort, email: string, lang: string, t: T) {
  const p = await findPlace(db, cohort.id, email);
  if (!p) return null;
  const exhausted = p.user_id && p.accepted_at !== null ? await exhaustedAttempts(db, catalog, p.user_id, cohort.courseIds) : [];
  return {
    cohort: { id: cohort.id, name: cohort.name },
    place: {
      name: p.name,
      email: p.email,
      country: p.country,
      organisation: p.organisation,
      state: p.user_id ? ("accepted" as const) : p.invite_token ? ("pending" as const) : ("withdrawn" as const),
    },
    exhausted: exhausted.map((e) => {
      const course = catalog.byId.get(e.courseId)!;
      const quiz = course.quizzesById.get(e.quizId)!;
      const shown = course.languages.includes(lang) ? lang : course.baseLanguage;
      return { ...e, course: pick(course.title, shown), quiz: quizTitle(course, quiz, shown, t) };
    }),
  };
}

/** A place's "before" in the audit log. */
const placeDetails = (p: { name: string; email: string; user_id: string | null; invite_token: string | null; country: string | null; organisation: string | null }) => ({
  name: p.name,
  email: p.email,
  status: p.user_id ? "accepted" : p.invite_token ? "pending" : "withdrawn",
  country: p.country,
  organisation: p.organisation,
});

/**
 * Removes a place from the cohort, accepted or pending, with its audit entry. Only the place goes: the
 * person's enrolments, progress, attempts and certificates are theirs and stay; the cohort's reports
 * stop counting them. A pending place's invitation link then says it was withdrawn.
 */
export async function removeParticipant(db: DB, actor: Actor, cohort: ManagedCohort, email: string, now = Date.now()) {
  const place = await findPlace(db, cohort.id, email);
  if (!place) return { ok: false as const, reason: "not_found" as const };
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("cohort_participants").where("cohort_id", "=", cohort.id).where("email", "=", email).execute();
    if (place.invite_token) await trx.insertInto("withdrawn_invitations").values({ token: place.invite_token, cohort_id: cohort.id, withdrawn_by: actor.id, withdrawn_at: now }).execute();
    await recordAudit(
      trx,
      { actorId: actor.id, action: "cohort.participant_removed", targetType: "user", targetId: place.user_id, targetLabel: place.email, details: { cohort: { id: cohort.id, name: cohort.name }, before: placeDetails(place) } },
      now,
    );
  });
  return { ok: true as const, name: place.name };
}

/**
 * Withdraws a pending place's personal invitation: its link then says it was withdrawn and accepts
 * nothing. The place stays listed (the person may still join with the cohort's code, or be removed).
 */
export async function withdrawInvitation(db: DB, actor: Actor, cohort: ManagedCohort, email: string, now = Date.now()) {
  const place = await findPlace(db, cohort.id, email);
  if (!place || place.user_id || !place.invite_token) return { ok: false as const, reason: "not_found" as const };
  const token = place.invite_token;
  return db.transaction().execute(async (trx) => {
    const cleared = await trx
      .updateTable("cohort_participants")
      .set({ invite_token: null, invite_emailed_at: null })
      .where("cohort_id", "=", cohort.id)
      .where("invite_token", "=", token)
      .where("user_id", "is", null)
      .executeTakeFirst();
    // Accepted meanwhile: there is nothing left to withdraw.
    if (Number(cleared.numUpdatedRows) === 0) return { ok: false as const, reason: "not_found" as const };
    await trx.insertInto("withdrawn_invitations").values({ token, cohort_id: cohort.id, withdrawn_by: actor.id, withdrawn_at: now }).execute();
    await recordAudit(
      trx,
      { actorId: actor.id, action: "cohort.invitation_withdrawn", targetType: "user", targetId: null, targetLabel: place.email, details: { cohort: { id: cohort.id, name: cohort.name }, before: { status: "pending" }, after: { status: "withdrawn" } } },
      now,
    );
    return { ok: true as const };
  });
}

/** The participant page's forms. */
export const ParticipantForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("remove") }),
    z.object({ intent: z.literal("withdraw") }),
    z.object({ intent: z.literal("grant"), ...GrantFields }),
  ],
  msg("form.error.invalid"),
);
export const ParticipantQuery = z.object({
  email: z.string().max(254),
  confirm: z.enum(["remove"]).optional().catch(undefined),
  notice: z.enum(["withdrawn", "granted"]).optional().catch(undefined),
});

export type ParticipantAction =
  | { ok: true; redirect: "cohort" | "participant"; notice: "removed" | "withdrawn" | "granted" }
  | { ok: false; status: 404 | 409; error: "grant.error.notNeeded" | null };

/** What the participant page's form asks, done: remove the place, withdraw its invitation, or grant one more attempt. */
export async function participantAction(db: DB, catalog: Catalog, actor: Actor, cohort: ManagedCohort, email: string, form: z.infer<typeof ParticipantForm>): Promise<ParticipantAction> {
  if (form.intent === "remove") {
    const r = await removeParticipant(db, actor, cohort, email);
    return r.ok ? { ok: true, redirect: "cohort", notice: "removed" } : { ok: false, status: 404, error: null };
  }
  if (form.intent === "withdraw") {
    const r = await withdrawInvitation(db, actor, cohort, email);
    return r.ok ? { ok: true, redirect: "participant", notice: "withdrawn" } : { ok: false, status: 404, error: null };
  }
  // Only for the cohort's courses, and only for a person who accepted this cohort's place.
  const place = await findPlace(db, cohort.id, email);
  if (!place?.user_id || place.accepted_at === null || !cohort.courseIds.includes(form.course)) return { ok: false, status: 404, error: null };
  const r = await grantAttempt(db, catalog, actor, { userId: place.user_id, courseId: form.course, quizId: form.quiz, reason: form.reason });
  if (r.ok) return { ok: true, redirect: "participant", notice: "granted" };
  return r.reason === "not_needed" ? { ok: false, status: 409, error: "grant.error.notNeeded" } : { ok: false, status: 404, error: null };
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
  const courses = await db.selectFrom("cohort_courses").select("course_id").where("cohort_id", "=", cohortId).orderBy("course_id").execute();
  return { ...cohort, courseIds: courses.map((c) => c.course_id) };
}
export type ManagedCohort = NonNullable<Awaited<ReturnType<typeof getManagedCohort>>>;

/** The participants' list on the cohort page: 50 a page, searched by name, email or organisation. */
export const PARTICIPANTS_PAGE_SIZE = 50;
export const ParticipantsQuery = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  // what the page says after a change made elsewhere (POST-redirect-GET)
  notice: z.enum(["updated", "removed"]).optional().catch(undefined),
});
export type ParticipantsFilter = z.infer<typeof ParticipantsQuery>;

function participantsMatching(db: DB, cohortId: string, search: string) {
  let q = db.selectFrom("cohort_participants").where("cohort_id", "=", cohortId);
  if (search) {
    // lower() on both sides: LIKE ignores case in SQLite but not in Postgres.
    const like = `%${search.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "like", like), eb(eb.fn("lower", ["email"]), "like", like), eb(eb.fn("lower", ["organisation"]), "like", like)]));
  }
  return q;
}

export async function listParticipants(db: DB, cohortId: string) {
  return db.selectFrom("cohort_participants").selectAll().where("cohort_id", "=", cohortId).orderBy("name").execute();
}

/** One page of a cohort's participants matching the search, by name, with how many match and how many the cohort has. */
export async function participantsPage(db: DB, cohortId: string, f: Pick<ParticipantsFilter, "q" | "page">) {
  const count = async (search: string, pendingOnly = false) => {
    let q = participantsMatching(db, cohortId, search).select((eb) => eb.fn.countAll<number>().as("n"));
    if (pendingOnly) q = q.where("user_id", "is", null).where("invite_token", "is not", null);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  };
  const matching = await count(f.q);
  const pages = Math.max(1, Math.ceil(matching / PARTICIPANTS_PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const rows = await participantsMatching(db, cohortId, f.q)
    .selectAll()
    .orderBy("name")
    .orderBy("email")
    .limit(PARTICIPANTS_PAGE_SIZE)
    .offset((page - 1) * PARTICIPANTS_PAGE_SIZE)
    .execute();
  return { rows, matching, page, pages, total: f.q ? await count("") : matching, pending: await count("", true) };
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
export async function invitationLinks(db: DB, actorId: string, cohort: { id: string; name: string }, origin: string, d: CsvDialect = STANDARD_CSV) {
  await recordAudit(db, { actorId, action: "export.invitations_csv", targetType: "cohort", targetId: cohort.id, targetLabel: cohort.name });
  return { filename: csvFilename(`${cohort.name}-invitations`, d), body: invitationsCsv(await listInvitations(db, cohort.id), origin, d) };
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

/** The cohort whose manager withdrew this personal invitation, or null. */
async function findWithdrawnInvitation(db: DB, token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return (
    (await db
      .selectFrom("withdrawn_invitations as w")
      .innerJoin("cohorts as c", "c.id", "w.cohort_id")
      .select(["c.name as cohort", "c.programme"])
      .where("w.token", "=", token)
      .executeTakeFirst()) ?? null
  );
}

/** What the personal invitation page shows to this visitor; a withdrawn one says so (and nothing else). */
export async function invitationView(db: DB, catalog: Catalog, user: { id: string } | null, token: string | undefined) {
  const invitation = await findPersonalInvitation(db, token ?? "");
  if (!invitation) {
    const withdrawn = await findWithdrawnInvitation(db, token ?? "");
    return withdrawn ? { ...withdrawn, courses: [] as string[], state: "withdrawn" as const } : null;
  }
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

export type AcceptResult = { ok: true; cohortId: string; already: boolean } | { ok: false; reason: "not_found" | "taken" | "withdrawn" };

/**
 * The signed-in person accepts a personal invitation: the place is linked to their account and they
 * are enrolled in the cohort's courses. The link is the proof it was meant for them; a place already
 * accepted by somebody else stays theirs. Someone who is already in the cohort under another place
 * keeps that one, and the invitation's place is removed so that nobody is counted twice.
 */
export async function acceptPersonalInvitation(db: DB, user: { id: string }, token: string, now = Date.now()): Promise<AcceptResult> {
  const invitation = await findPersonalInvitation(db, token);
  if (!invitation) return { ok: false, reason: (await findWithdrawnInvitation(db, token)) ? "withdrawn" : "not_found" };
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

/** The cohort page: its courses, one page of its participants (pending or joined) and its invitation codes. */
export async function cohortView(db: DB, catalog: Catalog, cohort: ManagedCohort, origin: string, filter: ParticipantsFilter, now = Date.now()) {
  const list = await participantsPage(db, cohort.id, filter);
  return {
    filter: { q: filter.q, notice: filter.notice ?? null },
    list: { matching: list.matching, page: list.page, pages: list.pages, total: list.total, pending: list.pending },
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme, starts_on: cohort.starts_on, ends_on: cohort.ends_on },
    courses: cohort.courseIds.map((id) => {
      const c = catalog.byId.get(id);
      return { id, title: c ? pick(c.title, c.baseLanguage) : id };
    }),
    participants: list.rows.map((p) => ({
      email: p.email,
      name: p.name,
      country: p.country,
      organisation: p.organisation,
      accepted: p.user_id !== null,
      withdrawn: p.user_id === null && p.invite_token === null,
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
