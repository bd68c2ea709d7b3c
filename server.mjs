// The production server: Express with compression, security headers (a CSP with a per-request nonce)
// and an origin check on every mutation, in front of the Remix request handler.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";

const here = path.dirname(fileURLToPath(import.meta.url));
const build = await import(pathToFileURL(path.join(here, "build/index.js")).href);
const { boot, isAllowedMutation } = build.entry.module;

let rt;
try {
  rt = await boot();
} catch (error) {
  // Configuration and content errors are for people: print them plainly, without a stack trace.
  console.error(error instanceof Error && /^(Invalid environment|The course content)/.test(error.message) ? error.message : error);
  process.exit(1);
}
const { config, catalog, warnings } = rt;

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use((req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
  }),
);

app.use((req, res, next) => {
  const allowed = isAllowedMutation({
    method: req.method,
    host: req.headers.host,
    origin: req.headers.origin,
    secFetchSite: req.headers["sec-fetch-site"],
  });
  if (allowed) return next();
  res.status(403).type("text/plain").send("Cross-origin request refused.");
});

// Fingerprinted build assets can be cached for good; everything else in public/ briefly.
app.use("/build", express.static(path.join(here, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(here, "public"), { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: config.NODE_ENV,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
  }),
);

const server = app.listen(config.PORT, () => {
  const lessons = catalog.courses.reduce((n, c) => n + c.lessons.length, 0);
  console.log(`Catalogue: ${catalog.courses.length} course(s), ${lessons} lesson(s)${warnings.length ? `, ${warnings.length} content warning(s) (npm run courses:check)` : ""}.`);
  console.log(`Database: ${config.databasePath}`);
  console.log(`Listening on http://localhost:${config.PORT}`);
});

function shutdown() {
  server.close(() => {
    rt.sqlite.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
