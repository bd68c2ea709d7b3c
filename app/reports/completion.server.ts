import { sql } from "kysely";
import { engineOf, type DB } from "@db/index";
import { decodeQuizzes } from "~/learning/summaries.server";
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

// Each batch reads the next learners in email order from where the last one stopped. Larger batches
// mean fewer queries, and more memory: the report holds every record anyway; a streamed export keeps
// its batches small. On SQLite a query costs no round trip and small batches keep the heap small;
// on Postgres, a batch of 50,000 is joined by hashing instead of one index probe per learner and
// table, which halves a programme report of 100,000 (decision 038).
export const reportBatch = (db: DB) => (engineOf(db) === "postgres" ? 50_000 : 5000);
export const EXPORT_BATCH = 1500;

type Participation = {
  email: string;
  name: string;
  country: string | null;
  org_type: string | null;
  gender: string | null;
  user_id: string | null;
  enrolled_at: number | null;
  started_at: number | null;
  completed_at: number | null;
  last_activity_at: number | null;
  modules_done: string | null;
  quizzes: string | null;
  /** the certificate's issue, when it is not revoked */
  certified_at: number | null;
};

const NONE_DONE: ReadonlySet<string> = new Set();
const NO_QUIZZES: ReadonlyMap<string, { best: number; attempts: number }> = new Map();

const least = <T extends string | number>(a: T | null, b: T | null): T | null => (a === null ? b : b === null || a <= b ? a : b);

/**
 * One learner listed in several of the cohorts: each figure is the least of their rows (the latest
 * activity, the greatest), which is what a GROUP BY with min() gave, without making the database sort
 * every row when nearly every learner has one.
 */
function mergeParticipations(a: Participation, b: Participation): Participation {
  return {
    email: a.email,
    name: least(a.name, b.name)!,
    country: least(a.country, b.country),
    org_type: least(a.org_type, b.org_type),
    gender: least(a.gender, b.gender),
    user_id: least(a.user_id, b.user_id),
    enrolled_at: least(a.enrolled_at, b.enrolled_at),
    started_at: least(a.started_at, b.started_at),
    completed_at: least(a.completed_at, b.completed_at),
    last_activity_at: a.last_activity_at === null ? b.last_activity_at : b.last_activity_at === null || a.last_activity_at >= b.last_activity_at ? a.last_activity_at : b.last_activity_at,
    modules_done: least(a.modules_done, b.modules_done),
    quizzes: least(a.quizzes, b.quizzes),
    // The certificate of the account the record is for (the least user id), as a lookup by it gave.
    certified_at: a.user_id !== null && (b.user_id === null || a.user_id <= b.user_id) ? a.certified_at : b.certified_at,
  };
}

/** Whether a learner passes the profile and date filters (the status is checked on the record). */
function matchesProfile(p: Participation, f: ReportFilter, fromMs: number | null, toMs: number | null): boolean {
  const field = (v: string | null, want: string | null | undefined) => !want || (want === NOT_GIVEN ? v === null : v === want);
  return (
    (!f.country || p.country === f.country) &&
    field(p.org_type, f.orgType) &&
    field(p.gender, f.gender) &&
    (fromMs === null || (p.enrolled_at !== null && p.enrolled_at >= fromMs)) &&
    (toMs === null || (p.enrolled_at !== null && p.enrolled_at < toMs))
  );
}

/**
 * The learners of the filtered cohorts, in batches ordered by email (keyset pagination), each with
 * their enrolment and its summary of modules and quizzes (kept on the enrolment row, migration 0019).
 * Memory stays at one batch however large the cohort. A learner listed in several of the cohorts
 * counts once; their own profile, when they have an account, wins over what the CSV said.
 */
