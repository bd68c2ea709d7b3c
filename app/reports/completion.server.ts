import { sql } from "kysely";
import type { DB } from "@db/index";
import { decodeSummary } from "~/learning/summaries.server";
import { matchesStatus, type LearnerRecord, type StatusFilter } from "./completion";

/** A profile field's filter: one of its values, or "not_given" for the learners who left it empty. */
export const NOT_GIVEN = "not_given";

export interface ReportFilter {
  cohortIds: string[];
  courseId: string;
  country?: string | null;
  orgType?: string | null;
  gender?: string | null;
  status?: StatusFilter | null;
  /** enrolment dates, inclusive, YYYY-MM-DD (UTC) */
  from?: string | null;
  to?: string | null;
}

// Each batch re-reads the cohorts from the last email on: larger batches mean fewer passes, and more
// memory. The report holds every record anyway; a streamed export keeps its batches small.
export const REPORT_BATCH = 5000;
export const EXPORT_BATCH = 1500;

/**
 * The learners of the filtered cohorts, in batches ordered by email (keyset pagination), each batch
 * with its module completions and best quiz scores (from their summaries). Memory stays at one batch however large the
 * cohort. A learner listed in several of the cohorts counts once; their own profile, when they have an
 * account, wins over what the CSV said.
 */
export async function* recordBatches(db: DB, f: ReportFilter, batch = REPORT_BATCH): AsyncGenerator<LearnerRecord[]> {
  if (f.cohortIds.length === 0) return;
  const fromMs = f.from ? Date.parse(`${f.from}T00:00:00Z`) : null;
  const toMs = f.to ? Date.parse(`${f.to}T00:00:00Z`) + 86_400_000 : null;
  let after = "";
  for (;;) {
    let q = db
      .selectFrom("cohort_participants as p")
      .leftJoin("users as u", "u.id", "p.user_id")
      .leftJoin("enrolments as e", (j) => j.onRef("e.user_id", "=", "p.user_id").on("e.course_id", "=", f.courseId))
      // One summary row per learner (migration 0018), kept up to date when they progress.
      .leftJoin("learner_course_summaries as s", (j) => j.onRef("s.user_id", "=", "p.user_id").on("s.course_id", "=", f.courseId))
      .select([
        "p.email",
        sql<string>`min(coalesce(u.name, p.name))`.as("name"),
        sql<string | null>`min(coalesce(u.country, p.country))`.as("country"),
        sql<string | null>`min(coalesce(u.org_type, p.org_type))`.as("org_type"),
        sql<string | null>`min(coalesce(u.gender, p.gender))`.as("gender"),
        sql<string | null>`min(p.user_id)`.as("user_id"),
        sql<number | null>`min(e.enrolled_at)`.as("enrolled_at"),
        sql<number | null>`min(e.started_at)`.as("started_at"),
        sql<number | null>`min(e.completed_at)`.as("completed_at"),
        sql<number | null>`max(e.last_activity_at)`.as("last_activity_at"),
        sql<string | null>`min(s.modules_done)`.as("modules_done"),
        sql<string | null>`min(s.quizzes)`.as("quizzes"),
      ])
      .where("p.cohort_id", "in", f.cohortIds)
      .where("p.email", ">", after)
      .groupBy("p.email")
      .orderBy("p.email")
      .limit(batch);
    if (f.country) q = q.having(sql`min(coalesce(u.country, p.country))`, "=", f.country);
    if (f.orgType) q = f.orgType === NOT_GIVEN ? q.having(sql`min(coalesce(u.org_type, p.org_type))`, "is", null) : q.having(sql`min(coalesce(u.org_type, p.org_type))`, "=", f.orgType);
    if (f.gender) q = f.gender === NOT_GIVEN ? q.having(sql`min(coalesce(u.gender, p.gender))`, "is", null) : q.having(sql`min(coalesce(u.gender, p.gender))`, "=", f.gender);
    if (fromMs !== null) q = q.having(sql`min(e.enrolled_at)`, ">=", fromMs);
    if (toMs !== null) q = q.having(sql`min(e.enrolled_at)`, "<", toMs);
    const people = await q.execute();
    if (people.length === 0) return;
    after = people[people.length - 1]!.email;

    const userIds = people.flatMap((p) => (p.user_id && p.enrolled_at !== null ? [p.user_id] : []));
    const certified = new Map<string, number>();
    if (userIds.length) {
      for (const c of await db
        .selectFrom("certificates")
        .select(["user_id", "issued_at"])
        .where("course_id", "=", f.courseId)
        .where("user_id", "in", userIds)
        .where("revoked_at", "is", null)
        .execute())
        certified.set(c.user_id, Number(c.issued_at));
    }
    const records = people.map((p): LearnerRecord => {
      const enrolled = p.enrolled_at !== null && p.user_id !== null;
      const summary = enrolled && p.modules_done !== null && p.quizzes !== null ? decodeSummary({ modules_done: p.modules_done, quizzes: p.quizzes }) : null;
      return {
        email: p.email,
        name: p.name,
        country: p.country,
        orgType: p.org_type,
        gender: p.gender,
        enrolledAt: enrolled ? Number(p.enrolled_at) : null,
        startedAt: enrolled && p.started_at !== null ? Number(p.started_at) : null,
        completedAt: enrolled && p.completed_at !== null ? Number(p.completed_at) : null,
        certifiedAt: (enrolled && certified.get(p.user_id!)) || null,
        lastActivityAt: enrolled && p.last_activity_at !== null ? Number(p.last_activity_at) : null,
        modulesCompleted: summary?.modulesCompleted ?? new Set<string>(),
        quizzes: summary?.quizzes ?? new Map(),
      };
    });
    // The status depends on the enrolment and the certificate, read above: filtered here, with the
    // same function the page uses, rather than restated in SQL.
    const status = f.status;
    yield status ? records.filter((r) => matchesStatus(r, status)) : records;
    if (people.length < batch) return;
  }
}

export async function loadRecords(db: DB, f: ReportFilter): Promise<LearnerRecord[]> {
  const all: LearnerRecord[] = [];
  for await (const batch of recordBatches(db, f)) all.push(...batch);
  return all;
}

/** Cohorts of the same programme among those the actor may see (for the programme-wide report). */
export async function programmeCohortIds(db: DB, programme: string, visibleCohortIds: string[]): Promise<string[]> {
  if (!visibleCohortIds.length) return [];
  const rows = await db.selectFrom("cohorts").select("id").where("programme", "=", programme).where("id", "in", visibleCohortIds).execute();
  return rows.map((r) => r.id);
}
