// The page's side of the offline reader (decision 034): registers the service worker (public/sw.js)
// from the enhanced pages — reading pages ship no script, and the worker, once registered, controls
// them too — tells it when the link returns, and passes on what it reports. Runs in the browser only,
// from effects.

/** What the worker reports: pages saved of those listed, saving under way, lessons waiting to be sent. */
export interface OfflineState {
  saving: boolean;
  saved: number;
  total: number;
  pending: number;
}

const WORKER = "/sw.js";
let started = false;

function tell(type: "hello" | "online" | "status") {
  navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage({ type })).catch(() => undefined);
}

/** Registers the worker once per page load, and has it send what waits whenever the link returns. */
export function startOfflineReader(): void {
  if (started || typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  started = true;
  navigator.serviceWorker
    .register(WORKER)
    .then(() => tell("hello"))
    .catch(() => undefined);
  window.addEventListener("online", () => tell("online"));
}

/** Calls `listener` with each report of the worker; returns the unsubscribe. */
export function watchOfflineReader(listener: (state: OfflineState) => void): () => void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return () => undefined;
  const onMessage = (e: MessageEvent) => {
    if (e.data?.type === "offline-status") listener(e.data.state as OfflineState);
  };
  navigator.serviceWorker.addEventListener("message", onMessage);
  navigator.serviceWorker.startMessages();
  tell("status");
  return () => navigator.serviceWorker.removeEventListener("message", onMessage);
}
