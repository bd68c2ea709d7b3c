import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { DB } from "@db/index";
import type { Course } from "~/content/types";
import { recordAudit } from "~/admin/audit.server";
import { acceptedPlacesWithCourse } from "~/cohorts/places.server";
import { msg } from "~/lib/submission.server";
import { statusPosition } from "./status";

export const PLATFORM_PROGRAMME = "Cyber Diplomacy Learning";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** 16 characters of a 32-letter alphabet: 80 random bits, unguessable, easy to read out and type. */
export function newVerificationCode(): string {
  return [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join("");
}

/**
 * Issues the learner's certificate for a completed course, once: a second call (or a racing one)
 * returns the certificate already issued. The issuing programme is that of the most recent cohort with
 * this course that the learner joined themselves (decision 013), or the platform's name.
 */
export async function issueCertificate(db: DB, userId: string, course: Course, now = Date.now()) {
  if (!course.certificate) return null;
  const existing = await getCertificateFor(db, userId, course.id);
  if (existing) return existing;
  const user = await db.selectFrom("users").select(["name", "email"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const cohort = await acceptedPlacesWithCourse(db, userId, course.id)
    .innerJoin("cohorts as c", "c.id", "p.cohort_id")
    .select("c.programme")
    .orderBy("c.created_at", "desc")
    .executeTakeFirst();
  const status = await nextStatusPosition(db);
  const salt = randomBytes(16).toString("hex");
  await db
    .insertInto("certificates")
    .values({
      id: randomUUID(),
      code: newVerificationCode(),
      user_id: userId,
      course_id: course.id,
      learner_name: user.name,
      course_title: JSON.stringify(course.title),
      hours: course.hours,
      programme: cohort?.programme ?? PLATFORM_PROGRAMME,
      issued_at: now,
      revoked_at: null,
      revoked_reason: null,
      status_list: status.list,
      status_index: status.index,
      recipient_hash: recipientHash(user.email, salt),
      recipient_salt: salt,
    })
    .onConflict((oc) => oc.columns(["user_id", "course_id"]).doNothing())
    .execute();
  return getCertificateFor(db, userId, course.id);
}

/** OB 3.0's IdentityHash of an email: sha256 of the (trimmed, lower-case) address followed by the salt, in hex. */
export function recipientHash(email: string, salt: string): string {
  return "sha256$" + createHash("sha256").update(email.trim().toLowerCase() + salt, "utf8").digest("hex");
}

/**
 * The next free place in the status lists (decision 027). UPDATE … RETURNING is atomic in SQLite
 * and Postgres alike, so two issues never get the same place; a place taken by an issue that then
 * loses a race is simply never used.
 */
async function nextStatusPosition(db: DB) {
  const row = await db
    .updateTable("badge_counters")
    .set((eb) => ({ value: eb("value", "+", 1) }))
    .where("name", "=", "status")
    .returning("value")
    .executeTakeFirstOrThrow();
  return statusPosition(Number(row.value) - 1);
}

/** The highest status list in use (at least 1). */
export async function lastStatusList(db: DB): Promise<number> {
  const row = await db.selectFrom("badge_counters").select("value").where("name", "=", "status").executeTakeFirst();
  return statusPosition(Math.max(0, Number(row?.value ?? 0) - 1)).list;
}

/** The revoked certificates' bits in status list `list`. */
export async function revokedIndices(db: DB, list: number): Promise<number[]> {
  const rows = await db.selectFrom("certificates").select("status_index").where("status_list", "=", list).where("revoked_at", "is not", null).execute();
  return rows.flatMap((r) => (r.status_index === null ? [] : [r.status_index]));
}

export async function getCertificateFor(db: DB, userId: string, courseId: string) {
  return db.selectFrom("certificates").selectAll().where("user_id", "=", userId).where("course_id", "=", courseId).executeTakeFirst();
}

export async function findByCode(db: DB, code: string) {
  const normalised = code.trim().toUpperCase();
  if (!/^[A-Z0-9]{16}$/.test(normalised)) return undefined;
  return db.selectFrom("certificates").selectAll().where("code", "=", normalised).executeTakeFirst();
}

/** Revokes, with the audit entry. revoked_at is also the certificate's bit in its status list, which is read from these rows (decision 027). */
export async function revokeCertificate(db: DB, actorId: string, code: string, reason: string, now = Date.now()) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("certificates")
      .set({ revoked_at: now, revoked_reason: reason })
      .where("code", "=", code)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    const cert = await trx.selectFrom("certificates").select(["id", "learner_name", "course_id"]).where("code", "=", code).executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: "certificate.revoked", targetType: "certificate", targetId: code, targetLabel: `${cert.learner_name} — ${cert.course_id}`, details: { reason } }, now);
    return true;
  });
}

export async function listCertificates(db: DB, limit = 200) {
  return db.selectFrom("certificates").selectAll().orderBy("issued_at", "desc").limit(limit).execute();
}

export function certificateTitle(c: { course_title: string }, lang: string): string {
  const titles = JSON.parse(c.course_title) as Record<string, string>;
  return titles[lang] ?? Object.values(titles)[0] ?? "";
}

export const RevokeForm = z.object({
  code: z.string().regex(/^[A-Z0-9]{16}$/, msg("admin.certs.reasonRequired")),
  reason: z.string().trim().min(1, msg("admin.certs.reasonRequired")).max(300, msg("admin.certs.reasonRequired")),
});

/** The learner's own certificate by its code; someone else's is as absent as an unknown code. */
export async function findOwnCertificate(db: DB, userId: string, code: string | undefined) {
  const cert = code ? await findByCode(db, code) : undefined;
  return cert && cert.user_id === userId ? cert : null;
}
