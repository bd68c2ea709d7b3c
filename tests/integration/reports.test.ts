import { parse } from "csv-parse/sync";
import { languageCookie } from "../../app/i18n/language.server";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import { createCohort, importParticipants } from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import type { Course } from "../../app/content/types";
import { completeLesson, enrol, recordLessonView } from "../../app/learning/progress.server";
import { answerQuestion, startAttempt } from "../../app/learning/quiz.server";
import type { Runtime } from "../../app/runtime.server";
import { testRuntime } from "../helpers/runtime";
import { formOf } from "../helpers/answers";
import { getAs, statusOf } from "../helpers/http";
import { loader as csvLoader } from "../../app/routes/manage.cohorts.$cohortId.report[.]csv";
import { loader as reportLoader } from "../../app/routes/manage.cohorts.$cohortId.report";
import { loader as summaryLoader } from "../../app/routes/manage.cohorts.$cohortId.summary";
import { loader as summaryPdfLoader } from "../../app/routes/manage.cohorts.$cohortId.summary[.]pdf";
import { en, makeT } from "../../app/i18n";
import { breakdownView, breakdownViews, funnelView } from "../../app/reports/summary-view";
import { extractText, getDocumentProxy } from "unpdf";
import { loadRecords, recordBatches } from "../../app/reports/completion.server";

// The real runtime on the fixture courses, handed to routes in their load context as server.mjs does.

let rt: Runtime;
let ctx: { context: Awaited<ReturnType<typeof testRuntime>>["context"] };
let course: Course;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

async function user(email: string, role: "manager" | "learner" | "admin", profile: Record<string, string> = {}) {
  const r = await createUser(rt.db, { name: email.split("@")[0]!, email, password: "long enough pass", locale: "en", role }, 10);
  if (!r.ok) throw new Error(r.reason);
  if (Object.keys(profile).length) await rt.db.updateTable("users").set(profile).where("id", "=", r.user.id).execute();
  ids[email] = r.user.id;
  cookies[email] = (await startSession(rt, r.user.id)).split(";")[0]!;
  return r.user;
}


beforeAll(async () => {
  const t = await testRuntime();
  rt = t.rt;
  ctx = { context: t.context };
  course = rt.catalog.byId.get("mini")!;
  const x = await user("x@example.org", "manager");
  const y = await user("y@example.org", "manager");
  await user("learner@example.org", "learner");
  const base = { programme: "Donor programme", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] };
  ids.cx = await createCohort(rt.db, x, { ...base, name: "Cohort X" });
  ids.cy = await createCohort(rt.db, y, { ...base, name: "Cohort Y" });

  // Cohort X: 60 listed (so the table has two pages); some enrolled, started, completed, with scores.
  const csv = ["name,email,country,organisation type,gender"];
  for (let i = 0; i < 60; i++) csv.push(`Person ${i},p${String(i).padStart(2, "0")}@example.org,${["SN", "GH", "KE"][i % 3]},${["mfa", "csirt", ""][i % 3]},${["female", "male", ""][i % 3]}`);
  const { rows, problems } = parseParticipantsCsv(csv.join("\n"));
  expect(problems).toEqual([]);
  await importParticipants(rt.db, ids.cx, rows);
  for (let i = 0; i < 30; i++) {
    const email = `p${String(i).padStart(2, "0")}@example.org`;
    const u = await user(email, "learner", i % 5 === 0 ? { country: "NG" } : {});
    await rt.db.updateTable("cohort_participants").set({ user_id: u.id }).where("email", "=", email).execute();
    await enrol(rt.db, u.id, "mini");
    if (i % 3 === 0) continue; // enrolled, never started
    await recordLessonView(rt.db, u.id, "mini", "l-one");
    await completeLesson(rt.db, u.id, course, "l-one");
    if (i % 2 === 0) continue;
    await completeLesson(rt.db, u.id, course, "l-two");
    const quiz = course.quizzes[0]!;
    const start = await startAttempt(rt.db, u.id, course, quiz);
    if (!start.ok) throw new Error();
    const right: Record<string, Record<string, string | string[]>> = {
      "q-single": { answer: i % 4 === 1 ? "b" : "a" },
      "q-multiple": { answer: ["law", "cbm"] },
      "q-tf": { answer: "false" },
      "q-order": { "position.init": "1", "position.stock": "2", "position.prod": "3" },
      "q-match": { "match.red": "only", "match.clear": "any" },
      "q-text": { answer: i % 7 === 0 ? "wrong" : "A/70/174" },
    };
    for (const q of quiz.questions) await answerQuestion(rt.db, u.id, course, quiz, start.attemptId, q.id, formOf(right[q.id]!));
  }
  // One completer's certificate is revoked: they stay "completed" but leave the "certified" stage.
  const revoked = await rt.db.selectFrom("certificates").select("id").where("course_id", "=", "mini").orderBy("id").executeTakeFirstOrThrow();
  await rt.db.updateTable("certificates").set({ revoked_at: Date.UTC(2026, 5, 1), revoked_reason: "test" }).where("id", "=", revoked.id).execute();
});

