// The offline reader (docs/decisions/034-offline-reading.md): keeps the reading pages (course page,
// glossary, lessons) of the courses the signed-in learner is enrolled in, and the assets they use, so
// they open without a connection; queues "Mark as read" made offline and sends it when the link returns.
//
// - Whose pages: every page of the site says whose it is in X-Offline-User (a digest of the user's id,
//   or "anonymous"). Saved pages live in a cache named by that key; when a page says someone else, or
//   nobody, is signed in, every other person's saved pages are deleted. Pages are served from the cache
//   only to the person they were saved for, and only when the network fails.
// - What: only GET navigations of the pages the learner's own list names (/offline/manifest.json),
//   whose answer says it is theirs; and the stylesheet, icon and images those pages use. Never a
//   POST's answer, a staff page, or any other page: signed-in pages are sent with Cache-Control:
//   no-store, and the listed reading pages are the one deliberate exception, per person.
// - Sync: "Mark as read" posted without a connection is kept in IndexedDB (one entry per person and
//   lesson: pressing twice queues once) and posted to /offline/sync with the key it was saved under;
//   the server records it for that person only, and marking read twice counts once. It is sent on
//   the next successful request, when an enhanced page says the link is back ("online"), by
//   Background Sync where the browser has it, and before signing out.
"use strict";

const VERSION = "v1";
const PREFIX = "cdl-offline-";
const ASSETS = `${PREFIX}${VERSION}-assets`;
const PAGES = `${PREFIX}${VERSION}-pages-`;
const MANIFEST_URL = "/offline/manifest.json";
const SYNC_URL = "/offline/sync";
const SYNC_TAG = "cdl-offline-sync";
const USER_HEADER = "X-Offline-User";
const SIGNED_OUT = "anonymous";
const SAVED_HEADER = "X-Offline-Saved";
const VERSION_HEADER = "X-Offline-Version";
const LESSON = /^\/courses\/[a-z0-9-]+\/lessons\/[a-z0-9-]+$/;
/** Staff, manager and admin pages: never kept, never answered for. */
const STAFF = /^\/(admin|manage|teach)(\/|$)/;
const AUTOSAVE = /^\/courses\/[a-z0-9-]+\/exercises\/[a-z0-9-]+\/autosave$/;
/** Answers that change what the list holds: enrolling, the language, signing in, joining a cohort. */
const LIST_CHANGES = /^\/(courses\/[a-z0-9-]+|language|login|register|join\/[^/]+|invitations\/[^/]+)$/;
const ASSET = /^\/(build\/.+|favicon\.(svg|ico))$/;
const ASSET_IN_PAGE = /<(?:link|img)\b[^>]*?\s(?:href|src)="(\/[^"?#]*)"/g;
const ASSET_TYPES = /\.(css|svg|ico|png|jpe?g|gif|webp|woff2?)$/;
const MANIFEST_MAX_AGE = 5 * 60 * 1000;
/** A saved copy is shown when the network takes longer than this; the page is still saved when it comes. */
const NAVIGATION_TIMEOUT = 6000;
const POST_TIMEOUT = 10000;
const SYNC_TIMEOUT = 5000;
const BATCH = 100;

// IndexedDB: "meta" holds the state (whose pages, their list), "queue" the lessons marked read offline.

