import { describe, expect, it } from "vitest";
import { breakdown, funnelStages, learnerRow, matchesStatus, median, shareOfListed, sortRows, summarise, type LearnerRecord } from "../../app/reports/completion";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const MODULES = ["m1", "m2"];

function rec(p: Partial<LearnerRecord> & { email: string }): LearnerRecord {
  return {
    name: p.email,
    country: null,
    orgType: null,
    gender: null,
    enrolledAt: T0,
    startedAt: null,
    completedAt: null,
    certifiedAt: null,
    lastActivityAt: T0,
    modulesCompleted: new Set(),
    quizzes: new Map(),
    ...p,
  };
}

// Hand-computed cohort: 5 listed.
const records = [
  // Completed in 10 days, then re-took quiz q1 (best stays 90): scores 90 and 70 → average 80; 3 attempts.
  rec({
    email: "a@x.org", country: "SN", orgType: "mfa", gender: "female", startedAt: T0 + DAY, completedAt: T0 + 10 * DAY, certifiedAt: T0 + 10 * DAY, lastActivityAt: T0 + 12 * DAY,
    modulesCompleted: new Set(["m1", "m2"]), quizzes: new Map([["q1", { best: 90, attempts: 2 }], ["q2", { best: 70, attempts: 1 }]]),
  }),
  // Started, finished module 1, one failed attempt at 40.
  rec({ email: "b@x.org", country: "SN", orgType: "csirt", startedAt: T0 + 2 * DAY, lastActivityAt: T0 + 3 * DAY, modulesCompleted: new Set(["m1"]), quizzes: new Map([["q1", { best: 40, attempts: 1 }]]) }),
  // Started, no attempts at all.
  rec({ email: "c@x.org", country: "GH", startedAt: T0 + DAY, lastActivityAt: T0 + DAY }),
  // Enrolled, never started.
  rec({ email: "d@x.org", country: "GH" }),
  // Listed by CSV, no account yet.
  rec({ email: "e@x.org", enrolledAt: null, lastActivityAt: null }),
];
const rows = records.map((r) => learnerRow(r, MODULES));

describe("per-learner rows", () => {
  it("derive status, progress, scores, attempts and time to complete", () => {
    expect(rows.map((r) => [r.email, r.status, r.progress, r.averageScore, r.attempts, r.daysToComplete])).toEqual([
      ["a@x.org", "completed", 100, 80, 3, 10],
      ["b@x.org", "started", 50, 40, 1, null],
      ["c@x.org", "started", 0, null, 0, null],
      ["d@x.org", "enrolled", 0, null, 0, null],
      ["e@x.org", "not_enrolled", 0, null, 0, null],
    ]);
    expect(rows[3]!.lastActivity).toBeNull();
  });
});

describe("cohort summary", () => {
  it("counts the funnel and averages only learners with scores", () => {
    expect(summarise(rows, records, MODULES)).toEqual({
      funnel: { listed: 5, enrolled: 4, started: 3, modules: [{ id: "m1", completed: 2 }, { id: "m2", completed: 1 }], completed: 1, certified: 1 },
      averageScore: 60, // (80 + 40) / 2
      medianScore: 60,
      medianDaysToComplete: 10,
    });
  });

  it("gives empty averages, not zeros, for a cohort where nobody started", () => {
    const idle = [rec({ email: "x@x.org" }), rec({ email: "y@x.org" })];
    expect(summarise(idle.map((r) => learnerRow(r, MODULES)), idle, MODULES)).toEqual({
      funnel: { listed: 2, enrolled: 2, started: 0, modules: [{ id: "m1", completed: 0 }, { id: "m2", completed: 0 }], completed: 0, certified: 0 },
      averageScore: null,
      medianScore: null,
      medianDaysToComplete: null,
    });
  });

  it("takes the median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("funnel stages", () => {
  it("end with a certified stage of its own, which a revoked certificate leaves", () => {
    const revoked = [...records, rec({ email: "f@x.org", startedAt: T0, completedAt: T0 + DAY, certifiedAt: null })];
    const { funnel } = summarise(revoked.map((r) => learnerRow(r, MODULES)), revoked, MODULES);
    expect(funnelStages(funnel).map((s) => [s.stage, s.value])).toEqual([
      ["listed", 6],
      ["enrolled", 5],
      ["started", 4],
      ["module", 2],
      ["module", 1],
      ["completed", 2],
      ["certified", 1],
    ]);
    // Shares are of those listed, whatever the stage.
    expect(shareOfListed(funnel.certified, funnel)).toBeCloseTo(100 / 6);
    expect(shareOfListed(0, { ...funnel, listed: 0 })).toBeNull();
  });

  it("filter by status the way the rows show it; certified is completed with a certificate", () => {
    const by = (f: Parameters<typeof matchesStatus>[1]) => records.filter((r) => matchesStatus(r, f)).map((r) => r.email);
    expect(by("completed")).toEqual(["a@x.org"]);
    expect(by("certified")).toEqual(["a@x.org"]);
    expect(by("started")).toEqual(["b@x.org", "c@x.org"]);
    expect(by("enrolled")).toEqual(["d@x.org"]);
    expect(by("not_enrolled")).toEqual(["e@x.org"]);
  });
});

describe("breakdowns", () => {
  it("splits the same figures by country, with not-given as its own group", () => {
    expect(breakdown(rows, "country")).toEqual([
      { value: "GH", listed: 2, enrolled: 2, started: 1, completed: 0, completionRate: 0, averageScore: null },
      { value: "SN", listed: 2, enrolled: 2, started: 2, completed: 1, completionRate: 50, averageScore: 60 },
      { value: null, listed: 1, enrolled: 0, started: 0, completed: 0, completionRate: null, averageScore: null },
    ]);
  });
});

describe("sorting", () => {
  it("puts empty values last either way and breaks ties by email", () => {
    expect(sortRows(rows, "averageScore", "desc").map((r) => r.email)).toEqual(["a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"]);
    expect(sortRows(rows, "averageScore", "asc").map((r) => r.email)).toEqual(["b@x.org", "a@x.org", "c@x.org", "d@x.org", "e@x.org"]);
    expect(sortRows(rows, "status", "desc").map((r) => r.status)).toEqual(["completed", "started", "started", "enrolled", "not_enrolled"]);
  });
});
