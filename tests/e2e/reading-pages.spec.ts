import { expect, test } from "@playwright/test";
import { loginAs } from "./helpers";

// Reading pages ship no JavaScript (decision 031); quiz pages stay enhanced. Same HTML either way, so
// both projects check it. (Their forms are plain forms: the learner path exercises them JS on and off.)
test("reading pages carry no scripts and no page data; a quiz page is enhanced", async ({ page }) => {
  await loginAs(page, "learner", "/courses/essentials/lessons/l-four-pillars");
  await expect(page).toHaveURL(/\/lessons\/l-four-pillars$/);
  for (const path of ["/", "/courses/essentials", "/courses/essentials/lessons/l-four-pillars", "/courses/essentials/glossary"]) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    expect(await page.locator("script").count(), path).toBe(0);
    expect(await page.locator('link[rel="modulepreload"]').count(), path).toBe(0);
    // The lesson's text is in the page once, not again in serialised loader data.
    expect(await page.content(), path).not.toContain("__remixContext");
  }
  await page.goto("/courses/essentials/quizzes/quiz-framework");
  expect(await page.locator("script").count()).toBeGreaterThan(0);
});
