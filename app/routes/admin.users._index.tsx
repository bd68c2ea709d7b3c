import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createAccount } from "~/accounts/accounts.server";
import { ROLES } from "~/auth/permissions";
import { AdminUsersForm, UserSearch } from "~/auth/forms.server";
import { issueResetForUser } from "~/auth/passwords.server";
import { changeRole, searchUsers } from "~/auth/users.server";
import { ErrorSummary, Field, LanguageSelect } from "~/components/forms";
import { ResetLinkButton, ResetLinkNotice, type IssuedLinkView } from "~/components/reset-link";
import { pageTitle, useLang, useT } from "~/components/i18n";
import type { FieldErrors } from "~/lib/forms";
import { permittedPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.users.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await permittedPage(args, "users.manage");
  const url = new URL(args.request.url);
  const { q } = UserSearch.parse({ q: url.searchParams.get("q") ?? undefined });
  return json({ users: await searchUsers(rt.db, q), q: q ?? "", selfId: user.id, deleted: url.searchParams.get("deleted") === "1" });
}

type ActionData = {
  ok: boolean;
  message?: "form.errorSummary" | "admin.users.self" | "admin.users.saved" | "admin.account.created";
  reset?: IssuedLinkView;
  /** the new account's page, once created */
  created?: string;
  /** the create form's problems and what was typed */
  errors?: FieldErrors;
  values?: Record<string, string>;
};

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await permittedPage(args, "users.manage");
  const sent = await readSubmission(args.request, AdminUsersForm, { keep: ["intent", "name", "email", "role", "locale"] });
  if (!sent.ok) return json<ActionData>({ ok: false, message: "form.errorSummary", errors: sent.errors, values: sent.values }, { status: 400 });
  if (sent.data.intent === "create") {
    const created = await createAccount(rt, args.request, user, sent.data);
    if (!created.ok) return json<ActionData>({ ok: false, message: "form.errorSummary", errors: created.errors, values: { ...sent.data } }, { status: created.status });
    return json<ActionData>({ ok: true, message: "admin.account.created", reset: created.reset, created: paths.adminUser(created.userId) });
  }
  if (sent.data.intent === "reset-link") {
    const issued = await issueResetForUser(rt, args.request, user, sent.data.userId);
    if (!issued.ok) throw notFound();
    return json<ActionData>({ ok: true, reset: issued });
  }
  const result = await changeRole(rt.db, user.id, sent.data.userId, sent.data.role);
  if (result === "not_found") throw notFound();
  if (result === "self") return json<ActionData>({ ok: false, message: "admin.users.self" }, { status: 400 });
  return json<ActionData>({ ok: true, message: "admin.users.saved" });
}

export default function AdminUsers() {
  const { users, q, selfId, deleted } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const creating = result?.values?.intent === "create" && !result.ok ? result : undefined;
  const errors = creating?.errors ?? {};
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {deleted && !result ? (
        <p role="status" className="alert alert-ok">
          {t("admin.account.deleted")}
        </p>
      ) : null}
      {result?.message && !creating ? (
        <p role="status" className={result.ok ? "alert alert-ok" : "alert alert-error"}>
          {t(result.message)} {result.created ? <Link to={result.created}>{t("admin.account.open")}</Link> : null}
        </p>
      ) : null}
      {result?.reset ? <ResetLinkNotice issued={result.reset} /> : null}
      <Form method="get" className="inline-form">
        <label htmlFor="q">{t("auth.email")}</label> <input id="q" name="q" type="search" defaultValue={q} />{" "}
        <button type="submit" className="dir-arrow">→</button>
      </Form>
      <ul className="user-list">
        {users.map((u) => (
          <li key={u.id}>
            <Form method="post" className="inline-form">
              <input type="hidden" name="userId" value={u.id} />
              <span>
                <Link to={paths.adminUser(u.id)}>
                  <strong>{u.name}</strong>
                </Link>{" "}
                &lt;{u.email}&gt;
                {u.disabled_at !== null ? <> <span className="badge">{t("admin.account.disabledBadge")}</span></> : null}
              </span>{" "}
              <label htmlFor={`role-${u.id}`} className="visually-hidden">
                {t("admin.users.role")}
              </label>
              <select id={`role-${u.id}`} name="role" defaultValue={u.role} disabled={u.id === selfId}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>{" "}
              <button type="submit" disabled={u.id === selfId}>
                {t("admin.users.save")}
              </button>
            </Form>{" "}
            {u.disabled_at === null ? <ResetLinkButton field={{ name: "userId", value: u.id }} name={u.name} /> : null}
          </li>
        ))}
      </ul>

      <h2 id="new-account">{t("admin.account.new")}</h2>
      <p className="hint">{t("admin.account.newHint")}</p>
      <ErrorSummary show={!!creating} />
      <Form method="post" noValidate key={result?.created ?? "new"}>
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label={t("auth.name")} defaultValue={creating?.values?.name} error={errors.name} autoComplete="off" required />
        <Field name="email" label={t("auth.email")} type="email" defaultValue={creating?.values?.email} error={errors.email} autoComplete="off" required />
        <div className={errors.role ? "field field-error" : "field"}>
          <label htmlFor="new-role">{t("admin.users.role")}</label>
          <select id="new-role" name="role" defaultValue={creating?.values?.role ?? "learner"}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <LanguageSelect id="new-locale" name="locale" label={t("admin.account.language")} defaultValue={creating?.values?.locale ?? lang} />
        <button type="submit" className="button-primary">
          {t("admin.account.create")}
        </button>
      </Form>
    </>
  );
}
