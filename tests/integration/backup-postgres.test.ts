// db:backup and db:restore when DATABASE_URL is Postgres (docs/decisions/024): pg_dump and pg_restore.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { backupNow, RestoreRefused } from "../../app/admin/backup.server";
import { backupPostgres, restorePostgres } from "../../app/admin/pg-backup.server";
import { createUser } from "../../app/auth/users.server";
import { parseConfig } from "../../app/config.server";
import { closeRuntime, createRuntime, type Runtime } from "../../app/runtime.server";
import { testEngine } from "../helpers/engine";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdl-pgbackup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database of its own (pg_dump takes a whole database), with a server's runtime open on it. */
async function serverOnNewDatabase(name: string): Promise<{ url: string; rt: Runtime }> {
  const admin = new pg.Client({ connectionString: inject("postgresUrl")! });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = inject("postgresUrl")!.replace(/\/[^/?]*$/, `/${name}`);
  const rt = await createRuntime(parseConfig({ DATABASE_URL: url, COURSES_DIR: "tests/fixtures/courses", NODE_ENV: "test", BACKUP_DIR: path.join(dir, name) }));
  return { url, rt };
}

const person = (rt: Runtime, email: string, role: "learner" | "admin" = "learner") =>
  createUser(rt.db, { name: email, email, password: "a long enough password", locale: "en", role }, 10).then((r) => {
    if (!r.ok) throw new Error(r.reason);
    return r.user;
  });

const emails = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query("select email from users order by email");
  await c.end();
  return r.rows.map((x) => x.email);
};

async function refusal(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof RestoreRefused) return e.reason;
    throw e;
  }
  return "restored";
}

describe.runIf(testEngine === "postgres")("Postgres backups", () => {
  it("dumps while the server runs, refuses to restore until it stops, then puts the dump back and keeps what it replaced", async () => {
    const { url, rt } = await serverOnNewDatabase(`bk_${process.pid}`);
    await person(rt, "before@example.org");
    const dump = path.join(dir, "nightly.dump");
    const result = await backupPostgres(url, dump);
    expect(result).toMatchObject({ integrity: "ok", file: dump });
    expect(result.tables).toBeGreaterThan(15);
    expect(fs.statSync(dump).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${dump}.partial`)).toBe(false);

    await person(rt, "after@example.org");
    expect(await refusal(() => restorePostgres(dump, url))).toBe("server-running");
    expect(await emails(url)).toEqual(["after@example.org", "before@example.org"]);

    await closeRuntime(rt);
    const r = await restorePostgres(dump, url);
    expect(await emails(url)).toEqual(["before@example.org"]);
    expect(r.pending).toEqual([]);
    expect(fs.existsSync(r.previous!)).toBe(true);
    // The restored database serves: a server starts on it, and the dump of what was replaced restores too.
    const again = await createRuntime(parseConfig({ DATABASE_URL: url, COURSES_DIR: "tests/fixtures/courses", NODE_ENV: "test" }));
    await closeRuntime(again);
    await restorePostgres(r.previous!, url);
    expect(await emails(url)).toEqual(["after@example.org", "before@example.org"]);
  });

  it("refuses what is not a dump of this platform, and changes nothing", async () => {
    const { url, rt } = await serverOnNewDatabase(`bk2_${process.pid}`);
    await person(rt, "kept@example.org");
    await closeRuntime(rt);
    const text = path.join(dir, "notes.txt");
    fs.writeFileSync(text, "not a dump");
    expect(await refusal(() => restorePostgres(text, url))).toBe("not-dump");
    expect(await refusal(() => restorePostgres(path.join(dir, "missing.dump"), url))).toBe("missing");
    const truncated = path.join(dir, "truncated.dump");
    await backupPostgres(url, path.join(dir, "whole.dump"));
    fs.writeFileSync(truncated, fs.readFileSync(path.join(dir, "whole.dump")).subarray(0, 200));
    expect(await refusal(() => restorePostgres(truncated, url))).toBe("damaged");
    expect(await emails(url)).toEqual(["kept@example.org"]);
  });

  it("backs up from the admin page's button into BACKUP_DIR and records it", async () => {
    const { rt } = await serverOnNewDatabase(`bk3_${process.pid}`);
    const admin = await person(rt, "admin@example.org", "admin");
    const r = await backupNow(rt, admin);
    expect(r.ok).toBe(true);
    expect(r.file).toMatch(/^bk3_\d+-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.dump$/);
    const rows = await rt.db.selectFrom("backups").select(["integrity", "started_by", "size_bytes"]).execute();
    expect(rows).toEqual([{ integrity: "ok", started_by: "admin", size_bytes: fs.statSync(path.join(dir, `bk3_${process.pid}`, r.file)).size }]);
    await closeRuntime(rt);
  });
});
