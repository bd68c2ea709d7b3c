import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { makeT } from "../../app/i18n";
import { ar } from "../../app/i18n/ar";
import { answer, currentQuestion } from "./helpers";

// A learner's path in Arabic on a 360-px phone: the browser asks for ar-EG, every page must come
// back right-to-left and no wider than the screen. The labels come from the Arabic dictionary, so
// the test follows the wording as it changes. Screenshots go to RTL_SHOTS_DIR for a person to look at.
const t = makeT(ar, "ar");
const { catalog } = loadCatalogFromDisk("courses");
const course = catalog.byId.get("essentials")!;
const quiz = course.modules[0]!.quiz!;
const drafting = catalog.byId.get("cbms")!;
const draftingExercise = drafting.exercisesById.get("ex-cbm-first-year-plan")!;
const shots = process.env.RTL_SHOTS_DIR ?? path.join("test-results", "rtl-shots");

test.use({ viewport: { width: 360, height: 780 }, locale: "ar-EG" });

test("a learner registers, reads, answers every kind of question and sees progress in Arabic, right to left, at 360 px", async ({ page }, info) => {
  fs.mkdirSync(shots, { recursive: true });
  let n = 0;
  const check = async (name: string) => {
    const html = page.locator("html");
    await expect(html).toHaveAttribute("dir", "rtl");
    await expect(html).toHaveAttribute("lang", "ar");
    // Arabic is not yet reviewed by a native speaker, and every page says so, in Arabic.
    await expect(page.locator(".unreviewed-notice")).toHaveText(ar["lang.unreviewed"]);
    // React 18's stream left NUL bytes at 2 KB boundaries inside Arabic text; documents are now one string (decision 039).
    const bytes = await (await page.request.get(page.url())).body();
    expect(bytes.includes(0), `${name} has NUL bytes in its HTML`).toBe(false);
    n += 1;
    await page.screenshot({ path: path.join(shots, `${info.project.name}-${String(n).padStart(2, "0")}-${name}.png`), fullPage: true });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `${name} is ${scrollWidth} px wide on a ${innerWidth}-px screen`).toBeLessThanOrEqual(innerWidth);
  };

  // Accept-Language: ar-EG alone chooses Arabic, and the switcher names it in Arabic.
  await page.goto("/register");
  const switcher = page.getByLabel(t("lang.label"), { exact: true });
  await expect(switcher).toHaveValue("ar");
  await expect(switcher.locator("option:checked")).toHaveText("العربية");
  await expect(page.getByLabel(t("auth.language"))).toHaveValue("ar");
  await page.getByRole("button", { name: t("auth.submitRegister") }).click();
  await expect(page.getByText(t("auth.error.name"))).toBeVisible();
  await check("register-errors");
  const email = `rtl-${info.project.name}-${Date.now()}@example.org`;
  const password = "a sentence long enough";
  await page.getByLabel(t("auth.name")).fill("أمينة الحسيني");
  await page.getByLabel(t("auth.email")).fill(email);
  await page.getByLabel(t("auth.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t("auth.submitRegister") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("dashboard.title") })).toBeVisible();

  // Log out and back in through the Arabic login form.
  await page.getByRole("button", { name: t("nav.logout") }).click();
  await expect(page.getByRole("link", { name: t("nav.login") })).toBeVisible();
  await page.goto("/login");
  await check("login");
  await page.getByLabel(t("auth.email")).fill(email);
  await page.getByLabel(t("auth.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t("auth.submitLogin") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("dashboard.title") })).toBeVisible();
  await check("dashboard-empty");

  // The catalogue, then the course in Arabic, which says its translation awaits a native speaker's review.
  await page.goto("/");
  await check("catalogue");
  await page.getByRole("link", { name: course.title.ar! }).click();
  await expect(page.getByText(t("course.unreviewed")).first()).toBeVisible();
  await check("course");
  await page.getByRole("button", { name: t("course.enrol") }).click();
  await expect(page.getByText(t("course.progress", { percent: 0 })).first()).toBeVisible();
  await page.getByRole("link", { name: t("course.start") }).click();

  for (const [i, lesson] of course.modules[0]!.lessons.entries()) {
    await expect(page.getByRole("heading", { level: 1, name: lesson.title.ar! })).toBeVisible();
    await expect(page.getByText(t("course.unreviewed")).first()).toBeVisible();
    if (i === 0) await check("lesson");
    await page.getByRole("button", { name: t("lesson.markComplete") }).click();
  }
  await expect(page.getByText(t("quiz.intro", { passMark: quiz.passMark, attempts: "" }).trim())).toBeVisible();
  await check("quiz");

  // Every kind of question (single, multiple, true/false, ordering, matching, text) in turn.
  await page.getByRole("button", { name: t("quiz.start") }).click();
  const result = page.getByRole("heading", { level: 1, name: t("quiz.resultTitle", { percent: 100 }) });
  let feedbackShot = false;
  for (let number = 1; ; number++) {
    await expect(page.getByText(t("quiz.questionOf", { number, total: quiz.questions.length }))).toBeVisible();
    const q = await currentQuestion(page, quiz);
    await check(`question-${q.type}`);
    await answer(page, q, true, t("quiz.submitAnswer"));
    const feedback = page.locator("section.feedback").first();
    const next = page.getByText(t("quiz.questionOf", { number: number + 1, total: quiz.questions.length }));
    await expect(result.or(feedback).or(next).first()).toBeVisible();
    if (await result.isVisible()) break;
    if (quiz.feedback === "end") continue;
    await expect(feedback).toContainText(t("quiz.correct"));
    if (!feedbackShot) {
      await check("feedback");
      feedbackShot = true;
    }
    await page.getByRole("link", { name: t("quiz.nextQuestion") }).click();
  }
  await expect(page.locator("section.feedback")).toHaveCount(quiz.questions.length);
  await check("result");

  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: new RegExp(t("dashboard.continueWith", { title: "" }).trim()) })).toBeVisible();
  await check("dashboard");

  // The drafting table of a strategy exercise: it scrolls inside its own box, never the page. Its
  // course has no Arabic: shown in English, with the notice in Arabic.
  await page.goto(`/courses/${drafting.id}`);
  await expect(page.getByText(t("course.fallback", { language: "العربية", fallback: "الإنجليزية" })).first()).toBeVisible();
  await page.getByRole("button", { name: t("course.enrol") }).click();
  // With JavaScript the enrolment posts in the background: wait for it before leaving the page.
  await expect(page.getByText(t("course.progress", { percent: 0 })).first()).toBeVisible();
  await page.goto(`/courses/${drafting.id}/exercises/${draftingExercise.id}`);
  await expect(page.getByRole("button", { name: t("exercise.save") })).toBeVisible();
  await check("drafting-table");
});
