// A throw-away PostgreSQL cluster for the tests and the benchmark (docs/decisions/024): initdb into a
// temporary folder, the server on a free loopback port with its socket in that folder, removed by
// stop(). Durability is switched off (fsync, full_page_writes): nothing in it outlives the run.
//   npx tsx scripts/pg-test-cluster.ts   starts one, prints its URL, stops it on Ctrl-C
import { execFileSync, spawnSync } from "node:child_process";
import { findPostgresBindir } from "../db/postgres-tools";
export { findPostgresBindir };
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface TestCluster {
  /** a superuser's URL to the `postgres` database, e.g. postgres://postgres@127.0.0.1:54012/postgres */
  url: string;
  /** the same server, another database */
  urlFor: (database: string) => string;
  bindir: string;
  stop: () => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = (srv.address() as net.AddressInfo);
      srv.close(() => resolve(port));
    });
  });
}

/** Postgres refuses to run as root: as root, the server runs as the `postgres` user (Debian's package creates it). */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [bin, args];
  return ["runuser", ["-u", "postgres", "--", bin, ...args]];
}

export async function startTestCluster(): Promise<TestCluster> {
  const bindir = findPostgresBindir();
  if (!bindir) throw new Error("initdb not found (install postgresql)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdl-pg-"));
  const data = path.join(dir, "data");
  fs.mkdirSync(data, { mode: 0o700 });
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    fs.chownSync(dir, id("-u"), id("-g"));
    fs.chownSync(data, id("-u"), id("-g"));
  }
  const run = (bin: string, args: string[]) => {
    const [cmd, argv] = asServerUser(path.join(bindir, bin), args);
    const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: dir });
    if (r.status !== 0) throw new Error(`${bin} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  };
  // C collation: text sorts by code point, as SQLite's does, so both engines order alike.
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=400",
    "-c shared_buffers=128MB",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", settings, "-w", "-t", "60", "start"]);
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: urlFor("postgres"), urlFor, bindir, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cluster = await startTestCluster();
  console.log(`PostgreSQL running: ${cluster.url}\nCtrl-C stops it and removes its files.`);
  const end = () => {
    cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", end);
  process.on("SIGTERM", end);
  setInterval(() => {}, 1 << 30);
}
