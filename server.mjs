// The production server: Express with compression, security headers (a CSP with a per-request nonce)
// and an origin check on every mutation, in front of the Remix request handler.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";

// Production unless told otherwise: React's development build is slower, and Express's development
// mode sends stack traces with absolute paths to the browser. Set before React is first imported.
process.env.NODE_ENV ??= "production";

const here = path.dirname(fileURLToPath(import.meta.url));
const build = await import(pathToFileURL(path.join(here, "build/index.js")).href);
const { boot, closeRuntime, ConfigError, ContentError, isAllowedMutation, trustProxySetting, UPLOAD_LIMIT, DRAIN_LIMIT } = build.entry.module;

let rt;
try {
  rt = await boot();
} catch (error) {
  // Configuration and content errors are for people: print them plainly, without a stack trace.
  console.error(error instanceof ConfigError || error instanceof ContentError ? error.message : error);
  process.exit(1);
}
const { config, catalog, warnings } = rt;

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

// Fingerprinted build assets can be cached for good; everything else in public/ briefly.
app.use("/build", express.static(path.join(here, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(here, "public"), { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: config.NODE_ENV,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown", runtime: rt }),
  }),
);

// A path that is not valid percent-encoding (/courses/%zz) fails in Express's router before Remix:
// a 400 like any other bad input, without a stack trace in the log.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof URIError || err?.status === 400) return res.status(400).type("text/plain").send("The address is not valid.");
  console.error(err);
  res.status(500).type("text/plain").send("Something went wrong. The problem has been logged.");
});

const server = app.listen(config.PORT, () => {
  const lessons = catalog.courses.reduce((n, c) => n + c.lessons.length, 0);
  console.log(`Catalogue: ${catalog.courses.length} course(s), ${lessons} lesson(s)${warnings.length ? `, ${warnings.length} content warning(s) (npm run courses:check)` : ""}.`);
  console.log(`Database: ${config.databasePath}`);
  console.log(`Listening on http://localhost:${config.PORT}`);
});

function shutdown() {
  server.close(() => {
    closeRuntime(rt).finally(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
