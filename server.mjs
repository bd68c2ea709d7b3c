// The production server: Express with compression, security headers (a CSP with a per-request nonce)
// and an origin check on every mutation, in front of the Remix request handler. One worker process per
// core (node:cluster, decision 030): the primary checks the configuration and content, migrates the
// database once, then starts the workers, which share the SQLite database in WAL mode.
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";

// Production unless told otherwise: React's development build is slower, and Express's development
// mode sends stack traces with absolute paths to the browser. Set before React is first imported.
process.env.NODE_ENV ??= "production";

// V8 lets the heap grow to four times what survives a full collection when collecting is cheap, as it
// is here: 53 MB live, 220 MB of heap and 340 MB RSS per worker under load. Growing by 70 % instead
// keeps a worker under 250 MB RSS for a few percent more CPU (decision 039). Every worker runs this.
v8.setFlagsFromString("--heap-growing-percent=70");

const here = path.dirname(fileURLToPath(import.meta.url));
const build = await import(pathToFileURL(path.join(here, "build/index.js")).href);
const { boot, closeRuntime, ConfigError, ContentError, prepare, isAllowedMutation, trustProxySetting, UPLOAD_LIMIT, DRAIN_LIMIT } = build.entry.module;

// WEB_CONCURRENCY: how many worker processes; by default one per core, and one in development (the
// course watcher reloads one process's catalogue).
const concurrency = process.env.WEB_CONCURRENCY ?? (process.env.NODE_ENV === "development" ? "1" : String(os.availableParallelism()));
if (!/^[1-9][0-9]?$/.test(concurrency)) {
  console.error(`WEB_CONCURRENCY must be a number of processes from 1 to 99, not "${concurrency}".`);
  process.exit(1);
}
const WORKERS = Number(concurrency);

async function orExit(start) {
  try {
    return await start();
  } catch (error) {
    // Configuration and content errors are for people: print them plainly, without a stack trace.
    console.error(error instanceof ConfigError || error instanceof ContentError ? error.message : error);
    process.exit(1);
  }
}

/**
 * Checks the configuration and the restore lock and applies the migrations, once, then starts the
 * workers and replaces any that dies after it started serving. A worker that cannot start (bad course
 * content: it has printed why) stops the server. The primary keeps its share of the server lock, so a
 * restore is refused for as long as the server runs.
 */
async function primary() {
  const { serverLock } = await orExit(prepare);
  let stopping = false;
  let listening = 0;
  const started = new Set();
  const start = () => {
    const w = cluster.fork();
    w.once("message", (m) => {
      if (m?.ready) started.add(w.id);
      if (m?.ready && ++listening === WORKERS) announce(m.ready);
    });
  };
  for (let i = 0; i < WORKERS; i++) start();
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    if (!started.has(w.id)) return stop(1);
    console.error(`Worker ${w.process.pid} stopped (${signal ?? code}); starting another.`);
    start();
  });
  function stop(code = 0) {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    const done = () => {
      if (Object.keys(cluster.workers ?? {}).length) return;
      serverLock?.close();
      process.exit(code);
    };
    cluster.on("exit", done);
    done();
    setTimeout(() => process.exit(code), 6000).unref();
  }
  process.on("SIGTERM", () => stop());
  process.on("SIGINT", () => stop());
}

/** What the server prints once every worker listens: what it serves, from where. */
function summary({ config, catalog, warnings }) {
  const lessons = catalog.courses.reduce((n, c) => n + c.lessons.length, 0);
  return [
    `Catalogue: ${catalog.courses.length} course(s), ${lessons} lesson(s)${warnings.length ? `, ${warnings.length} content warning(s) (npm run courses:check)` : ""}.`,
    `Database: ${config.databasePath}`,
    `Listening on http://localhost:${config.PORT}${WORKERS > 1 ? ` (${WORKERS} worker processes)` : ""}`,
  ];
}
const announce = (lines) => console.log(lines.join("\n"));