export async function* recordBatches(db: DB, f: ReportFilter, batch = reportBatch(db)): AsyncGenerator<LearnerRecord[]> {
  if (f.cohortIds.length === 0) return;
  const fromMs = f.from ? Date.parse(`${f.from}T00:00:00Z`) : null;
  const toMs = f.to ? Date.parse(`${f.to}T00:00:00Z`) + 86_400_000 : null;
  // A learner has at most one row per cohort: a batch longer than that always ends past one learner.
  const limit = Math.max(batch, f.cohortIds.length + 1);
  let after = "";
  for (;;) {
    const rows: Participation[] = await db
      .selectFrom("cohort_participants as p")
      .leftJoin("users as u", "u.id", "p.user_id")
      .leftJoin("enrolments as e", (j) => j.onRef("e.user_id", "=", "p.user_id").on("e.course_id", "=", f.courseId))
      .leftJoin("certificates as c", (j) => j.onRef("c.user_id", "=", "p.user_id").on("c.course_id", "=", f.courseId).on("c.revoked_at", "is", null))
      .select([
        "p.email",
        sql<string>`coalesce(u.name, p.name)`.as("name"),
        sql<string | null>`coalesce(u.country, p.country)`.as("country"),
        sql<string | null>`coalesce(u.org_type, p.org_type)`.as("org_type"),
        sql<string | null>`coalesce(u.gender, p.gender)`.as("gender"),
        "p.user_id",
        "e.enrolled_at",
        "e.started_at",
        "e.completed_at",
        "e.last_activity_at",
        "e.modules_done",
        "e.quizzes",
        "c.issued_at as certified_at",
      ])
      .where("p.cohort_id", "in", f.cohortIds)
      .where("p.email", ">", after)
      .orderBy("p.email")
      .limit(limit)
      .execute();
    if (rows.length === 0) return;
    const more = rows.length === limit;
    // The last learner's rows may go on in the next batch: they are read again with it.
    let end = rows.length;
    if (more) while (rows[end - 1]!.email === rows[rows.length - 1]!.email) end--;
    after = rows[end - 1]!.email;

    const people: Participation[] = [];
    for (let i = 0; i < end; i++) {
      let p = rows[i]!;
      while (i + 1 < end && rows[i + 1]!.email === p.email) p = mergeParticipations(p, rows[++i]!);
      if (matchesProfile(p, f, fromMs, toMs)) people.push(p);
    }

    // Learners share a few sets of modules done and, far less, their quizzes' results: each text is
    // decoded once per batch and shared (a record's sets and maps are read-only).
    const moduleSets = new Map<string, ReadonlySet<string>>();
    const quizMaps = new Map<string, LearnerRecord["quizzes"]>();
    const modulesOf = (json: string) => {
      let set = moduleSets.get(json);
      if (!set) moduleSets.set(json, (set = new Set(JSON.parse(json) as string[])));
      return set;
    };
    const quizzesOf = (json: string) => {
      let map = quizMaps.get(json);
      if (!map) quizMaps.set(json, (map = decodeQuizzes(json)));
      return map;
    };
    const records = people.map((p): LearnerRecord => {
      const enrolled = p.enrolled_at !== null && p.user_id !== null;
      return {
        email: p.email,
        name: p.name,
        country: p.country,
        orgType: p.org_type,
        gender: p.gender,
        enrolledAt: enrolled ? Number(p.enrolled_at) : null,
        startedAt: enrolled && p.started_at !== null ? Number(p.started_at) : null,
        completedAt: enrolled && p.completed_at !== null ? Number(p.completed_at) : null,
        certifiedAt: (enrolled && p.certified_at) || null,
        lastActivityAt: enrolled && p.last_activity_at !== null ? Number(p.last_activity_at) : null,
        modulesCompleted: enrolled && p.modules_done !== null ? modulesOf(p.modules_done) : NONE_DONE,
        quizzes: enrolled && p.quizzes !== null ? quizzesOf(p.quizzes) : NO_QUIZZES,
      };
    });
    // The status depends on the enrolment and the certificate, read above: filtered here, with the
    // same function the page uses, rather than restated in SQL.
    const status = f.status;
    yield status ? records.filter((r) => matchesStatus(r, status)) : records;
    if (!more) return;
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
