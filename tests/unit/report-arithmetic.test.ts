import { describe, expect, it } from "vitest";
import { breakdown, funnelStages, learnerRow, matchesStatus, mean, median, round1, shareOfListed, sortRows, summarise, type LearnerRecord, type LearnerRow } from "../../app/reports/completion";
import { fmtDate } from "../../app/reports/format";

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

describe("at scale", () => {
  // A seeded crowd with scores that do not add up exactly in floating point (100/3, 200/7…).
  let seed = 7;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const crowd = Array.from({ length: 3000 }, (_, i) => {
    const enrolled = rand() < 0.9;
    const started = enrolled && rand() < 0.8;
    const completed = started && rand() < 0.4;
    const quizzes = new Map<string, { best: number; attempts: number }>();
    if (started) for (const q of ["q1", "q2", "q3"]) if (rand() < 0.6) quizzes.set(q, { best: Math.floor(rand() * 101) / (1 + Math.floor(rand() * 7)) * 3, attempts: 1 + Math.floor(rand() * 3) });
    return rec({
      email: `p${i}@x.org`, country: [null, "SN", "GH", "KE"][i % 4]!, orgType: rand() < 0.5 ? "mfa" : null, gender: rand() < 0.5 ? "female" : null,
      enrolledAt: enrolled ? T0 + Math.floor(rand() * 90) * DAY : null, startedAt: started ? T0 + 91 * DAY : null, completedAt: completed ? T0 + (91 + Math.floor(rand() * 60)) * DAY + 1234 : null,
      certifiedAt: completed && rand() < 0.9 ? T0 : null, modulesCompleted: new Set(MODULES.filter(() => started && rand() < 0.5)), quizzes,
    });
  });
  const crowdRows = crowd.map((r) => learnerRow(r, MODULES));

  it("give the figures of the plain definitions, to the last rounding", () => {
    // The definitions written out, pass by pass, as the report first computed them.
    const scores = (rs: LearnerRow[]) => rs.flatMap((r) => (r.averageScore === null ? [] : [r.averageScore]));
    expect(crowdRows.map((r) => r.averageScore)).toEqual(crowd.map((r) => { const b = [...r.quizzes.values()].map((q) => q.best); return b.length ? round1(b.reduce((x, y) => x + y, 0) / b.length) : null; }));
    expect(summarise(crowdRows, crowd, MODULES)).toEqual({
      funnel: {
        listed: crowdRows.length,
        enrolled: crowdRows.filter((r) => r.status !== "not_enrolled").length,
        started: crowdRows.filter((r) => r.status === "started" || r.status === "completed").length,
        modules: MODULES.map((id) => ({ id, completed: crowd.filter((r) => r.enrolledAt !== null && r.modulesCompleted.has(id)).length })),
        completed: crowdRows.filter((r) => r.status === "completed").length,
        certified: crowdRows.filter((r) => r.certified).length,
      },
      averageScore: mean(scores(crowdRows)),
      medianScore: median(scores(crowdRows)),
      medianDaysToComplete: median(crowdRows.flatMap((r) => (r.daysToComplete === null ? [] : [r.daysToComplete]))),
    });
    for (const field of ["country", "orgType", "gender"] as const) {
      const values = [...new Set(crowdRows.map((r) => r[field]))];
      const expected = values.map((value) => {
        const g = crowdRows.filter((r) => r[field] === value);
        const enrolled = g.filter((r) => r.status !== "not_enrolled").length;
        const completed = g.filter((r) => r.status === "completed").length;
        return { value, listed: g.length, enrolled, started: g.filter((r) => r.status === "started" || r.status === "completed").length, completed, completionRate: enrolled ? round1((completed / enrolled) * 100) : null, averageScore: mean(scores(g)) };
      });
      expect(breakdown(crowdRows, field)).toEqual(expected.sort((a, b) => b.listed - a.listed || String(a.value).localeCompare(String(b.value))));
    }
  });

  it("write dates as the UTC day, whatever the time of day", () => {
    for (const ms of [0, -1, T0, T0 + DAY - 1, T0 + 12345678, Date.UTC(1999, 11, 31, 23, 59, 59, 999)]) expect(fmtDate(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
    expect(fmtDate(T0 + 1)).toBe(fmtDate(T0 + DAY - 1));
    expect(fmtDate(null)).toBe("");
  });
});