async function worker() {
  const rt = await orExit(boot);
  const { config } = rt;

  const TOO_LARGE_PAGE = `<!doctype html><meta charset="utf-8"><title>413</title>
<h1 lang="en">The form sent is too large</h1><p lang="en">Nothing was saved. Go back, shorten what you entered or choose a smaller file, and send it again.</p>
<h1 lang="fr">Le formulaire envoyé est trop volumineux</h1><p lang="fr">Rien n'a été enregistré. Revenez en arrière, raccourcissez le texte ou choisissez un fichier plus petit, puis envoyez-le à nouveau.</p>
<h1 lang="es">El formulario enviado es demasiado grande</h1><p lang="es">No se ha guardado nada. Vuelva atrás, acorte el texto o elija un archivo más pequeño y envíelo de nuevo.</p>`;

  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For and -Proto are believed only from the proxies TRUST_PROXY names (req.ip, req.protocol).
  app.set("trust proxy", trustProxySetting(config.TRUST_PROXY));

  // A body that says it is larger than any form of ours is refused before a byte of it is read;
  // bodies of unknown length are counted as they are read (app/lib/request.server.ts).
  app.use((req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (!(declared > UPLOAD_LIMIT)) return next();
    // Discarded as it arrives, so a browser still uploading can read the answer; past DRAIN_LIMIT
    // the connection is cut instead of spending more bandwidth on it.
    if (declared > DRAIN_LIMIT) return req.destroy();
    req.on("end", () => res.status(413).set("Connection", "close").type("html").send(TOO_LARGE_PAGE));
    req.resume();
  });

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
          // The offline reader's service worker, /sw.js (docs/decisions/034-offline-reading.md).
          "worker-src": ["'self'"],
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
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()");
    next();
  });

  app.use((req, res, next) => {
    const allowed = isAllowedMutation({
      method: req.method,
      protocol: req.protocol,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers["sec-fetch-site"],
    });
    if (allowed) return next();
    res.status(403).type("text/plain").send("Cross-origin request refused.");
  });

  // Fingerprinted build assets can be cached for good; everything else in public/ briefly. Both are sent
  // pre-compressed when the build made a copy (scripts/precompress.mjs).
  // Only an address that ends in a file name can be a file: pages skip the file lookups (a stat each).
  app.use(filesOnly(precompressed(path.join(here, "public"))));
  app.use("/build", express.static(path.join(here, "public/build"), { immutable: true, maxAge: "1y", setHeaders: typeOfOriginal }));
  app.use(filesOnly(express.static(path.join(here, "public"), { maxAge: "1h", setHeaders: publicHeaders })));

  // No address of ours has a backslash. URL parsers read "/\" as "//", the start of another host's
  // address, and React Router's server rendering throws on it ("Invalid URL") once the catch-all
  // route (app/routes/$.tsx) matches it: refused like malformed percent-encoding, before Remix.
  app.use((req, res, next) => (/\\|%5c/i.test(req.path) ? invalidAddress(res) : next()));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: config.NODE_ENV,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown", runtime: rt, perRequest: {} }),
    }),
  );

  // A path that is not valid percent-encoding (/courses/%zz) fails in Express's router before Remix:
  // a 400 like any other bad input, without a stack trace in the log.
  app.use((err, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof URIError || err?.status === 400) return invalidAddress(res);
    console.error(err);
    res.status(500).type("text/plain").send("Something went wrong. The problem has been logged.");
  });

  const server = app.listen(config.PORT, () => {
    if (cluster.isPrimary) announce(summary(rt));
    else process.send({ ready: summary(rt) });
  });

  function shutdown() {
    server.close(() => {
      closeRuntime(rt).finally(() => process.exit(0));
    });
    // Keep-alive connections would hold close() open: idle ones go now, busy ones when they finish.
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 5000).unref();
  }
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // A worker whose primary is gone stops too, rather than serving on alone.
  if (cluster.isWorker) process.on("disconnect", shutdown);
}

/** Runs `middleware` only for an address that ends in a file name; pages go straight on. */
function filesOnly(middleware) {
  return (req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? middleware(req, res, next) : next());
}

/** A 400 for an address that cannot be one of ours, without a stack trace in the log. */
function invalidAddress(res) {
  res.status(400).type("text/plain").send("The address is not valid.");
}

/**
 * Sends `<file>.br` or `<file>.gz`, made at build time, to a browser that accepts it. Which files have
 * copies is read once at start-up, so a request costs a Set lookup.
 */
function precompressed(dir) {
  const copies = new Set();
  const walk = (d) => {
    for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.(br|gz)$/.test(e.name)) copies.add("/" + path.relative(dir, f).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !copies.has(`${req.path}.br`)) return next();
    res.setHeader("Vary", "Accept-Encoding");
    const accepted = String(req.headers["accept-encoding"] ?? "");
    const [encoding, ext] = /\bbr\b/.test(accepted) ? ["br", ".br"] : /\bgzip\b/.test(accepted) ? ["gzip", ".gz"] : [null, null];
    if (!encoding || !copies.has(`${req.path}${ext}`)) return next();
    res.setHeader("Content-Encoding", encoding);
    req.url = req.url.replace(/^[^?]*/, (p) => p + ext);
    next();
  };
}

const TYPES = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json", ".map": "application/json", ".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8" };
/** A pre-compressed copy keeps the type of the file it is a copy of. */
function typeOfOriginal(res, file) {
  const m = /(\.[a-z]+)\.(br|gz)$/.exec(file);
  if (m && TYPES[m[1]]) res.setHeader("Content-Type", TYPES[m[1]]);
}

/** The rest of public/: the service worker is checked for a new version on every registration. */
function publicHeaders(res, file) {
  typeOfOriginal(res, file);
  if (/[\\/]sw\.js(\.br|\.gz)?$/.test(file)) res.setHeader("Cache-Control", "no-cache");
}

if (cluster.isPrimary && WORKERS > 1) await primary();
else await worker();
