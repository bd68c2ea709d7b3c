/**
 * Completion-report arithmetic: plain functions over per-learner records, shared by the report page
 * and every export so that the numbers on screen and in the files cannot disagree.
 */

export interface LearnerRecord {
  email: string;
  name: string;
  country: string | null;
  orgType: string | null;
  gender: string | null;
  /** null: listed in the cohort but not (yet) enrolled — no account, or not linked */
  enrolledAt: number | null;
  startedAt: number | null;
  completedAt: number | null;
  /** when the certificate for the course was issued; null without one, or once it is revoked */
  certifiedAt: number | null;
  lastActivityAt: number | null;
  modulesCompleted: ReadonlySet<string>;
  /** quiz id → best score (0–100) and number of attempts, for submitted attempts only */
  quizzes: ReadonlyMap<string, { best: number; attempts: number }>;
}

export interface LearnerRow {
  email: string;
  name: string;
  country: string | null;
  orgType: string | null;
  gender: string | null;
  status: LearnerStatus;
  /** holds a certificate for the course that is not revoked */
  certified: boolean;
  modulesCompleted: number;
  /** share of modules completed, 0–100, rounded down */
  progress: number;
  /** mean of the best scores of the quizzes attempted, or null when none was */
  averageScore: number | null;
  attempts: number;
  firstActivity: number | null;
  lastActivity: number | null;
  /** whole days from enrolment to completion, or null */
  daysToComplete: number | null;
}

const DAY = 86_400_000;

