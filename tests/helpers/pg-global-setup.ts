// vitest globalSetup of the "postgres" project: one throw-away cluster for the whole run.
import type { TestProject } from "vitest/node";
import { startTestCluster } from "../../scripts/pg-test-cluster";

export default async function setup(project: TestProject) {
  const started = Date.now();
  const cluster = await startTestCluster();
  console.log(`Postgres: throw-away cluster from ${cluster.bindir} at ${cluster.url} (${Date.now() - started} ms)`);
  project.provide("postgresUrl", cluster.url);
  return () => cluster.stop();
}
