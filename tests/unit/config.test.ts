import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../app/config.server";

const problem = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return null;
};

describe("PUBLIC_URL", () => {
  it("is optional: unset (or empty), addresses keep the request's origin", () => {
    expect(parseConfig({}).PUBLIC_URL).toBeUndefined();
    expect(parseConfig({ PUBLIC_URL: "" }).PUBLIC_URL).toBeUndefined();
  });

  it("keeps an absolute http(s) address as its origin: no trailing slash, lower-case host, no default port", () => {
    expect(parseConfig({ PUBLIC_URL: "https://learn.example.org" }).PUBLIC_URL).toBe("https://learn.example.org");
    expect(parseConfig({ PUBLIC_URL: "https://Learn.Example.ORG/" }).PUBLIC_URL).toBe("https://learn.example.org");
    expect(parseConfig({ PUBLIC_URL: "https://learn.example.org:443" }).PUBLIC_URL).toBe("https://learn.example.org");
    expect(parseConfig({ PUBLIC_URL: "http://localhost:3000" }).PUBLIC_URL).toBe("http://localhost:3000");
  });

  it.each([
    ["learn.example.org", "must be an absolute address such as https://learn.example.org"],
    ["/learn", "must be an absolute address"],
    ["ftp://learn.example.org", "must start with https://"],
    ["javascript:alert(1)", "must start with https://"],
    ["https://learn.example.org/platform", "without a path, query or fragment"],
    ["https://learn.example.org/?utm=x", "without a path, query or fragment"],
    ["https://learn.example.org?", "without a path, query or fragment"],
    ["https://learn.example.org/#top", "without a path, query or fragment"],
    ["https://admin:secret@learn.example.org", "must not contain a user name or password"],
  ])("refuses %s with a clear message naming the variable", (value, message) => {
    const text = problem({ PUBLIC_URL: value });
    expect(text).toContain(`PUBLIC_URL=${JSON.stringify(value)}: `);
    expect(text).toContain(message);
  });
});

describe("BACKUP_DIR", () => {
  it("defaults to data/backups", () => {
    expect(parseConfig({}).BACKUP_DIR).toBe("data/backups");
    expect(parseConfig({ BACKUP_DIR: "/var/backups/cdl" }).BACKUP_DIR).toBe("/var/backups/cdl");
  });
});

describe("DATABASE_URL", () => {
  it("is a SQLite file by default, and for a path or file: URL", () => {
    expect(parseConfig({}).database).toEqual({ engine: "sqlite", path: path.resolve("data/app.sqlite") });
    expect(parseConfig({ DATABASE_URL: "file:/srv/app.sqlite" }).database).toEqual({ engine: "sqlite", path: "/srv/app.sqlite" });
    expect(parseConfig({ DATABASE_URL: "data/x.sqlite" }).database).toEqual({ engine: "sqlite", path: path.resolve("data/x.sqlite") });
    expect(parseConfig({ DATABASE_URL: ":memory:" }).database).toEqual({ engine: "sqlite", path: ":memory:" });
  });

  it("is a PostgreSQL server for postgres:// and postgresql://, kept as given", () => {
    const url = "postgres://cdl:s3cret@db.internal:5432/cyberdiplo";
    expect(parseConfig({ DATABASE_URL: url }).database).toEqual({ engine: "postgres", url });
    expect(parseConfig({ DATABASE_URL: "postgresql://cdl@localhost/cdl" }).database.engine).toBe("postgres");
    expect(parseConfig({ DATABASE_URL: "postgres:///cdl?host=/run/postgresql" }).database.engine).toBe("postgres");
  });

  it("names a Postgres database without its password in messages", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://cdl:s3cret@db.internal:5432/cyberdiplo" }).databasePath).toBe("postgres://cdl:***@db.internal:5432/cyberdiplo");
  });

  it.each([
    ["postgres://cdl@localhost:5432", "must name the database after the host"],
    ["postgres://cdl@localhost:5432/", "must name the database after the host"],
    ["postgres:///cdl", "must name the server"],
    ["postgres://cdl@local host/db", "is not a valid postgres:// URL"],
    ["mysql://cdl@localhost/cdl", "must be a SQLite file (a path or file:path) or a postgres:// URL"],
  ])("refuses %s with a clear message naming the variable", (value, message) => {
    const text = problem({ DATABASE_URL: value });
    expect(text).toContain("DATABASE_URL=");
    expect(text).toContain(message);
  });

  it("never prints the password of a refused URL", () => {
    const text = problem({ DATABASE_URL: "postgres://cdl:s3cret@localhost:5432/" });
    expect(text).toContain("must name the database");
    expect(text).not.toContain("s3cret");
  });
});

describe("REGISTRATION_BURST", () => {
  it("defaults to a room of 20, and takes a larger room as a whole number", () => {
    expect(parseConfig({}).REGISTRATION_BURST).toBe(20);
    expect(parseConfig({ REGISTRATION_BURST: "60" }).REGISTRATION_BURST).toBe(60);
    expect(problem({ REGISTRATION_BURST: "many" })).toContain("REGISTRATION_BURST");
    expect(problem({ REGISTRATION_BURST: "0" })).toContain("must be between 1 and 1000");
  });
});
