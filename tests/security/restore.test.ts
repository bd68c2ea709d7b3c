// db:restore against the real server (server.mjs over the build): refused while it runs, done once it
// has stopped (docs/decisions/018).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase, RestoreRefused, restoreDatabase } from "../../app/admin/backup.server";
import { startApp } from "./app";

describe("db:restore and a running server", () => {
  it("refuses while server.mjs runs on the database, and restores once it has stopped", async () => {
    const app = await startApp();
    const backups = fs.mkdtempSync(path.join(path.dirname(app.file), "restore-"));
    const backup = (await backupDatabase(app.sqlite, path.join(backups, "before.sqlite"))).file;
    app.sqlite.prepare("INSERT INTO users (id, email, name, password_hash, role, locale, created_at) VALUES ('after', 'after@example.org', 'After', 'x', 'learner', 'en', 0)").run();
    // The test's own connection is closed first: what refuses is the server alone.
    app.sqlite.close();

    let refused: unknown;
    try {
      restoreDatabase(backup, app.file);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(RestoreRefused);
    expect((refused as RestoreRefused).reason).toBe("server-running");
    expect((refused as RestoreRefused).message).toMatch(/A server is running on .*Stop it first/);
    // Undisturbed (a request without keep-alive, so that stopping the server need not wait for it).
    expect(await new Promise((resolve) => http.get(`${app.url}/healthz`, { agent: false }, (res) => resolve(res.resume().statusCode)))).toBe(200);

    await app.stop({ keepFiles: true });
    const r = restoreDatabase(backup, app.file);
    expect(r.previous).toBe(`${app.file}.before-restore`);
    const count = (file: string) => {
      const db = new SQLite(file, { readonly: true });
      try {
        return (db.prepare("SELECT count(*) AS n FROM users WHERE id = 'after'").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(count(app.file)).toBe(0);
    expect(count(r.previous!)).toBe(1);
    fs.rmSync(path.dirname(app.file), { recursive: true, force: true });
  }, 60_000);
});
