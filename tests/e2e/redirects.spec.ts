import { expect, test } from "@playwright/test";
import { makeT } from "../../app/i18n";
import { en } from "../../app/i18n/en";
import { demo, login, logout } from "./helpers";

// Security finding 2 (issue 10), where it matters: in Chromium, whose URL parser turns tabs and
// backslashes into the slashes that lead off the site. Each of these ways back once sent the
// signed-in learner to evil.com; now each lands on a page of this site.
const TRICKS = ["/\t/evil.com", "/./\\evil.com", "/../\\evil.com", "//evil.com", "/\\evil.com", "/%09/evil.com", "https://evil.com/"];

test("the way back after signing in never leaves the site, however it is written", async ({ page, baseURL }) => {
  const site = new URL(baseURL!).host;
  const { email, password } = demo("learner");
  for (const to of TRICKS) {
    await login(page, email, password, to);
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
    expect(new URL(page.url()).host, `after redirectTo=${JSON.stringify(to)}`).toBe(site);
    await logout(page);
  }
});

test("an address no page answers gets the not-found page in the reader's language, with the signed-in header", async ({ page }) => {
  const t = makeT(en, "en");
  const { email, password } = demo("learner");
  await login(page, email, password, "/no-such-page/anywhere");
  await expect(page.getByRole("heading", { level: 1, name: t("error.notFound.title") })).toBeVisible();
  await expect(page.getByRole("button", { name: t("nav.logout") })).toBeVisible();
  await expect(page.getByText("app.name")).toHaveCount(0);
});
