// "Download my data" on the profile (issue 13, decision 022).
import type { DB } from "@db/index";
import { recordAudit } from "~/admin/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { exportRow, personalDataCsv, type ExportSection, type PersonalData } from "./export";

async function collect(trx: DB, userId: string, email: string): Promise<Record<ExportSection, Record<string, unknown>[]>> {
  // Every table keyed by the learner, read whole: a column added later is exported without anyone remembering to.
  const mine = (table: "enrolments" | "lesson_progress" | "module_progress" | "exercise_drafts" | "scenario_runs") =>
    (trx as DB).selectFrom(table as "enrolments").selectAll().where("user_id", "=", userId).execute() as Promise<Record<string, unknown>[]>;
  return {
    profile: await trx
      .selectFrom("users")
      .select(["id", "name", "email", "role", "locale", "created_at", "country", "organisation", "org_type", "gender"])
      .where("id", "=", userId)
      .execute(),
    enrolments: await mine("enrolments"),
    lesson_progress: await mine("lesson_progress"),
    module_progress: await mine("module_progress"),
    quiz_attempts: await trx.selectFrom("quiz_attempts").selectAll().where("user_id", "=", userId).orderBy("started_at").execute(),
    quiz_answers: await trx
      .selectFrom("quiz_answers as qa")
      .innerJoin("quiz_attempts as a", "a.id", "qa.attempt_id")
      .select(["qa.attempt_id", "a.course_id", "a.quiz_id", "qa.question_id", "qa.response", "qa.correct", "qa.answered_at"])
      .where("a.user_id", "=", userId)
      .orderBy("qa.answered_at")
      .execute(),
    exercise_drafts: await mine("exercise_drafts"),
    // Reviewers' comments on the learner's drafts, signed as the learner sees them on the exercise page.
    exercise_comments: await trx
      .selectFrom("exercise_comments as c")
      .innerJoin("users as u", "u.id", "c.author_id")
      .select(["c.id", "c.course_id", "c.exercise_id", "u.name as author_name", "c.body", "c.created_at"])
      .where("c.user_id", "=", userId)
      .orderBy("c.created_at")
      .execute(),
    scenario_runs: await mine("scenario_runs"),
    certificates: await trx
      .selectFrom("certificates")
      .select(["code", "course_id", "learner_name", "course_title", "hours", "programme", "issued_at", "revoked_at", "revoked_reason"])
      .where("user_id", "=", userId)
      .execute(),
    // Places they accepted, and listings of their address waiting for them (never the invitation's secret).
    cohort_places: await trx
      .selectFrom("cohort_participants as p")
      .innerJoin("cohorts as c", "c.id", "p.cohort_id")
      .select(["c.name as cohort", "c.programme", "p.email", "p.name", "p.country", "p.organisation", "p.org_type", "p.gender", "p.source", "p.added_at", "p.accepted_at"])
      .where((eb) => eb.or([eb("p.user_id", "=", userId), eb.and([eb("p.user_id", "is", null), eb("p.email", "=", email)])]))
      .execute(),
    sessions: await trx.selectFrom("sessions").select(["created_at", "expires_at", "user_agent"]).where("user_id", "=", userId).orderBy("created_at").execute(),
  };
}

/**
 * Everything the platform holds about the signed-in user, read in one transaction with the audit
 * entry that records the export of personal data.
 */
export async function exportPersonalData(db: DB, user: SessionUser, format: "json" | "csv", now = Date.now()): Promise<{ body: string; filename: string }> {
  const raw = await db.transaction().execute(async (trx) => {
    const rows = await collect(trx, user.id, user.email);
    await recordAudit(trx, { actorId: user.id, action: "export.personal_data", targetType: "user", targetId: user.id, targetLabel: user.email, details: { format } }, now);
    return rows;
  });
  const data: PersonalData = {
    format: "personal-data/1",
    exported_at: new Date(now).toISOString(),
    sections: Object.fromEntries(Object.entries(raw).map(([k, rows]) => [k, rows.map(exportRow)])) as PersonalData["sections"],
  };
  const filename = `my-data-${data.exported_at.slice(0, 10)}.${format}`;
  return { body: format === "json" ? JSON.stringify(data, null, 2) : personalDataCsv(data), filename };
}
