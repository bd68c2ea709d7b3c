import { expect, test } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import fs from "node:fs";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { DEMO_ACCOUNTS, DEMO_GRADUATE } from "../../scripts/demo-accounts";
import { finishAttempt, login, loginAs, register } from "./helpers";

const course = loadCatalogFromDisk("courses").catalog.byId.get(process.env.E2E_COURSE ?? "essentials")!;

test("a learner completes a course, downloads the certificate, and anyone can verify it until it is revoked", async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const name = `Aminata Ndiaye-Fàll ${info.project.name}`;
  await register(page, name, `cert-${info.project.name}-${Date.now()}@example.org`);
  await page.goto(`/courses/${course.id}`);
  await page.getByRole("button", { name: "Enrol in this course" }).click();

  // Every lesson read and every quiz passed, in course order.
  for (const module of course.modules) {
    for (const lesson of module.lessons) {
      const path = `/courses/${course.id}/lessons/${lesson.id}`;
      await page.goto(path);
      await page.getByRole("button", { name: "Mark as read and continue" }).click();
      // Wait for the answer (the next page) before going on, or the next goto may cancel the POST.
      await page.waitForURL((url) => url.pathname !== path);
    }
  }
  for (const quiz of course.quizzes) {
    await page.goto(`/courses/${course.id}/quizzes/${quiz.id}`);
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await finishAttempt(page, quiz, true);
    await expect(page.getByText(/You passed/)).toBeVisible();
  }

  await page.goto(`/courses/${course.id}`);
  await expect(page.getByText("You have completed this course.")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the certificate (PDF, A4)" }).click()]);
  const pdf = await getDocumentProxy(new Uint8Array(fs.readFileSync((await download.path())!)));
  const { text } = await extractText(pdf, { mergePages: true });
  expect(text).toContain(name);
  expect(text.replace(/\s+/g, " ")).toContain(course.title.en!);

  // The signed Open Badge, as a wallet would take it.
  const [badgeDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Open Badge (signed, for a digital wallet)" }).click()]);
  expect(badgeDownload.suggestedFilename()).toBe(`badge-${course.id}.jwt`);
  const badgeFile = (await badgeDownload.path())!;
  expect(fs.readFileSync(badgeFile, "utf8")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  await page.getByRole("link", { name: "Public verification page" }).click();
  await expect(page.getByText("This certificate is valid.")).toBeVisible();
  await expect(page.getByText(name)).toBeVisible();
  // The page checked the signature and the published status list itself, and says so.
  await expect(page.getByRole("listitem").filter({ hasText: "The signature matches" })).toContainText("passed");
  await expect(page.getByRole("listitem").filter({ hasText: "The published status list says it is not revoked" })).toContainText("passed");
  const verifyUrl = page.url();
  const code = verifyUrl.split("/").pop()!;

  // Anyone can check the badge file itself.
  const checkFile = async (p: typeof page) => {
    await p.goto("/verify");
    await p.getByLabel("Badge file").setInputFiles(badgeFile);
    await p.getByRole("button", { name: "Verify" }).click();
  };
  await checkFile(page);
  await expect(page.getByText("This badge is valid.")).toBeVisible();
  await expect(page.getByText(`It says that ${name} earned`)).toBeVisible();

  // The demo administrator revokes it; the public page says so, to anyone.
  const admin = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const ap = await admin.newPage();
  await loginAs(ap, "admin", "/admin/certificates");
  const item = ap.getByRole("listitem").filter({ hasText: code });
  await item.getByLabel("Reason for revoking").fill("Issued in error (test)");
  await item.getByRole("button", { name: "Revoke" }).click();
  await expect(ap.getByText("The certificate is revoked")).toBeVisible();
  await admin.close();

  const visitor = await browser.newContext();
  const vp = await visitor.newPage();
  await vp.goto(verifyUrl);
  await expect(vp.getByText(/This certificate was revoked on/)).toBeVisible();
  await expect(vp.getByRole("listitem").filter({ hasText: "The published status list says it is not revoked" })).toContainText("failed");
  // The badge downloaded before the revocation is now reported revoked, from the status list.
  await checkFile(vp);
  await expect(vp.getByText("This badge was revoked by its issuer.")).toBeVisible();
  await visitor.close();
});

test("the demo graduate has completed the demo course and holds a valid certificate", async ({ page }) => {
  const graduate = DEMO_ACCOUNTS.find((a) => a.email === DEMO_GRADUATE)!;
  await login(page, graduate.email, graduate.password, "/courses/essentials");
  await expect(page.getByText("You have completed this course.")).toBeVisible();
  await page.getByRole("link", { name: "Public verification page" }).click();
  await expect(page.getByText("This certificate is valid.")).toBeVisible();
  await expect(page.getByText(graduate.name)).toBeVisible();
});