export type LearnerStatus = "not_enrolled" | "enrolled" | "started" | "completed";
/** What the report's status filter offers: each status, and "certified" (completed with a certificate). */
export const STATUS_FILTERS = ["not_enrolled", "enrolled", "started", "completed", "certified"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function statusOf(r: LearnerRecord): LearnerStatus {
  return r.enrolledAt === null ? "not_enrolled" : r.completedAt !== null ? "completed" : r.startedAt !== null ? "started" : "enrolled";
}

/** Whether a learner passes the status filter; the CSV, the page and the summary all filter with it. */
export function matchesStatus(r: LearnerRecord, filter: StatusFilter): boolean {
  return filter === "certified" ? r.enrolledAt !== null && r.certifiedAt !== null : statusOf(r) === filter;
}

export function learnerRow(r: LearnerRecord, moduleIds: readonly string[]): LearnerRow {
  let modulesCompleted = 0;
  for (const m of moduleIds) if (r.modulesCompleted.has(m)) modulesCompleted++;
  // Summed in the map's order, as the average always was: the same additions give the same rounding.
  let bests = 0;
  let attempts = 0;
  for (const q of r.quizzes.values()) {
    bests += q.best;
    attempts += q.attempts;
  }
  return {
    email: r.email,
    name: r.name,
    country: r.country,
    orgType: r.orgType,
    gender: r.gender,
    status: statusOf(r),
    certified: r.enrolledAt !== null && r.certifiedAt !== null,
    modulesCompleted,
    progress: moduleIds.length ? Math.floor((modulesCompleted / moduleIds.length) * 100) : 0,
    averageScore: r.quizzes.size ? round1(bests / r.quizzes.size) : null,
    attempts,
    firstActivity: r.startedAt,
    lastActivity: r.startedAt === null ? null : r.lastActivityAt,
    daysToComplete: r.completedAt !== null && r.enrolledAt !== null ? Math.floor((r.completedAt - r.enrolledAt) / DAY) : null,
  };
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round1(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

export function mean(values: number[]): number | null {
  return values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

export interface Funnel {
  /** everyone listed in the cohort(s) */
  listed: number;
  enrolled: number;
  started: number;
  /** learners who completed each module, in course order */
  modules: { id: string; completed: number }[];
  completed: number;
  /** learners holding a certificate for the course (not revoked): a stage of its own, after completion */
  certified: number;
}

export type FunnelStage = { stage: "listed" | "enrolled" | "started" | "completed" | "certified"; value: number } | { stage: "module"; moduleId: string; value: number };

/** The funnel's stages in order, for the page, the PDF and the funnel CSV alike. */
export function funnelStages(f: Funnel): FunnelStage[] {
  return [
    { stage: "listed", value: f.listed },
    { stage: "enrolled", value: f.enrolled },
    { stage: "started", value: f.started },
    ...f.modules.map((m) => ({ stage: "module" as const, moduleId: m.id, value: m.completed })),
    { stage: "completed", value: f.completed },
    { stage: "certified", value: f.certified },
  ];
}

/**
 * A stage's share of everyone listed, 0–100 (null when nobody is listed). The funnel divides by
 * listed, so that people invited but never registered show as lost; the breakdowns' completion rate
 * divides by enrolled (see BreakdownRow), which says how those who did start a course fared.
 */
export function shareOfListed(n: number, f: Funnel): number | null {
  return f.listed ? (n / f.listed) * 100 : null;
}

export interface Summary {
  funnel: Funnel;
  averageScore: number | null;
  medianScore: number | null;
  medianDaysToComplete: number | null;
}

/** Counts of learners by stage, and the scores' sum in row order, which is how mean() adds them. */
interface Tally {
  listed: number;
  enrolled: number;
  started: number;
  completed: number;
  scored: number;
  sum: number;
}
const tally = (): Tally => ({ listed: 0, enrolled: 0, started: 0, completed: 0, scored: 0, sum: 0 });

/** Adds a learner to the counts: the one definition of enrolled, started and completed for the funnel and the breakdowns. */
function count(t: Tally, r: LearnerRow) {
  t.listed++;
  if (r.status !== "not_enrolled") t.enrolled++;
  if (r.status === "started" || r.status === "completed") t.started++;
  if (r.status === "completed") t.completed++;
  if (r.averageScore !== null) {
    t.scored++;
    t.sum += r.averageScore;
  }
}

/** The funnel and the scores, in one pass over the learners: a report may hold a hundred thousand. */
export function summarise(rows: LearnerRow[], records: LearnerRecord[], moduleIds: readonly string[]): Summary {
  const scores: number[] = [];
  const days: number[] = [];
  const all = tally();
  let certified = 0;
  for (const r of rows) {
    count(all, r);
    if (r.certified) certified++;
    if (r.averageScore !== null) scores.push(r.averageScore);
    if (r.daysToComplete !== null) days.push(r.daysToComplete);
  }
  const modules = moduleIds.map(() => 0);
  for (const r of records) if (r.enrolledAt !== null) for (let i = 0; i < moduleIds.length; i++) if (r.modulesCompleted.has(moduleIds[i]!)) modules[i]!++;
  return {
    funnel: { listed: all.listed, enrolled: all.enrolled, started: all.started, modules: moduleIds.map((id, i) => ({ id, completed: modules[i]! })), completed: all.completed, certified },
    averageScore: mean(scores),
    medianScore: median(scores),
    medianDaysToComplete: median(days),
  };
}

export interface BreakdownRow {
  value: string | null;
  listed: number;
  enrolled: number;
  started: number;
  completed: number;
  /** completed / enrolled, 0–100 with one decimal, null when nobody is enrolled */
  completionRate: number | null;
  averageScore: number | null;
}

/** The same figures per value of one profile field (null = not given), largest groups first. */
export function breakdown(rows: LearnerRow[], field: "country" | "orgType" | "gender"): BreakdownRow[] {
  const groups = new Map<string | null, Tally>();
  for (const r of rows) {
    const k = r[field];
    let g = groups.get(k);
    if (!g) groups.set(k, (g = tally()));
    count(g, r);
  }
  return [...groups.entries()]
    .map(([value, g]) => ({
      value,
      listed: g.listed,
      enrolled: g.enrolled,
      started: g.started,
      completed: g.completed,
      completionRate: g.enrolled ? round1((g.completed / g.enrolled) * 100) : null,
      averageScore: g.scored ? round1(g.sum / g.scored) : null,
    }))
    .sort((a, b) => b.listed - a.listed || String(a.value).localeCompare(String(b.value)));
}

export const SORTABLE = ["name", "country", "status", "progress", "averageScore", "attempts", "lastActivity", "daysToComplete"] as const;
export type SortKey = (typeof SORTABLE)[number];

const STATUS_ORDER = { not_enrolled: 0, enrolled: 1, started: 2, completed: 3 };

/** Sorts with empty values last in either direction, then by email so pages are stable. */
export function sortRows(rows: LearnerRow[], key: SortKey, dir: "asc" | "desc"): LearnerRow[] {
  const value = (r: LearnerRow): string | number | null => (key === "status" ? STATUS_ORDER[r.status] : r[key]);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    const c = va === null || vb === null ? 0 : typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
    return (dir === "asc" ? c : -c) || a.email.localeCompare(b.email);
  });
}