const get = (url: string, who: string) => getAs(url, cookies[who]);
const status = statusOf;

describe("who may read a report", () => {
  it("gives a manager their own cohort, 404 for another's, and a learner nothing", async () => {
    const report = (cohort: string, who: string) =>
      status(reportLoader({ request: get(`/manage/cohorts/${cohort}/report`, who), params: { cohortId: cohort }, context: ctx.context }));
    const csv = (cohort: string, who: string) =>
      status(csvLoader({ request: get(`/manage/cohorts/${cohort}/report.csv`, who), params: { cohortId: cohort }, context: ctx.context }));
    expect(await report(ids.cx!, "x@example.org")).toBe(200);
    expect(await report(ids.cy!, "x@example.org")).toBe(404);
    expect(await csv(ids.cy!, "x@example.org")).toBe(404);
    expect(await report(ids.cx!, "learner@example.org")).toBe(403);
    expect(await csv(ids.cx!, "learner@example.org")).toBe(403);
    expect(await report(ids.cx!, "nobody")).toBe(302); // to the login page
    const pdf = (cohort: string, who: string) =>
      status(summaryPdfLoader({ request: get(`/manage/cohorts/${cohort}/summary.pdf`, who), params: { cohortId: cohort }, context: ctx.context }));
    expect(await pdf(ids.cx!, "x@example.org")).toBe(200);
    expect(await pdf(ids.cy!, "x@example.org")).toBe(404);
    expect(await pdf(ids.cx!, "learner@example.org")).toBe(403);
  });
});

