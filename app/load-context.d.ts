import "@remix-run/node";
import type { Runtime } from "~/runtime.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    /** the database, catalogue and configuration, from server.mjs (or a test) */
    runtime: Runtime;
    /** a new object for every HTTP request (server.mjs), so its loaders share one session lookup; tests may leave it out */
    perRequest?: object;
  }
}
