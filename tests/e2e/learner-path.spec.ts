import { expect, test } from "@playwright/test";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { answer, currentQuestion, finishAttempt, register } from "./helpers";

// The answer keys come from the real demo course, so the test follows the content as it changes.
const { catalog } = loadCatalogFromDisk("courses");
const course = catalog.byId.get(process.env.E2E_COURSE ?? "essentials")!;
const firstModule = course.modules[0]!;
const quiz = firstModule.quiz!;

test("a learner registers, enrols, reads, fails the quiz, retakes it, passes and sees progress", async ({ page }, info) => {
  const email = `learner-${info.project.name}-${Date.now()}@example.org`;

  // Bad input first: an empty registration form is answered with messages, not an error page.
  await page.goto("/register");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByText("Enter your name")).toBeVisible();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();

  await register(page, "Test Learner", email);

  // Enrol from the catalogue.
  await page.goto("/");
  await page.getByRole("link", { name: course.title.en! }).click();
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByText("Progress: 0%").first()).toBeVisible();
  await page.getByRole("link", { name: "Start the course" }).click();

  // Read the first module's lessons; the last one leads to the quiz.
  for (const lesson of firstModule.lessons) {
    await expect(page.getByRole("heading", { level: 1, name: lesson.title.en! })).toBeVisible();
    await page.getByRole("button", { name: "Mark as read and continue" }).click();
  }
  await expect(page.getByText(`Pass mark: ${quiz.passMark}%`)).toBeVisible();

  // Fail the first attempt; a submission with no answer is refused with a message.
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await page.locator("form.question").getByRole("button", { name: "Submit answer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Choose|Give|Write/ })).toBeVisible();
  await finishAttempt(page, quiz, false);
  await expect(page.getByText(/You did not reach the pass mark/)).toBeVisible();

  // Retake: answer one question, leave, and resume from the dashboard.
  await page.getByRole("link", { name: "Back to the quiz" }).click();
  await page.getByRole("button", { name: "Start a new attempt" }).click();
  await answer(page, await currentQuestion(page, quiz), true);
  await expect(page.getByText("Correct.", { exact: true })).toBeVisible();
  await page.goto("/dashboard");
  await page.getByRole("link", { name: /Continue/ }).click();
  await expect(page.getByText(`Question 2 of ${quiz.questions.length}`)).toBeVisible();
  await finishAttempt(page, quiz, true);
  await expect(page.getByText(/You passed/)).toBeVisible();

  // Progress shows on the course page and on the dashboard.
  await page.goto(`/courses/${course.id}`);
  const total = course.lessons.length + course.quizzes.length;
  const percent = Math.floor(((firstModule.lessons.length + 1) / total) * 100);
  await expect(page.getByText(`Progress: ${percent}%`).first()).toBeVisible();
  await expect(page.getByText("Passed").first()).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByText(`Progress: ${percent}%`).first()).toBeVisible();
  // The demo course has a second module: "continue" now leads to its first lesson.
  await expect(page.getByRole("link", { name: `Continue: ${course.modules[1]!.lessons[0]!.title.en}` })).toBeVisible();
});

test("unknown addresses get a 404 page and a wrong password a clear message", async ({ page }) => {
  const response = await page.goto("/courses/no-such-course");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("Email address").fill("nobody@example.org");
  await page.getByLabel("Password", { exact: true }).fill("wrong password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("The email address or password is not right.")).toBeVisible();
});

test("the interface switches to French and stays French", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Language").selectOption("fr");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.goto("/register");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Create an account");
});

test("a course translated into Spanish is read in Spanish; an English-only course says it falls back", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Language").selectOption("es");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  await page.goto("/courses/un-norms");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("comportamiento responsable de los Estados");
  await expect(page.getByText("Los informes del GEG de 2010, 2013 y 2015", { exact: true })).toBeVisible();
  // No fallback: the course is in Spanish, with the notice that the translation awaits review.
  await expect(page.getByText("Este curso no está disponible")).toHaveCount(0);
  await expect(page.getByText("Esta traducción del curso aún no ha sido revisada por un hablante nativo", { exact: false })).toBeVisible();

  await page.goto("/courses/national-strategy");
  // Languages are named in Spanish in the sentence, not in themselves ("en English").
  await expect(page.getByText("Este curso no está disponible en español; se muestra en inglés.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Drafting a national cybersecurity strategy");
});

test("tampered or malformed requests get 4xx answers and change nothing", async ({ page }, info) => {
  await register(page, "Tamper Test", `tamper-${info.project.name}-${Date.now()}@example.org`);

  // A learner is not an administrator.
  expect((await page.goto("/admin/users"))?.status()).toBe(403);

  // Quizzes and lessons need an enrolment: without one the learner is sent to the course page.
  await page.goto(`/courses/${course.id}/lessons/${course.lessons[0]!.id}`);
  await expect(page).toHaveURL(new RegExp(`/courses/${course.id}$`));
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  expect((await page.goto(`/courses/${course.id}/lessons/no-such-lesson`))?.status()).toBe(404);
  expect((await page.goto(`/courses/${course.id}/quizzes/no-such-quiz`))?.status()).toBe(404);

  await page.goto(`/courses/${course.id}/quizzes/${quiz.id}`);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.locator("form.question")).toBeVisible();
  const attemptUrl = page.url();
  const q = await currentQuestion(page, quiz);

  const post = (url: string, form: Record<string, string>) => page.request.post(url, { form, maxRedirects: 0 });
  expect((await post(attemptUrl, { intent: "answer", questionId: q.id, answer: "forged", "position.x": "99", "match.x": "y" })).status()).toBe(400);
  expect((await post(attemptUrl, { intent: "answer", questionId: "not-a-question" })).status()).toBe(400);
  expect((await post(attemptUrl.replace(/attempts\/[^/]+$/, "attempts/00000000-0000-0000-0000-000000000000"), { intent: "answer", questionId: q.id })).status()).toBe(404);
  expect((await post(`/courses/${course.id}`, { intent: "delete-everything" })).status()).toBe(400);
  // A body that is not a form at all (a script posting JSON) is refused, not a server error.
  expect((await page.request.post(attemptUrl, { data: { intent: "answer" }, maxRedirects: 0 })).status()).toBe(415);

  // The attempt is untouched: the same first question is still waiting.
  await page.goto(attemptUrl);
  await expect(page.getByText(`Question 1 of ${quiz.questions.length}`)).toBeVisible();
  expect(await page.locator('form.question input[name="questionId"]').inputValue()).toBe(q.id);
});