describe("screen and exports agree", () => {
  async function screen(query: string) {
    const all = [];
    let page = 1;
    for (;;) {
      const res = (await reportLoader({ request: get(`/manage/cohorts/${ids.cx}/report?sort=name&${query}&page=${page}`, "x@example.org"), params: { cohortId: ids.cx! }, context: ctx.context })) as Response;
      const data = await res.json();
      all.push(...data.rows);
      if (page >= data.pages) return { data, rows: all };
      page++;
    }
  }
  async function exported(query: string, kind = "learners") {
    const res = (await csvLoader({ request: get(`/manage/cohorts/${ids.cx}/report.csv?kind=${kind}&${query}`, "x@example.org"), params: { cohortId: ids.cx! }, context: ctx.context })) as Response;
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    return parse((await res.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
  }

  for (const query of ["", "country=SN", "country=NG&scope=programme", "orgType=mfa", "orgType=not_given&gender=female", "status=completed", "status=certified", "gender=male&status=started"]) {
    it(`for the same filters (${query || "none"}), every learner's figures are identical`, async () => {
      const { data, rows } = await screen(query);
      const csv = await exported(query);
      expect(csv.length).toBe(data.total);
      expect(rows.length).toBe(data.total);
      const byEmail = new Map(csv.map((r) => [r.email, r]));
      for (const r of rows) {
        const c = byEmail.get(r.email)!;
        expect(c.certified).toBe(r.certified ? "yes" : "no");
        expect([c.status, Number(c.modules_completed), c.average_score, Number(c.attempts), c.first_activity, c.last_activity, c.days_to_complete]).toEqual([
          r.status,
          r.modulesCompleted,
          r.averageScore,
          r.attempts,
          r.firstActivity,
          r.lastActivity,
          r.daysToComplete === null ? "" : String(r.daysToComplete),
        ]);
      }
      // The funnel's file has the page's stages, numbers and shares, the certified stage last.
      const funnel = await exported(query, "funnel");
      const stages = funnelView(data.summary, data.course.modules, makeT(en)).stages;
      expect(funnel.map((f) => [f.stage, Number(f.learners), f.share_of_listed_percent === "" ? "—" : `${f.share_of_listed_percent}%`])).toEqual(
        stages.map((s, i) => [funnel[i]!.stage, s.value, s.share]),
      );
      expect(funnel.map((f) => f.stage)).toEqual(["listed", "enrolled", "started", "module", "completed", "certified"]);
      for (const [field, kind] of [["country", "country"], ["orgType", "orgType"], ["gender", "gender"]] as const) {
        const groups = await exported(query, kind);
        const onScreen = data.breakdowns[field] as { value: string | null; listed: number; completed: number }[];
        expect(groups.map((g) => [g.value, Number(g.listed), Number(g.completed)])).toEqual(onScreen.map((b) => [b.value ?? "not given", b.listed, b.completed]));
      }
    });
  }

  it("gives a French manager the same files for Excel: semicolons, decimal commas, the BOM, and '-excel' in the name", async () => {
    const french = `${cookies["x@example.org"]}; ${(await languageCookie.serialize("fr")).split(";")[0]}`;
    const download = async (url: string, cookie: string) => {
      const res = (await csvLoader({ request: getAs(url, cookie), params: { cohortId: ids.cx! }, context: ctx.context })) as Response;
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { name: res.headers.get("Content-Disposition"), bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, text: new TextDecoder().decode(bytes) };
    };
    for (const kind of ["learners", "funnel", "country"]) {
      const standard = await download(`/manage/cohorts/${ids.cx}/report.csv?kind=${kind}`, french);
      const excel = await download(`/manage/cohorts/${ids.cx}/report.csv?kind=${kind}&format=excel`, french);
      expect(excel.bom).toBe(true);
      expect(excel.name).toMatch(new RegExp(`-${kind}-excel\\.csv"$`));
      const rows = (text: string, delimiter: string) => parse(text, { delimiter }) as string[][];
      const a = rows(standard.text, ",");
      const b = rows(excel.text, ";");
      expect(b.length).toBe(a.length);
      expect(b[0]!.length).toBeGreaterThan(3);
      // The same cells, the decimal point now a comma; and at least one decimal to prove it.
      expect(b).toEqual(a.map((r) => r.map((c) => (/^\d+\.\d$/.test(c) ? c.replace(".", ",") : c))));
      if (kind !== "country") expect(b.flat().some((c) => /^\d+,\d$/.test(c))).toBe(true);
    }
    // Where Excel reads commas (English), the Excel link gives the standard file.
    const english = await download(`/manage/cohorts/${ids.cx}/report.csv?kind=learners&format=excel`, cookies["x@example.org"]!);
    expect(english.text).toBe((await download(`/manage/cohorts/${ids.cx}/report.csv?kind=learners`, cookies["x@example.org"]!)).text);
    expect(english.name).toMatch(/-learners\.csv"$/);
  });

  for (const query of ["", "country=GH&size=letter", "orgType=csirt&status=certified"]) {
    it(`the donor summary's PDF (${query || "A4"}) holds every figure of the summary page`, async () => {
      const page = await (await summaryLoader({ request: get(`/manage/cohorts/${ids.cx}/summary?${query}`, "x@example.org"), params: { cohortId: ids.cx! }, context: ctx.context })).json();
      const res = (await summaryPdfLoader({ request: get(`/manage/cohorts/${ids.cx}/summary.pdf?${query}`, "x@example.org"), params: { cohortId: ids.cx! }, context: ctx.context })) as Response;
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      const doc = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
      const text = (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, " ");
      const t = makeT(en);
      // Each line of the page, in the page's order, is a line of the PDF.
      const lines = [
        ...funnelView(page.summary, page.course.modules, t).stages.map((s) => `${s.label} ${s.value} ${s.share}`),
        ...funnelView(page.summary, page.course.modules, t).stats,
        ...breakdownViews(page.breakdowns, t, "en").flatMap((b) => breakdownView(b.rows, b.label, t).rows.map((r) => [r.name, ...r.cells].join(" "))),
      ];
      expect(lines.length).toBeGreaterThan(8);
      // The donor reads which programme the figures are for.
      expect(text).toContain("Programme: Donor programme");
      expect(text).toContain(t("report.stage.certified"));
      let from = 0;
      for (const line of lines) {
        const at = text.indexOf(line, from);
        expect(at, `"${line}" after position ${from}`).toBeGreaterThanOrEqual(from);
        from = at + line.length;
      }
      // Rendering a PDF loads its fonts first: slow on a shared machine, whatever the figures.
    }, 30_000);
  }

  it("filters by organisation type, gender and status", async () => {
    // Person i: organisation mfa, csirt, none for i % 3 = 0, 1, 2; gender female, male, none likewise.
    expect((await screen("orgType=mfa")).data.total).toBe(20);
    expect((await screen("orgType=not_given")).data.total).toBe(20);
    expect((await screen("gender=male")).data.summary.funnel).toMatchObject({ listed: 20, enrolled: 10 });
    const started = await screen("status=started");
    expect(started.rows.every((r: { status: string }) => r.status === "started")).toBe(true);
    expect(started.data.total).toBe(10);
    expect((await screen("status=certified")).data.total).toBe(9);
    expect((await screen("status=not_enrolled")).data.total).toBe(30);
    // A value no form offers is ignored, not a 500.
    expect((await screen("status=bogus&gender=%3Cscript%3E")).data.total).toBe(60);
  });

  it("counts the funnel as built: 60 listed, 30 enrolled, 20 started, 10 completed, 9 certified", async () => {
    const { data } = await screen("");
    // Learners 1,3,5,...,29 not divisible by 3 finished the lessons and took the quiz; those with ≥ 4 of 6 right passed.
    const tookQuiz = [...Array(30).keys()].filter((i) => i % 3 !== 0 && i % 2 === 1);
    const passed = tookQuiz.filter((i) => 6 - (i % 4 === 1 ? 1 : 0) - (i % 7 === 0 ? 1 : 0) >= 4);
    expect(passed.length).toBe(10);
    expect(data.summary.funnel).toMatchObject({ listed: 60, enrolled: 30, started: 20, completed: 10, certified: 9 });
    expect(data.summary.funnel.modules).toEqual([{ id: "m-basics", completed: passed.length }]);
  });
});

describe("a learner listed in several cohorts", () => {
  it("counts once, with their account's profile and enrolment, whatever the batch size", async () => {
    const z = await user("z@example.org", "manager");
    const base = { programme: "Two cohorts", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] };
    const [a, b] = [await createCohort(rt.db, z, { ...base, name: "A" }), await createCohort(rt.db, z, { ...base, name: "B" })];
    const csv = (lines: string[]) => parseParticipantsCsv(["name,email,country,organisation type,gender", ...lines].join("\n")).rows;
    // d2 is in both, linked to their account only in B; d4 in both without an account, other details in each.
    await importParticipants(rt.db, a, csv(["D One,d1@example.org,SN,mfa,", "D Two,d2@example.org,GH,,", "D Four,d4@example.org,,csirt,female"]));
    await importParticipants(rt.db, b, csv(["D Two,d2@example.org,KE,mfa,male", "D Three,d3@example.org,SN,,", "D Four,d4@example.org,TZ,,"]));
    const d2 = await user("d2@example.org", "learner", { country: "RW" });
    await rt.db.updateTable("cohort_participants").set({ user_id: d2.id }).where("cohort_id", "=", b).where("email", "=", "d2@example.org").execute();
    await enrol(rt.db, d2.id, "mini");
    await completeLesson(rt.db, d2.id, course, "l-one");

    const records = await loadRecords(rt.db, { cohortIds: [a, b], courseId: "mini" });
    expect(records.map((r) => [r.email, r.name, r.country, r.orgType, r.gender, r.enrolledAt !== null])).toEqual([
      ["d1@example.org", "D One", "SN", "mfa", null, false],
      ["d2@example.org", "D Two", "GH", "mfa", "male", true],
      ["d3@example.org", "D Three", "SN", null, null, false],
      ["d4@example.org", "D Four", "TZ", "csirt", "female", false],
    ]);
    expect(records[1]!.startedAt).not.toBeNull();
    for (const size of [1, 2, 3, 4, 5]) {
      const batches: string[][] = [];
      for await (const batch of recordBatches(rt.db, { cohortIds: [a, b], courseId: "mini" }, size)) batches.push(batch.map((r) => r.email));
      expect(batches.flat()).toEqual(records.map((r) => r.email));
    }
    // Filters apply to the learner, not to one of their rows: d4 is not "from TZ and without an organisation type".
    expect((await loadRecords(rt.db, { cohortIds: [a, b], courseId: "mini", country: "TZ" })).map((r) => r.email)).toEqual(["d4@example.org"]);
    expect((await loadRecords(rt.db, { cohortIds: [a, b], courseId: "mini", orgType: "not_given" })).map((r) => r.email)).toEqual(["d3@example.org"]);
  });
});
