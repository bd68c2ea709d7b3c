import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { DraftAnswers } from "~/learning/drafting";
import { intlLocale } from "~/i18n";
import { useLang, useT } from "./i18n";
import { TableScroll } from "./table-scroll";

export interface PromptView {
  id: string;
  kind: "text" | "table";
  label: string;
  help: string | null;
  columns: string[];
  rows: number;
}

/**
 * The drafting form. Without JavaScript it is a plain form with Save and Submit buttons; with it,
 * the draft also saves itself: a moment after the learner stops typing, when they leave a field, and
 * when they leave the page (a link within the app unmounts the form; closing, reloading or going
 * elsewhere fires pagehide; switching apps on a phone hides the page, which may then be killed
 * without another event). The last two cannot wait for an answer, so they go as a beacon.
 */
export function ExerciseForm({ prompts, answers, locked, empty, saveTo }: { prompts: PromptView[]; answers: DraftAnswers; locked: boolean; empty: string[]; saveTo: string }) {
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state === "submitting";
  const autosave = useFetcher<{ savedAt?: number | null }>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // Typed since the last save: only then is anything sent.
  const dirty = useRef(false);
  const formData = () => {
    if (!formRef.current) return null;
    const data = new FormData(formRef.current);
    data.set("intent", "save");
    return data;
  };
  const save = () => {
    clearTimeout(timer.current);
    const data = dirty.current ? formData() : null;
    if (!data) return;
    dirty.current = false;
    autosave.submit(data, { method: "post", action: saveTo });
  };
  // Kept in a ref so the listeners below, registered once, always send to the current page.
  const beacon = useRef(() => {});
  beacon.current = () => {
    clearTimeout(timer.current);
    const data = dirty.current ? formData() : null;
    if (!data) return;
    dirty.current = false;
    // Form-encoded, as the page's own form sends it; the beacon carries the session cookie and an Origin header.
    const body = new URLSearchParams(data as unknown as Record<string, string>);
    if (!navigator.sendBeacon?.(saveTo, body)) void fetch(saveTo, { method: "POST", body, keepalive: true, credentials: "same-origin" });
  };
  useEffect(() => {
    const leave = () => beacon.current();
    const hidden = () => {
      if (document.visibilityState === "hidden") beacon.current();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      // Unmounted by a navigation within the app: what was typed since the last save goes now.
      beacon.current();
    };
  }, []);
  const onInput = () => {
    if (locked) return;
    dirty.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(save, 1500);
  };
  const savedAt = autosave.data?.savedAt;
  return (
    <Form method="post" ref={formRef} onInput={onInput} onBlur={save} className="exercise" noValidate>
      {prompts.map((p) => {
        const missing = empty.includes(p.id);
        const describedBy = [p.help ? `${p.id}-help` : null, missing ? `${p.id}-error` : null].filter(Boolean).join(" ") || undefined;
        const value = answers[p.id];
        return (
          <div key={p.id} className={missing ? "field field-error" : "field"}>
            {p.kind === "text" ? (
              <label htmlFor={`p.${p.id}`}>{p.label}</label>
            ) : (
              <p className="label" id={`${p.id}-label`}>
                {p.label}
              </p>
            )}
            {p.help ? (
              <p id={`${p.id}-help`} className="hint">
                {p.help}
              </p>
            ) : null}
            {missing ? (
              <p id={`${p.id}-error`} className="error-text">
                {t("exercise.empty")}
              </p>
            ) : null}
            {p.kind === "text" ? (
              <textarea id={`p.${p.id}`} name={`p.${p.id}`} dir="auto" rows={8} defaultValue={typeof value === "string" ? value : ""} readOnly={locked} aria-describedby={describedBy} />
            ) : (
              <TableScroll labelledBy={`${p.id}-label`}>
                <table aria-labelledby={`${p.id}-label`} aria-describedby={describedBy}>
                  <PromptTableHead columns={p.columns} rowHeaders />
                  <tbody>
                    {Array.from({ length: p.rows }, (_, r) => (
                      <tr key={r}>
                        <th scope="row">{t("exercise.row", { number: r + 1 })}</th>
                        {p.columns.map((c, ci) => (
                          <td key={c}>
                            <textarea
                              name={`p.${p.id}.${r}.${ci}`}
                              dir="auto"
                              aria-label={`${c}, ${t("exercise.row", { number: r + 1 })}`}
                              rows={2}
                              defaultValue={Array.isArray(value) ? value[r]?.[ci] ?? "" : ""}
                              readOnly={locked}
                            />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </div>
        );
      })}
      {!locked ? (
        <p className="actions">
          <button type="submit" name="intent" value="save" disabled={busy}>
            {t("exercise.save")}
          </button>
          <button type="submit" name="intent" value="submit" className="button-primary" disabled={busy}>
            {t("exercise.submit")}
          </button>
          <span role="status" className="hint">
            {autosave.state !== "idle" ? t("exercise.saving") : savedAt ? t("exercise.autosaved", { time: new Date(savedAt).toLocaleTimeString(intlLocale(lang)) }) : ""}
          </span>
        </p>
      ) : null}
    </Form>
  );
}

/** The column headings of a drafting table, for the learner's form and the reviewer's reading alike. */
export function PromptTableHead({ columns, rowHeaders = false }: { columns: readonly string[]; rowHeaders?: boolean }) {
  return (
    <thead>
      <tr>
        {rowHeaders ? <td /> : null}
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