let dbPromise = null;
function db() {
  dbPromise ??= new Promise((resolve, reject) => {
    const open = indexedDB.open("cdl-offline", 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore("meta");
      open.result.createObjectStore("queue", { keyPath: "id" });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  return dbPromise;
}

async function store(name, mode, run) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction(name, mode);
    const req = run(tx.objectStore(name));
    tx.oncomplete = () => resolve(req?.result);
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

let statePromise = null;
/** { key: whose pages (null: nobody signed in), manifest: their list, fetchedAt, stylesheet } */
function state() {
  statePromise ??= store("meta", "readonly", (s) => s.get("state")).then((v) => v ?? { key: null, manifest: null, fetchedAt: 0, stylesheet: null });
  return statePromise;
}
async function saveState(s) {
  await store("meta", "readwrite", (st) => st.put(s, "state"));
}

const queued = () => store("queue", "readonly", (s) => s.getAll());
async function pendingFor(key) {
  return key ? (await queued()).filter((e) => e.key === key) : [];
}

// Helpers

const withTimeout = (promise, ms) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
const escapeHtml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const isHtml = (res) => (res.headers.get("Content-Type") ?? "").startsWith("text/html");
const later = (event, promise) => event.waitUntil(promise.catch(() => undefined));

function pagesOf(manifest) {
  const pages = new Map();
  for (const course of manifest?.courses ?? []) {
    pages.set(course.path, course);
    if (course.glossary) pages.set(course.glossary, course);
    for (const lesson of course.lessons) pages.set(lesson.path, course);
  }
  return pages;
}

/** A copy of `res` with `body` and `extra` headers; the body is decoded already, so no encoding or length. */
function rebuilt(res, body, extra = {}) {
  const headers = new Headers(res.headers);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

// Whose pages

/** Follows who is signed in: another person, or nobody, and every other person's saved pages go. */
async function noteUser(key, { refresh: andRefresh = true } = {}) {
  const s = await state();
  const next = key === SIGNED_OUT ? null : key;
  if (s.key === next) return false;
  // Whose pages these are changes first, so that nothing of the previous person is kept from now on.
  s.key = next;
  s.manifest = null;
  s.fetchedAt = 0;
  for (const name of await caches.keys()) if (name.startsWith(PAGES) && name !== PAGES + next) await caches.delete(name);
  await saveState(s);
  if (next && andRefresh) refresh(true).catch(() => undefined);
  await broadcast();
  return true;
}

/** The user a page's answer names, if it names one; true when that changed whose pages are kept. */
async function noteResponse(res) {
  const who = res.type === "basic" ? res.headers.get(USER_HEADER) : null;
  return who ? noteUser(who) : false;
}

// The list, and saving what it names

/**
 * Runs `job` alone: a call while it runs asks for one more run after it (a forced list refresh while
 * an unforced one is under way, a new list while pages are being saved), rather than being lost.
 */
function single(job) {
  let running = null;
  let again = null;
  const run = (arg) => {
    if (running) {
      again = again === null ? arg : again || arg;
      return running;
    }
    running = (async () => {
      let next = arg;
      for (;;) {
        await job(next);
        if (again === null) break;
        next = again;
        again = null;
      }
    })().finally(() => (running = null));
    return running;
  };
  run.busy = () => running !== null;
  return run;
}

/** Asks for the person's list (unless it is fresh), then sends what waits and saves what it names. */
const refresh = single(async (force) => {
  const s = await state();
  if (!force && s.manifest && Date.now() - s.fetchedAt < MANIFEST_MAX_AGE) return;
  const res = await fetch(MANIFEST_URL, { credentials: "same-origin", redirect: "manual", cache: "no-store", headers: { Accept: "application/json" } });
  // The guard sends a signed-out visitor to the login page.
  if (res.type === "opaqueredirect") return void (await noteUser(SIGNED_OUT));
  if (!res.ok) return;
  const manifest = await res.json();
  await noteUser(manifest.key, { refresh: false });
  const now = await state();
  now.manifest = manifest;
  now.fetchedAt = Date.now();
  await saveState(now);
  await replay().catch(() => undefined);
  await saveAll();
});

/** Keeps `res` as the saved copy of `path` if it is the page of the person whose pages these are. */
async function keep(s, path, res) {
  if (!s.key || res.type !== "basic" || res.status !== 200 || res.redirected || !isHtml(res)) return false;
  const key = s.key;
  if (res.headers.get(USER_HEADER) !== key) return false;
  const html = await res.text();
  if (s.key !== key) return false; // someone else signed in while it came
  const cache = await caches.open(PAGES + key);
  await cache.put(path, rebuilt(res, html, { [SAVED_HEADER]: String(Date.now()), [VERSION_HEADER]: s.manifest?.version ?? "" }));
  await keepAssets(s, html);
  return true;
}

/** The stylesheet, icon and images a saved page uses, in the cache every person's pages share. */
async function keepAssets(s, html) {
  const cache = await caches.open(ASSETS);
  for (const [, path] of html.matchAll(ASSET_IN_PAGE)) {
    if (!ASSET_TYPES.test(path)) continue;
    if (path.endsWith(".css") && path.startsWith("/build/") && s.stylesheet !== path) {
      s.stylesheet = path;
      await saveState(s);
    }
    if (await cache.match(path)) continue;
    try {
      const res = await fetch(path, { credentials: "same-origin" });
      if (res.ok && res.type === "basic" && !/no-store/.test(res.headers.get("Cache-Control") ?? "")) await cache.put(path, res);
    } catch {
      return;
    }
  }
}

/** Saves every listed page not saved yet (or saved for an older list), one at a time: gentle on a slow link. */
const saveAll = single(async () => {
  try {
    const s = await state();
    const key = s.key;
    if (!key || !s.manifest) return;
    const cache = await caches.open(PAGES + key);
    const listed = pagesOf(s.manifest);
    const saved = new Map((await cache.keys()).map((r) => [new URL(r.url).pathname, r]));
    for (const [path, req] of saved) if (!listed.has(path)) await cache.delete(req);
    // With Save-Data on, only the pages read are kept (and kept up to date).
    const saveData = self.navigator.connection?.saveData === true;
    const todo = [];
    for (const path of listed.keys()) {
      const hit = await cache.match(path);
      if (hit ? hit.headers.get(VERSION_HEADER) !== s.manifest.version : !saveData) todo.push(path);
    }
    if (!todo.length) return;
    await broadcast(true);
    for (const path of todo) {
      const now = await state();
      if (now.key !== key) break;
      let res;
      try {
        res = await fetch(path, { credentials: "same-origin", redirect: "manual", headers: { Purpose: "prefetch" } });
      } catch {
        break; // offline again: the rest waits for the next time
      }
      if (res.type === "opaqueredirect") break; // signed out, or no longer enrolled
      await keep(now, path, res);
    }
  } finally {
    await broadcast(false).catch(() => undefined);
  }
});

// Sending what waits

let replaying = null;
/** Sends the signed-in person's queue; rejects when the network fails (Background Sync then retries). */
function replay() {
  replaying ??= (async () => {
    const s = await state();
    const mine = await pendingFor(s.key);
    const touched = new Set();
    for (let i = 0; i < mine.length; i += BATCH) {
      const batch = mine.slice(i, i + BATCH);
      const body = new URLSearchParams({ key: s.key });
      for (const e of batch) body.append("read", `${e.courseId}/${e.lessonId}`);
      const res = await fetch(SYNC_URL, { method: "POST", body, credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" } });
      if (res.type === "opaqueredirect") return void (await noteUser(SIGNED_OUT)); // signed out: the queue waits for its owner
      if (res.status === 409) return void refresh(true).catch(() => undefined); // someone else is signed in now
      if (!res.ok) throw new Error(`sync answered ${res.status}`);
      const { done, refused } = await res.json();
      await store("queue", "readwrite", (q) => {
        for (const item of [...done, ...refused]) q.delete(`${s.key}|${item.replace("/", "|")}`);
      });
      for (const item of done) touched.add(item);
    }
    if (!mine.length) return;
    await broadcast();
    // The saved copies of the lessons sent, and of their courses' pages, say "read" now.
    const paths = new Set();
    for (const item of touched) {
      const [courseId, lessonId] = item.split("/");
      paths.add(`/courses/${courseId}/lessons/${lessonId}`).add(`/courses/${courseId}`);
    }
    for (const path of paths) {
      try {
        await keep(await state(), path, await fetch(path, { credentials: "same-origin", redirect: "manual", headers: { Purpose: "prefetch" } }));
      } catch {
        break;
      }
    }
  })().finally(() => (replaying = null));
  return replaying;
}

/** "The next successful request": anything waiting goes now. */
async function sendWaiting() {
  const s = await state();
  if ((await pendingFor(s.key)).length) await replay();
}

// What the pages are told

async function broadcast(busy = saveAll.busy()) {
  const s = await state();
  const listed = pagesOf(s.manifest);
  let saved = 0;
  if (s.key) {
    const cache = await caches.open(PAGES + s.key);
    for (const req of await cache.keys()) if (listed.has(new URL(req.url).pathname)) saved++;
  }
  const message = { type: "offline-status", state: { saving: busy, saved, total: listed.size, pending: (await pendingFor(s.key)).length } };
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) client.postMessage(message);
}

// Pages the worker writes

const text = (s, key) => s.manifest?.text?.[key] ?? "";

function formatDate(s, ms) {
  try {
    return new Intl.DateTimeFormat(s.manifest?.locale ?? "en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  }
}

/** The lessons waiting to be sent, named in their course's language. */
async function pendingNote(s) {
  const mine = await pendingFor(s.key);
  if (!mine.length) return "";
  const items = mine.map((e) => {
    const course = s.manifest?.courses.find((c) => c.id === e.courseId);
    const lesson = course?.lessons.find((l) => l.id === e.lessonId);
    return `<li${course ? ` lang="${escapeHtml(course.lang)}" dir="${escapeHtml(course.dir)}"` : ""}>${escapeHtml(lesson?.title ?? e.lessonId)}</li>`;
  });
  return `<div class="alert alert-ok offline-pending" role="status">${escapeHtml(text(s, "offline.pending"))}<ul>${items.join("")}</ul></div>`;
}

/**
 * A page with the worker's notes at the top of its main content: that it is the saved copy (`copy`:
 * "offline", or "slow" when the network took too long), and what waits to be sent.
 */
async function annotated(res, s, copy) {
  const pending = await pendingNote(s);
  if ((!copy && !pending) || !isHtml(res)) return res;
  const saved = formatDate(s, Number(res.headers.get(SAVED_HEADER) ?? Date.now()));
  const note = copy ? text(s, copy === "slow" ? "offline.slowCopy" : "offline.savedCopy").replace("{date}", saved) : "";
  const notes = (copy ? `<p class="alert offline-copy" role="status">${escapeHtml(note)}</p>` : "") + pending;
  const html = (await res.text()).replace(/<main\b[^>]*>/, (main) => main + notes);
  return rebuilt(res, html);
}

/** "You are offline": why this page cannot open, what waits, and every saved lesson to read instead. */
async function offlinePage(s, why) {
  // Without the person's list there is nothing to say in their language, nor to offer: the browser's own page.
  if (!s.key || !s.manifest) return Response.error();
  const courses = s.manifest.courses;
  const list = courses
    .map((c) => {
      const lessons = c.lessons.map((l) => `<li><a href="${escapeHtml(l.path)}">${escapeHtml(l.title)}</a></li>`).join("");
      return `<li lang="${escapeHtml(c.lang)}" dir="${escapeHtml(c.dir)}"><a href="${escapeHtml(c.path)}">${escapeHtml(c.title)}</a><ol class="lessons">${lessons}</ol></li>`;
    })
    .join("");
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(s.manifest.lang)}" dir="${escapeHtml(s.manifest.dir)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text(s, "offline.title"))} · ${escapeHtml(text(s, "app.name"))}</title>${s.stylesheet ? `<link rel="stylesheet" href="${escapeHtml(s.stylesheet)}">` : ""}</head>
<body><main id="main"><h1>${escapeHtml(text(s, "offline.title"))}</h1>
<p>${escapeHtml(text(s, why === "post" ? "offline.needsConnection" : "offline.notSaved"))}</p>${await pendingNote(s)}
${list ? `<h2>${escapeHtml(text(s, "offline.savedList"))}</h2><ul class="modules">${list}</ul>` : ""}</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    },
  });
}

// Answering requests

async function navigate(event) {
  const req = event.request;
  const url = new URL(req.url);
  // What waits goes first, so the page that comes back shows it recorded.
  if ((await pendingFor((await state()).key)).length) await withTimeout(replay(), SYNC_TIMEOUT).catch(() => undefined);
  const s = await state();
  const listed = s.key && url.search === "" && pagesOf(s.manifest).has(url.pathname);
  const copy = listed ? await (await caches.open(PAGES + s.key)).match(url.pathname) : undefined;
  const network = fetch(req).then(async (res) => {
    const changed = await noteResponse(res);
    const now = await state();
    if (listed && !changed && now.key === s.key) await keep(now, url.pathname, res.clone());
    if (now.key && (!now.manifest || Date.now() - now.fetchedAt > MANIFEST_MAX_AGE)) refresh(false).catch(() => undefined);
    return res;
  });
  later(event, network.then(sendWaiting));
  try {
    const res = copy ? await withTimeout(network, NAVIGATION_TIMEOUT) : await network;
    // Only reading pages (no scripts) get notes written into them: an enhanced page would not hydrate.
    return listed ? annotated(res, await state(), null) : res;
  } catch (error) {
    const now = await state();
    if (copy && now.key === s.key) return annotated(copy, now, error?.message === "timeout" ? "slow" : "offline");
    if (now.key) return offlinePage(now, "page");
    return Response.error();
  }
}

/** "Mark as read": sent if the network answers; kept to send later, and reading goes on, if it does not. */
async function markRead(event) {
  const req = event.request;
  const body = await req.clone().text();
  try {
    const res = await withTimeout(fetch(req), POST_TIMEOUT);
    later(event, sendWaiting());
    return res;
  } catch {
    const s = await state();
    const [, , courseId, , lessonId] = new URL(req.url).pathname.split("/");
    const lesson = s.manifest?.courses.find((c) => c.id === courseId)?.lessons.find((l) => l.id === lessonId);
    if (!s.key || !lesson || new URLSearchParams(body).get("intent") !== "complete") return offlinePage(s, "post");
    await store("queue", "readwrite", (q) => q.put({ id: `${s.key}|${courseId}|${lessonId}`, key: s.key, courseId, lessonId, at: Date.now() }));
    try {
      await self.registration.sync?.register(SYNC_TAG);
    } catch {
      // no Background Sync here: the other triggers send it
    }
    later(event, broadcast());
    return Response.redirect(new URL(lesson.next, self.location.origin).href, 303);
  }
}

/** Signing out: what waits is sent while the session lives, then the person's saved pages go. */
async function signOut(event) {
  await withTimeout(replay(), SYNC_TIMEOUT).catch(() => undefined);
  try {
    const res = await fetch(event.request);
    await noteUser(SIGNED_OUT);
    return res;
  } catch {
    return event.request.mode === "navigate" ? offlinePage(await state(), "post") : Response.error();
  }
}

/** A form that changes the list (enrolling, the language, signing in): the list is asked for again. */
async function listChange(event) {
  try {
    const res = await fetch(event.request);
    later(event, noteResponse(res).then(() => refresh(true)));
    return res;
  } catch {
    return event.request.mode === "navigate" ? offlinePage(await state(), "post") : Response.error();
  }
}

/** Fingerprinted build files from the cache first; the icon from the network first. */
async function asset(event) {
  const req = event.request;
  const path = new URL(req.url).pathname;
  const cache = await caches.open(ASSETS);
  if (path.startsWith("/build/")) return (await cache.match(path)) ?? fetch(req);
  try {
    return await fetch(req);
  } catch {
    return (await cache.match(path)) ?? Response.error();
  }
}

/** An enhanced page's data request: passed on; its answer says who is signed in. */
async function data(event) {
  const res = await fetch(event.request);
  later(event, noteResponse(res).then(sendWaiting));
  return res;
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || STAFF.test(url.pathname) || url.pathname === SYNC_URL || url.pathname === MANIFEST_URL) return;
  if (req.method === "POST") {
    // A drafting page's last words go as a beacon on pagehide. Left to the browser, a beacon from a
    // page this worker controls was lost when the next page loaded (tests/e2e/details.spec.ts, 2 runs
    // in 3); sent by the worker, the event keeps it alive until the server has it.
    if (AUTOSAVE.test(url.pathname)) event.respondWith(fetch(req));
    else if (req.mode === "navigate" && LESSON.test(url.pathname)) event.respondWith(markRead(event));
    else if (url.pathname === "/logout") event.respondWith(signOut(event));
    else if (LIST_CHANGES.test(url.pathname)) event.respondWith(listChange(event));
    return;
  }
  if (req.method !== "GET") return;
  if (req.mode === "navigate") event.respondWith(navigate(event));
  else if (ASSET.test(url.pathname)) event.respondWith(asset(event));
  else if (url.searchParams.has("_data")) event.respondWith(data(event));
});

self.addEventListener("message", (event) => {
  const type = event.data?.type;
  if (type === "hello") later(event, refresh(false).then(sendWaiting).finally(() => broadcast()));
  else if (type === "online") later(event, sendWaiting().then(() => refresh(false)).finally(() => broadcast()));
  else if (type === "status") later(event, broadcast());
});

self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(sendWaiting());
});

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${VERSION}-`)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});
