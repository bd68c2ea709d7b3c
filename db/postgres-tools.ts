import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Where PostgreSQL's programs (initdb, pg_dump, pg_restore) are: on PATH, where pg_config says, or
 * Debian's /usr/lib/postgresql/<version>/bin (the newest), which Debian keeps off PATH. Null when absent.
 */
export function findPostgresBindir(program = "initdb"): string | null {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) candidates.push(dir);
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian))
    for (const v of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debian, v, "bin"));
  return candidates.find((dir) => fs.existsSync(path.join(dir, program))) ?? null;
}
