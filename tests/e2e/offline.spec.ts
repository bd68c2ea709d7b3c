import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { register } from "./helpers";

// Offline reading (decision 034): with JavaScript on, the service worker keeps the learner's reading
// pages and queues "Mark as read"; with JavaScript off, a module downloads as one HTML file.

const COURSE = "/courses/essentials";
const LESSONS = [
  { path: `${COURSE}/lessons/l-four-pillars`, title: "Four pillars and how they grew" },
  { path: `${COURSE}/lessons/l-eleven-norms`, title: "The 11 norms at a glance" },
  { path: `${COURSE}/lessons/l-contacts-cbms`, title: "Points of contact and confidence-building measures" },
] as const;

async function newLearnerIn(page: Page, label: string) {
  await register(page, `Offline ${label}`, `offline.${label}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@learners.example`);
  await page.goto(COURSE);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByText("0 of 4 lessons read")).toBeVisible();
}

/** The learner's lesson rows, as their own data export lists them. */
async function lessonRows(page: Page) {
  const res = await page.request.get("/profile/data.json");
  expect(res.status()).toBe(200);
  const data = (await res.json()) as { sections: { lesson_progress: { lesson_id: string; completed_at: string | null }[] } };
  return data.sections.lesson_progress;
}

test.describe("with JavaScript on", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "the offline reader is a service worker");

  test("the lessons of a learner's course open offline, and one marked read offline arrives once when the link returns", async ({ page, context }) => {
    // Registering lands on "My learning", an enhanced page: the worker registers there.
    await newLearnerIn(page, "reader");
    await page.goto("/dashboard");
    await expect(page.locator(".offline-status")).toContainText("The lessons of your courses are saved on this device", { timeout: 30_000 });

    // Two lessons read online (the third is not opened before going offline).
    for (const l of LESSONS.slice(0, 2)) {
      await page.goto(l.path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(l.title);
      await expect(page.locator(".offline-copy")).toHaveCount(0);
    }

    await context.setOffline(true);
    for (const l of LESSONS) {
      await page.goto(l.path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(l.title);
      await expect(page.locator(".offline-copy")).toContainText("You are offline: this is the copy of this page saved on this device");
      // Still a reading page: no script, and the saved copy's stylesheet applies.
      expect(await page.locator("script").count()).toBe(0);
      expect(await page.locator("header.site-header").evaluate((e) => getComputedStyle(e).display)).toBe("flex");
    }
    await page.goto(`${COURSE}/glossary`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Glossary");

    // "Mark as read" offline: kept on the device, and reading goes on to the next lesson.
    await page.goto(LESSONS[0].path);
    await page.getByRole("button", { name: "Mark as read and continue" }).click();
    await expect(page).toHaveURL(LESSONS[1].path);
    const waiting = page.locator(".offline-pending");
    await expect(waiting).toContainText("Marked as read on this device, waiting to sync");
    await expect(waiting).toContainText(LESSONS[0].title);
    // Pressed twice (the saved copy still offers the button): still one lesson waiting.
    await page.goto(LESSONS[0].path);
    await page.getByRole("button", { name: "Mark as read and continue" }).click();
    await expect(page.locator(".offline-pending li")).toHaveCount(1);
    // A page that is not saved says so, with what is.
    await page.goto("/courses/essentials/quizzes/quiz-framework");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
    await expect(page.getByRole("link", { name: LESSONS[2].title })).toBeVisible();

    // The link returns: the next page opened sends what waited first, and shows it recorded.
    await context.setOffline(false);
    await page.goto(COURSE);
    await expect(page.getByText("1 of 4 lessons read")).toBeVisible();
    await expect(page.locator(".offline-pending")).toHaveCount(0);
    const read = (await lessonRows(page)).filter((r) => r.completed_at !== null);
    expect(read.map((r) => r.lesson_id)).toEqual(["l-four-pillars"]);

    // Every other trigger finds nothing left to send: the progress stays counted once.
    await page.goto("/dashboard");
    await context.setOffline(true);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect(page.locator(".offline-status")).not.toContainText("waiting to sync");
    await page.goto(COURSE);
    await expect(page.getByText("1 of 4 lessons read")).toBeVisible();
    expect((await lessonRows(page)).filter((r) => r.completed_at !== null)).toHaveLength(1);

    // The saved course page was brought up to date after the sync.
    await context.setOffline(true);
    await page.goto(COURSE);
    await expect(page.locator(".offline-copy")).toBeVisible();
    await expect(page.getByText("1 of 4 lessons read")).toBeVisible();
    await context.setOffline(false);
  });

  test("an enhanced page open when the link returns has the queue sent, without any page being opened", async ({ page, context }) => {
    await newLearnerIn(page, "tabs");
    const dashboard = await context.newPage();
    await dashboard.goto("/dashboard");
    const status = dashboard.locator(".offline-status");
    await expect(status).toContainText("The lessons of your courses are saved on this device", { timeout: 30_000 });

    await page.goto(LESSONS[0].path);
    await context.setOffline(true);
    await page.getByRole("button", { name: "Mark as read and continue" }).click();
    await expect(page.locator(".offline-pending")).toContainText(LESSONS[0].title);
    // "My learning", open in the other tab, says so too.
    await expect(status).toContainText("1 lesson marked as read on this device is waiting to sync.");

    await context.setOffline(false);
    await expect(status).not.toContainText("waiting to sync", { timeout: 15_000 });
    expect((await lessonRows(page)).filter((r) => r.completed_at !== null).map((r) => r.lesson_id)).toEqual(["l-four-pillars"]);
  });

  test("signing out removes the learner's saved pages; the next person signed in gets none of them offline", async ({ page, context }) => {
    await newLearnerIn(page, "first");
    await page.goto("/dashboard");
    await expect(page.locator(".offline-status")).toContainText("saved on this device", { timeout: 30_000 });
    expect((await page.evaluate(() => caches.keys())).filter((n) => n.includes("-pages-"))).toHaveLength(1);
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
    await expect.poll(async () => (await page.evaluate(() => caches.keys())).filter((n) => n.includes("-pages-"))).toHaveLength(0);

    // Someone else signs in on the same browser, enrolled in nothing: offline, the lesson is not there.
    await register(page, "Offline Second", `offline.second.${Date.now()}@learners.example`);
    await context.setOffline(true);
    await page.goto(LESSONS[0].path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
    await expect(page.getByText(LESSONS[0].title)).toHaveCount(0);
    await context.setOffline(false);
  });
});

test.describe("with JavaScript off", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "the download is a plain link");

  test("“Download this module” gives one self-contained HTML file with the module's lessons in order", async ({ page }, testInfo) => {
    await newLearnerIn(page, "download");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Download this module/ }).first().click()]);
    expect(download.suggestedFilename()).toBe("essentials-m-framework-en.html");
    // Kept under its own name, as a phone keeps it, to be opened from the disk below.
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const html = fs.readFileSync(file, "utf8");
    console.log(`module file: ${Buffer.byteLength(html)} bytes (essentials, m-framework, en)`);

    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("<style>");
    // Nothing to load: no stylesheet link, no image or icon but data: URIs, no url() in the styles.
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect([...html.matchAll(/<(?:img|link)\b[^>]*?\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !u!.startsWith("data:"))).toEqual([]);
    expect(html).not.toMatch(/url\(/);
    expect(html).toContain("Cyber diplomacy essentials: a one-hour start");
    expect(html).toContain("<h1>The UN framework in brief</h1>");
    const at = LESSONS.slice(0, 2).map((l) => html.indexOf(`>${l.title}</h2>`));
    expect(at.every((i) => i > 0) && at[0]! < at[1]!, "each lesson, in order").toBe(true);
    expect(html).not.toContain(LESSONS[2].title);

    // It opens from the disk, styled, and its table of contents leads to each lesson.
    await page.goto(pathToFileURL(file).href);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("The UN framework in brief");
    expect(await page.locator("body").evaluate((b) => getComputedStyle(b).fontFamily)).toContain("system-ui");
    await page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: LESSONS[1].title }).click();
    await expect(page).toHaveURL(/#lesson-l-eleven-norms$/);
    // A lesson's link to another lesson of the module leads to it in the file, not to the site.
    expect(html).not.toContain('href="/courses/essentials/lessons/');
  });

  test("the file takes the reader's language and direction, and the course text the language it is shown in", async ({ page }) => {
    await newLearnerIn(page, "arabic");
    await page.getByLabel("Language").selectOption("ar");
    await page.getByRole("button", { name: "Change" }).click();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^تنزيل هذه الوحدة/ }).last().click()]);
    // The essentials course is translated into Arabic (awaiting review), so its text comes in Arabic too.
    expect(download.suggestedFilename()).toBe("essentials-m-cooperation-ar.html");
    const html = fs.readFileSync(await download.path(), "utf8");
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toMatch(/<header lang="ar" dir="rtl">/);
    expect(html).toContain("المحتويات");
    for (const title of ["جهات الاتصال وتدابير بناء الثقة", "فرق الاستجابة لحوادث الحاسوب وبروتوكول إشارات المرور"]) expect(html).toContain(`>${title}</h2>`);
  });
});
