import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Every run starts on an empty database of its own.
const database = path.join(os.tmpdir(), `cdl-e2e-${process.pid}-${Date.now()}.sqlite`);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 90_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's chromium (apt-get install chromium); Playwright's own browser download is not reachable here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "js-on", use: { javaScriptEnabled: true } },
    { name: "js-off", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    // Demo accounts (the manager's path logs in as the demo manager), then the production server.
    command: "npx tsx scripts/seed-demo.ts && node server.mjs",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    // One worker process per core, each loading the catalogue: slow to start on a busy shared machine.
    timeout: 180_000,
    stdout: "pipe",
    // A lower scrypt cost (2^14 rather than 2^17) keeps dozens of sign-ups and sign-ins from queueing
    // behind one another on a 2-core machine; the hashing code is the same. Every spec registers its
    // own learners from this one address, more than a training room's REGISTRATION_BURST of 20
    // (tests/security/findings.test.ts checks the throttle at its default).
    env: { PORT: String(PORT), DATABASE_URL: `file:${database}`, NODE_ENV: "production", PASSWORD_HASH_COST: "14", REGISTRATION_BURST: "500" },
  },
});
