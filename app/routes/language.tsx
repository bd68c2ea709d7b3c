import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { LanguageForm } from "~/auth/forms.server";
import { getSessionUser, safeRedirect } from "~/auth/session.server";
import { setUserLocale } from "~/auth/users.server";
import { languageCookie } from "~/i18n/language.server";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export async function loader() {
  return redirect("/");
}

/** Persists the choice in a cookie, and on the account when signed in, so it follows the learner. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const parsed = LanguageForm.safeParse(form);
  if (!parsed.success) return json({ error: "Unknown language" }, { status: 400 });
  const { user } = await getSessionUser(request);
  if (user) await setUserLocale(runtime().db, user.id, parsed.data.lang);
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.lang) },
  });
}
