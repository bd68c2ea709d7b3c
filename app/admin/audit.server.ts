import { randomUUID } from "node:crypto";
import { z } from "zod";
import { likeInsensitive, type DB } from "@db/index";
import { BOM, csvLine, STANDARD_CSV, type CsvDialect } from "~/reports/format";

/** Everything the audit log records. */
export const AUDIT_ACTIONS = [
  "user.role_changed",
  "user.reset_link_issued",
  "certificate.revoked",
  "cohort.created",
  "cohort.participants_imported",
  "cohort.updated",
  "cohort.participant_removed",
  "cohort.invitation_withdrawn",
  "attempt.granted",
  "staff.assigned",
  "staff.removed",
  "draft.reviewed",
  "export.learners_csv",
  "export.invitations_csv",
  "user.created",
  "user.edited",
  "user.disabled",
  "user.enabled",
  "user.deleted",
  "export.personal_data",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  actorId: string;
  action: AuditAction;
  targetType: "user" | "certificate" | "cohort" | "course" | "draft";
  targetId: string | null;
  targetLabel: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one entry. Called with the transaction of the action it records, so the action and its
 * entry are written together or not at all. The actor's email is copied in: the entry still says
 * who it was once their account is changed or gone.
 */
export async function recordAudit(db: DB, entry: AuditEntry, now = Date.now()) {
  const actor = await db.selectFrom("users").select("email").where("id", "=", entry.actorId).executeTakeFirst();
  await db
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: now,
      actor_id: entry.actorId,
      actor_email: actor?.email ?? "(unknown)",
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      target_label: entry.targetLabel,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)));
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The audit page's filters; anything malformed is ignored rather than refused. */
export const AuditQuery = z.object({
  action: z.preprocess(blank, z.enum(AUDIT_ACTIONS).optional()).catch(undefined),
  actor: z.preprocess(blank, z.string().trim().max(254).optional()).catch(undefined),
  target: z.preprocess(blank, z.string().trim().max(254).optional()).catch(undefined),
  from: z.preprocess(blank, date.optional()).catch(undefined),
  to: z.preprocess(blank, date.optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AuditFilter = z.infer<typeof AuditQuery>;

export const AUDIT_PAGE_SIZE = 100;

function filtered(db: DB, f: AuditFilter) {
  let q = db.selectFrom("audit_log").selectAll();
  if (f.action) q = q.where("action", "=", f.action);
  if (f.actor) q = q.where("actor_email", "like", `%${f.actor.toLowerCase()}%`);
  if (f.target) q = q.where((eb) => eb.or([eb("target_label", likeInsensitive(db), `%${f.target}%`), eb("target_id", "=", f.target!)]));
  if (f.from) q = q.where("at", ">=", Date.parse(`${f.from}T00:00:00Z`));
  if (f.to) q = q.where("at", "<", Date.parse(`${f.to}T00:00:00Z`) + 86_400_000);
  return q;
}

/** One page of entries, newest first, and how many match. */
export async function auditPage(db: DB, f: AuditFilter) {
  const total = Number((await filtered(db, f).clearSelect().select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const rows = await filtered(db, f).orderBy("at", "desc").orderBy("id").limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE).execute();
  return { entries: rows.map((r) => ({ ...r, at: Number(r.at), details: JSON.parse(r.details) as Record<string, unknown> })), total, page, pages };
}

export const AUDIT_COLUMNS = ["at", "actor_email", "action", "target_type", "target_id", "target_label", "details"] as const;

/** The whole filtered log as a CSV (formula-safe, like every export), oldest first. */
export async function auditCsv(db: DB, f: AuditFilter, d: CsvDialect = STANDARD_CSV): Promise<string> {
  const rows = await filtered(db, f).orderBy("at", "asc").orderBy("id").execute();
  return (
    BOM +
    csvLine([...AUDIT_COLUMNS], d) +
    rows.map((r) => csvLine([new Date(Number(r.at)).toISOString(), r.actor_email, r.action, r.target_type, r.target_id, r.target_label, r.details], d)).join("")
  );
}
