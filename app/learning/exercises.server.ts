import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DB } from "@db/index";
import type { DraftStatus } from "@db/schema";
import type { DraftingExercise as Exercise } from "~/content/types";
import { emptyPrompts, parseAnswers, type DraftAnswers } from "./drafting";
import { recordAudit } from "~/admin/audit.server";
import { msg } from "~/lib/submission.server";

type Key = { userId: string; courseId: string; exerciseId: string };


export async function getDraft(db: DB, k: Key) {
  const row = await db
    .selectFrom("exercise_drafts")
    .selectAll()
    .where("user_id", "=", k.userId)
    .where("course_id", "=", k.courseId)
    .where("exercise_id", "=", k.exerciseId)
    .executeTakeFirst();
  return row ? { ...row, answers: parseAnswers(row.answers) } : null;
}

export type SaveResult = { ok: true; updatedAt: number } | { ok: false; reason: "locked" };

/**
 * Saves the learner's answers. A submitted or accepted draft is locked; a returned one stays
 * "returned" while it is revised, until it is submitted again.
 */
export async function saveDraft(db: DB, k: Key, answers: DraftAnswers, now = Date.now()): Promise<SaveResult> {
  const current = await getDraft(db, k);
  if (current && (current.status === "submitted" || current.status === "accepted")) return { ok: false, reason: "locked" };
  await db
    .insertInto("exercise_drafts")
    .values({ user_id: k.userId, course_id: k.courseId, exercise_id: k.exerciseId, answers: JSON.stringify(answers), status: "draft", updated_at: now, submitted_at: null, reviewed_at: null })
    .onConflict((oc) => oc.columns(["user_id", "course_id", "exercise_id"]).doUpdateSet({ answers: JSON.stringify(answers), updated_at: now }))
    .execute();
  return { ok: true, updatedAt: now };
}

export type SubmitResult = { ok: true } | { ok: false; reason: "locked" } | { ok: false; reason: "incomplete"; empty: string[] };

/** Saves first — a refused submission never loses what was written — then submits if every prompt is answered. */
export async function submitDraft(db: DB, k: Key, exercise: Exercise, answers: DraftAnswers, now = Date.now()): Promise<SubmitResult> {
  const saved = await saveDraft(db, k, answers, now);
  if (!saved.ok) return saved;
  const empty = emptyPrompts(exercise, answers);
  if (empty.length) return { ok: false, reason: "incomplete", empty };
  await db
    .updateTable("exercise_drafts")
    .set({ status: "submitted", submitted_at: now })
    .where("user_id", "=", k.userId)
    .where("course_id", "=", k.courseId)
    .where("exercise_id", "=", k.exerciseId)
    .execute();
  return { ok: true };
}

export async function listComments(db: DB, k: Key) {
  return db
    .selectFrom("exercise_comments as c")
    .innerJoin("users as u", "u.id", "c.author_id")
    .select(["c.id", "c.body", "c.created_at", "u.name as author"])
    .where("c.user_id", "=", k.userId)
    .where("c.course_id", "=", k.courseId)
    .where("c.exercise_id", "=", k.exerciseId)
    .orderBy("c.created_at", "asc")
    .execute();
}

/** Submitted drafts waiting for a reviewer, oldest first; only for `courseIds` when given (null: every course). */
export async function reviewQueue(db: DB, courseIds: ReadonlySet<string> | null = null) {
  if (courseIds && courseIds.size === 0) return [];
  let q = db
    .selectFrom("exercise_drafts as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .select(["d.user_id", "d.course_id", "d.exercise_id", "d.submitted_at", "u.name", "u.email"])
    .where("d.status", "=", "submitted");
  if (courseIds) q = q.where("d.course_id", "in", [...courseIds]);
  return q.orderBy("d.submitted_at", "asc").execute();
}

/** The number of drafts `reviewQueue` would list. */
export async function countWaiting(db: DB, courseIds: ReadonlySet<string> | null = null): Promise<number> {
  if (courseIds && courseIds.size === 0) return 0;
  let q = db.selectFrom("exercise_drafts").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "submitted");
  if (courseIds) q = q.where("course_id", "in", [...courseIds]);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/**
 * The learner's drafts a reviewer has decided on that the dashboard flags: every returned draft (it
 * waits for them), and drafts accepted since `acceptedSince`.
 */
export async function reviewedDrafts(db: DB, userId: string, acceptedSince: number) {
  return db
    .selectFrom("exercise_drafts")
    .select(["course_id", "exercise_id", "status", "reviewed_at"])
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("status", "=", "returned"), eb.and([eb("status", "=", "accepted"), eb("reviewed_at", ">=", acceptedSince)])]))
    .orderBy("reviewed_at", "desc")
    .execute();
}

export const ReviewForm = z.object({
  decision: z.enum(["return", "accept", "comment"], msg("review.error.decision")),
  comment: z.string().trim().max(5000, msg("review.error.comment")).default(""),
}).refine((r) => r.decision === "accept" || r.comment.length > 0, { error: "review.error.comment", path: ["comment"] });

export type ReviewResult = { ok: true } | { ok: false; reason: "not_submitted" };

/** Staff may read and comment on a draft once it has been submitted, never before. */
export function isReviewable(status: DraftStatus): boolean {
  return status !== "draft";
}

/** A reviewer comments on a submitted draft and returns it for revision or accepts it. */
export async function reviewDraft(db: DB, reviewerId: string, k: Key, input: z.infer<typeof ReviewForm>, now = Date.now()): Promise<ReviewResult> {
  return db.transaction().execute(async (trx) => {
    const draft = await trx
      .selectFrom("exercise_drafts")
      .select("status")
      .where("user_id", "=", k.userId)
      .where("course_id", "=", k.courseId)
      .where("exercise_id", "=", k.exerciseId)
      .executeTakeFirst();
    if (!draft || !isReviewable(draft.status) || (draft.status !== "submitted" && input.decision !== "comment"))
      return { ok: false as const, reason: "not_submitted" as const };
    if (input.comment)
      await trx
        .insertInto("exercise_comments")
        .values({ id: randomUUID(), user_id: k.userId, course_id: k.courseId, exercise_id: k.exerciseId, author_id: reviewerId, body: input.comment, created_at: now })
        .execute();
    if (input.decision !== "comment")
      await trx
        .updateTable("exercise_drafts")
        .set({ status: input.decision === "accept" ? "accepted" : "returned", reviewed_at: now })
        .where("user_id", "=", k.userId)
        .where("course_id", "=", k.courseId)
        .where("exercise_id", "=", k.exerciseId)
        .execute();
    const learner = await trx.selectFrom("users").select("email").where("id", "=", k.userId).executeTakeFirst();
    await recordAudit(
      trx,
      { actorId: reviewerId, action: "draft.reviewed", targetType: "draft", targetId: `${k.userId}/${k.courseId}/${k.exerciseId}`, targetLabel: `${learner?.email ?? k.userId} — ${k.exerciseId}`, details: { decision: input.decision, before: draft.status } },
      now,
    );
    return { ok: true as const };
  });
}
