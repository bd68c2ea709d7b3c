import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { DraftAnswers } from "~/learning/drafting";
import { intlLocale } from "~/i18n";
import { useLang, useT } from "./i18n";

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
 * the draft is also saved automatically a moment after the learner stops typing.
 */
export function ExerciseForm({ prompts, answers, locked, empty }: { prompts: PromptView[]; answers: DraftAnswers; locked: boolean; empty: string[] }) {
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state === "submitting";
  const autosave = useFetcher<{ savedAt?: number }>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = () => {
    if (locked) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const data = new FormData(formRef.current);
      data.set("intent", "save");
      autosave.submit(data, { method: "post" });
    }, 1500);
  };
  const savedAt = autosave.data?.savedAt;
  return (
    <Form method="post" ref={formRef} onInput={onInput} className="exercise" noValidate>
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
              <div className="table-wrap">
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
              </div>
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
