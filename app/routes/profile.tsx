import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, Field, NewPasswordField, Options, type Choice } from "~/components/forms";
import { pageTitle, useLang, useT } from "~/components/i18n";
import type { FieldErrors } from "~/lib/forms";
import { learnerPage } from "~/lib/guards.server";
import { readSubmission } from "~/lib/submission.server";
import { GENDERS, ORG_TYPES } from "~/profile/fields";
import { changeProfile, ProfilePageForm, profileView } from "~/profile/profile.server";
import { formatDate } from "~/i18n";
import { paths } from "~/lib/links";
import { retryHeaders } from "~/lib/responses";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "profile.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, lang } = await learnerPage(args);
  return json(await profileView(rt, args.request, user.id, lang));
}

type ActionData =
  | { kind: "profile"; saved: boolean; errors: FieldErrors; values: Record<string, string> }
  | { kind: "password"; changed: boolean; errors: FieldErrors; seconds: number }
  | { kind: "sessions"; message: "profile.sessions.ended" | "profile.sessions.endedOthers" | "profile.sessions.notFound" };

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await learnerPage(args);
  const sent = await readSubmission(args.request, ProfilePageForm, { keep: ["name", "country", "organisation", "org_type", "gender"] });
  if (!sent.ok) {
    if (sent.form.has("sessionId")) return json<ActionData>({ kind: "sessions", message: "profile.sessions.notFound" }, { status: 400 });
    if (sent.form.get("intent") === "change-password") return json<ActionData>({ kind: "password", changed: false, errors: sent.errors, seconds: 0 }, { status: 400 });
    return json<ActionData>({ kind: "profile", saved: false, errors: sent.errors, values: sent.values }, { status: 400 });
  }
  const outcome = await changeProfile(rt, args.request, user.id, sent.data);
  if (outcome.message === "profile.saved") return json<ActionData>({ kind: "profile", saved: true, errors: {}, values: {} });
  if ("seconds" in outcome) {
    const changed = outcome.message === "profile.password.changed";
    const errors: FieldErrors = changed ? {} : outcome.message === "profile.password.wrong" ? { currentPassword: outcome.message } : { form: outcome.message };
    const headers = retryHeaders(outcome.status, outcome.seconds);
    return json<ActionData>({ kind: "password", changed, errors, seconds: outcome.seconds }, { status: outcome.status, headers });
  }
  return json<ActionData>({ kind: "sessions", message: outcome.message }, { status: outcome.status });
}

function Select({ name, label, value, error, options }: { name: string; label: string; value: string; error?: FieldErrors[string]; options: Choice[] }) {
  const t = useT();
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={name}>{label}</label>
      {error ? (
        <p id={`${name}-error`} className="error-text">
          {t(error)}
        </p>
      ) : null}
      <select id={name} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined}>
        <Options empty={t("profile.notSet")} options={options} />
      </select>
    </div>
  );
}

export default function Profile() {
  const { profile, countries, sessions, reset } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const result = data?.kind === "profile" ? data : undefined;
  const password = data?.kind === "password" ? data : undefined;
  const lang = useLang();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = result?.errors ?? {};
  // After a failed save, show what was typed; otherwise what is stored.
  const v = (k: "name" | "country" | "organisation" | "org_type" | "gender") => (result && !result.saved ? result.values[k] ?? "" : profile[k] ?? "");
  return (
    <section className="narrow">
      <h1>{t("profile.title")}</h1>
      {reset && !data ? (
        <p role="status" className="alert alert-ok">
          {t("profile.password.reset")}
        </p>
      ) : null}
      <p className="hint">{t("profile.intro")}</p>
      {result?.saved ? (
        <p role="status" className="alert alert-ok">
          {t("profile.saved")}
        </p>
      ) : null}
      <ErrorSummary show={!!result && !result.saved} />
      <Form method="post" noValidate key={result?.saved ? "saved" : "editing"}>
        <p className="meta">{profile.email}</p>
        <Field name="name" label={t("auth.name")} defaultValue={v("name")} error={errors.name} autoComplete="name" required />
        <Select name="country" label={t("profile.country")} value={v("country")} error={errors.country} options={countries.map((c) => ({ value: c.code, label: c.name }))} />
        <Field name="organisation" label={t("profile.organisation")} defaultValue={v("organisation")} error={errors.organisation} autoComplete="organization" />
        <Select name="org_type" label={t("profile.orgType")} value={v("org_type")} error={errors.org_type} options={ORG_TYPES.map((o) => ({ value: o, label: t(`orgType.${o}`) }))} />
        <Select name="gender" label={t("profile.gender")} value={v("gender")} error={errors.gender} options={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))} />
        <button type="submit" className="button-primary" disabled={busy}>
          {t("profile.save")}
        </button>
      </Form>

      <h2 id="password">{t("profile.password.title")}</h2>
      {password?.changed ? (
        <p role="status" className="alert alert-ok">
          {t("profile.password.changed")}
        </p>
      ) : null}
      <ErrorSummary show={!!password && !password.changed}>{password?.errors.form ? t(password.errors.form, { seconds: password.seconds }) : undefined}</ErrorSummary>
      <Form method="post" noValidate key={password?.changed ? "changed" : "password"}>
        <input type="hidden" name="intent" value="change-password" />
        <Field name="currentPassword" label={t("profile.password.current")} type="password" autoComplete="current-password" error={password?.errors.currentPassword} required />
        <NewPasswordField name="newPassword" label={t("profile.password.new")} error={password?.errors.newPassword} />
        <p className="hint">{t("profile.password.note")}</p>
        <button type="submit" disabled={busy}>
          {t("profile.password.submit")}
        </button>
      </Form>

      <h2 id="my-data">{t("profile.data.title")}</h2>
      <p className="hint">{t("profile.data.intro")}</p>
      <p className="actions">
        <a href={paths.myData("json")} download>
          {t("profile.data.json")}
        </a>
        <a href={paths.myData("csv")} download>
          {t("profile.data.csv")}
        </a>
      </p>

      <h2 id="sessions">{t("profile.sessions.title")}</h2>
      {data?.kind === "sessions" ? (
        <p role="status" className={data.message === "profile.sessions.notFound" ? "alert alert-error" : "alert alert-ok"}>
          {t(data.message)}
        </p>
      ) : null}
      <ul className="session-list">
        {sessions.map((s) => (
          <li key={s.id}>
            <strong>{s.browser && s.system ? t("profile.sessions.device", { browser: s.browser, system: s.system }) : s.browser ?? s.system ?? t("profile.sessions.unknownDevice")}</strong>{" "}
            — {t("profile.sessions.since", { date: formatDate(s.createdAt, lang, "datetime") })}
            {s.current ? (
              <> <span className="badge">{t("profile.sessions.current")}</span></>
            ) : (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="end-session" />
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" className="link-button">
                  {t("profile.sessions.end")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {sessions.some((s) => !s.current) ? (
        <Form method="post">
          <input type="hidden" name="intent" value="end-other-sessions" />
          <button type="submit">{t("profile.sessions.endOthers")}</button>
        </Form>
      ) : null}
    </section>
  );
}
