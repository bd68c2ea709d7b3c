import { expect, type Page } from "@playwright/test";
import type { Question, Quiz } from "../../app/content/types";
import { DEMO_ACCOUNTS } from "../../scripts/demo-accounts";

/** Answers `q` rightly or wrongly and submits; `submit` is the button's name in the page's language. */
export async function answer(page: Page, q: Question, right: boolean, submit = "Submit answer") {
  const form = page.locator("form.question");
  switch (q.type) {
    case "single": {
      const id = right ? q.answer : q.options.find((o) => o.id !== q.answer)!.id;
      await form.locator(`input[name="answer"][value="${id}"]`).check();
      break;
    }
    case "multiple": {
      const ids = right ? q.answer : [q.options.find((o) => !q.answer.includes(o.id))!.id];
      for (const id of ids) await form.locator(`input[name="answer"][value="${id}"]`).check();
      break;
    }
    case "truefalse":
      await form.locator(`input[name="answer"][value="${right ? q.answer : !q.answer}"]`).check();
      break;
    case "ordering": {
      const order = right ? q.answer : [...q.answer].reverse();
      for (const [i, id] of order.entries()) await form.locator(`select[name="position.${id}"]`).selectOption(String(i + 1));
      break;
    }
    case "matching": {
      const options = q.options.map((o) => o.id);
      for (const p of q.prompts) {
        const key = q.answer[p.id]!;
        await form.locator(`select[name="match.${p.id}"]`).selectOption(right ? key : options.find((o) => o !== key)!);
      }
      break;
    }
    case "text":
      await form.locator('input[name="answer"]').fill(right ? q.answer[0]! : "no idea");
      break;
  }
  await form.getByRole("button", { name: submit }).click();
}

export async function currentQuestion(page: Page, quiz: Quiz): Promise<Question> {
  const id = await page.locator('form.question input[name="questionId"]').inputValue();
  return quiz.questionsById.get(id)!;
}

/**
 * Answers every remaining question until the result page. With immediate feedback it reads the
 * feedback (verdict and source) after each answer; with feedback at the end it goes straight on.
 */
export async function finishAttempt(page: Page, quiz: Quiz, right: boolean) {
  for (;;) {
    const q = await currentQuestion(page, quiz);
    const number = Number((await page.locator("form.question legend .meta").textContent())?.match(/\d+/)?.[0]);
    await answer(page, q, right);
    const result = page.getByRole("heading", { level: 1, name: /Your result/ });
    const feedback = page.locator("section.feedback").first();
    const nextQuestion = page.getByText(`Question ${number + 1} of ${quiz.questions.length}`);
    await expect(result.or(feedback).or(nextQuestion).first()).toBeVisible();
    if (await result.isVisible()) {
      // The last answer leads to the result, whose review shows every explanation and source.
      await expect(page.locator("section.feedback")).toHaveCount(quiz.questions.length);
      return;
    }
    if (quiz.feedback === "end") continue;
    await expect(feedback).toContainText(right ? "Correct." : "Not correct.");
    if (q.source) await expect(feedback).toContainText(`Source: ${q.source.en}`);
    await page.getByRole("link", { name: "Next question" }).click();
  }
}

/** Registers a new account through the form and waits for the learning page. */
export async function register(page: Page, name: string, email: string, password = "a sentence long enough") {
  await page.goto("/register");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
}

/** A demo account's address and password (the test server is seeded with them). */
export function demo(role: "learner" | "instructor" | "manager" | "admin") {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  return { email: account.email, password: account.password };
}

/** Signs in as a demo account, landing on `to`. */
export async function loginAs(page: Page, role: "learner" | "instructor" | "manager" | "admin", to: string) {
  const { email, password } = demo(role);
  await login(page, email, password, to);
}

/**
 * Logs out and waits until the page shows it: with JavaScript on the form posts in the background,
 * and a navigation started before it returns would still carry the old session.
 */
export async function logout(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}

/** Logs in through the form and lets the login page send the browser on to `to`. */
export async function login(page: Page, email: string, password: string, to: string) {
  await page.goto(`/login?${new URLSearchParams({ redirectTo: to })}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}
