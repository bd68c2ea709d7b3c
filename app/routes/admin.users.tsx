import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ROLES } from "~/auth/permissions";
import { AdminUsersForm, UserSearch } from "~/auth/forms.server";
import { issueResetForUser } from "~/auth/passwords.server";
import { changeRole, searchUsers } from "~/auth/users.server";
import { ResetLinkButton, ResetLinkNotice, type IssuedLinkView } from "~/components/reset-link";
import { pageTitle, useT } from "~/components/i18n";
import { permittedPage } from "~/lib/guards.server";
import { notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.users.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await permittedPage(args, "users.manage");
  const { q } = UserSearch.parse({ q: new URL(args.request.url).searchParams.get("q") ?? undefined });
  return json({ users: await searchUsers(rt.db, q), q: q ?? "", selfId: user.id });
}

type ActionData = { ok: boolean; message?: "form.errorSummary" | "admin.users.self" | "admin.users.saved"; reset?: IssuedLinkView };

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await permittedPage(args, "users.manage");
  const sent = await readSubmission(args.request, AdminUsersForm);
  if (!sent.ok) return json<ActionData>({ ok: false, message: "form.errorSummary" }, { status: 400 });
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
  const { users, q, selfId } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {result?.message ? (
        <p role="status" className={result.ok ? "alert alert-ok" : "alert alert-error"}>
          {t(result.message)}
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
                <strong>{u.name}</strong> &lt;{u.email}&gt;
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
            <ResetLinkButton field={{ name: "userId", value: u.id }} name={u.name} />
          </li>
        ))}
      </ul>
    </>
  );
}
