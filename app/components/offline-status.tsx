import { useEffect, useState } from "react";
import { startOfflineReader, watchOfflineReader, type OfflineState } from "~/offline/worker";
import { useT } from "./i18n";

/** Starts the offline reader on an enhanced page of a signed-in person (root.tsx); shows nothing. */
export function OfflineWorker() {
  useEffect(() => startOfflineReader(), []);
  return null;
}

/**
 * "My learning"'s line about the offline reader: lessons being saved, saved, or marked read on this
 * device and waiting to be sent. Nothing where the browser has no service workers.
 */
export function OfflineStatus() {
  const t = useT();
  const [state, setState] = useState<OfflineState | null>(null);
  useEffect(() => watchOfflineReader(setState), []);
  const lines = [];
  if (state?.pending) lines.push(t("offline.waiting", { count: state.pending }));
  if (state?.total) lines.push(state.saving || state.saved < state.total ? t("offline.saving") : t("offline.ready"));
  return (
    <p role="status" className="meta offline-status">
      {lines.join(" ")}
    </p>
  );
}
