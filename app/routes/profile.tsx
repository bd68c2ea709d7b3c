import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GENDERS, ORG_TYPES } from "@db/schema";
import { requireUser } from "~/auth/session.server";
import { ErrorSummary, Field } from "~/components/forms";
import { pageTitle, useT } from "~/components/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { countryOptions } from "~/profile/countries";
import { getProfile, ProfileForm, updateProfile } from "~/profile/profile.server";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "profile.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const lang = await resolveLanguage(request, user.locale);
  return json({ profile: await getProfile(runtime().db, user.id), countries: countryOptions(lang) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(ProfileForm, await readForm(request), ["name", "country", "organisation", "org_type", "gender"]);
  if (!parsed.ok) return json({ saved: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  await updateProfile(runtime().db, user.id, parsed.data);
  return json({ saved: true, errors: {} as FieldErrors, values: {} as Record<string, string> });
}

function Select({ name, label, value, error, options }: { name: string; label: string; value: string; error?: FieldErrors[string]; options: { value: string; label: string }[] }) {
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
        <option value="">{t("profile.notSet")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Profile() {
  const { profile, countries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = result?.errors ?? {};
  // After a failed save, show what was typed; otherwise what is stored.
  const v = (k: "name" | "country" | "organisation" | "org_type" | "gender") => (result && !result.saved ? result.values[k] ?? "" : profile[k] ?? "");
  return (
    <section className="narrow">
      <h1>{t("profile.title")}</h1>
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
    </section>
  );
}
