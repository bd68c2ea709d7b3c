import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ROLES } from "@db/schema";
import { RoleForm, UserSearch } from "~/auth/forms.server";
import { requirePermission } from "~/auth/session.server";
import { setUserRole } from "~/auth/users.server";
import { pageTitle, useT } from "~/components/i18n";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.users.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "users.manage");
  const search = UserSearch.safeParse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  const q = search.success ? search.data.q : undefined;
  let query = runtime().db.selectFrom("users").select(["id", "name", "email", "role"]).orderBy("created_at", "desc").limit(200);
  if (q) query = query.where((eb) => eb.or([eb("email", "like", `%${q.toLowerCase()}%`), eb("name", "like", `%${q}%`)]));
  return json({ users: await query.execute(), q: q ?? "", selfId: admin.id });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "users.manage");
  const parsed = RoleForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ ok: false, message: "form.errorSummary" as const }, { status: 400 });
  if (parsed.data.userId === admin.id) return json({ ok: false, message: "admin.users.self" as const }, { status: 400 });
  const { db } = runtime();
  const exists = await db.selectFrom("users").select("id").where("id", "=", parsed.data.userId).executeTakeFirst();
  if (!exists) throw new Response("Not found", { status: 404 });
  await setUserRole(db, parsed.data.userId, parsed.data.role);
  return json({ ok: true, message: "admin.users.saved" as const });
}

export default function AdminUsers() {
  const { users, q, selfId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {result ? (
        <p role="status" className={result.ok ? "alert alert-ok" : "alert alert-error"}>
          {t(result.message)}
        </p>
      ) : null}
      <Form method="get" className="inline-form">
        <label htmlFor="q">{t("auth.email")}</label> <input id="q" name="q" type="search" defaultValue={q} />{" "}
        <button type="submit">→</button>
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
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
