import { Form } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "./i18n";
import { UI_LANGUAGES } from "~/i18n";

/** A labelled field whose error is announced with it (aria-invalid + aria-describedby). */
export function Field({
  name,
  label,
  error,
  hint,
  ...input
}: { name: string; label: string; error?: MessageKey | undefined; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const t = useT();
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="error-text">
          {t(error)}
        </p>
      ) : null}
      <input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
    </div>
  );
}

/** A new password: hidden as typed, offered to the password manager as new, with the rules it must meet. */
export function NewPasswordField({ name, label, error }: { name: string; label: string; error?: MessageKey | undefined }) {
  const t = useT();
  return <Field name={name} label={label} type="password" autoComplete="new-password" hint={t("auth.passwordHint")} error={error} required />;
}

export type Choice = { value: string; label: string };

/** A `<select>`'s options: first `empty` (the empty value: not set, any, choose…) when given, then each choice. */
export function Options({ empty, options }: { empty?: string; options: Choice[] }) {
  return (
    <>
      {empty === undefined ? null : <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** A form that is one primary button: posts its `intent` (enrol, start, mark complete, back up now). */
export function IntentButton({ intent, busy, children }: { intent: string; busy?: boolean; children: ReactNode }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className="button-primary" disabled={busy}>
        {children}
      </button>
    </Form>
  );
}

export function ErrorSummary({ show, children }: { show: boolean; children?: ReactNode }) {
  const t = useT();
  if (!show) return null;
  return (
    <div role="alert" className="alert alert-error">
      {children ?? t("form.errorSummary")}
    </div>
  );
}

/** A choice among the interface languages, each named in its own language. */
export function LanguageSelect({ id, name, label, defaultValue }: { id: string; name: string; label: string; defaultValue: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {UI_LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.tag} dir={l.dir}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
