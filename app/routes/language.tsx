import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { getSessionUser, safeRedirect } from "~/auth/session.server";
import { setUserLocale } from "~/auth/users.server";
import { UI_LANGUAGES } from "~/i18n";
import { languageCookie } from "~/i18n/language.server";
import { runtime } from "~/runtime.server";

const LanguageForm = z.object({
  lang: z.enum(UI_LANGUAGES.map((l) => l.code)),
  redirectTo: z.string().optional(),
});

export async function loader() {
  return redirect("/");
}

/** Persists the choice in a cookie, and on the account when signed in, so it follows the learner. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = LanguageForm.safeParse(form);
  if (!parsed.success) return json({ error: "Unknown language" }, { status: 400 });
  const { user } = await getSessionUser(request);
  if (user) await setUserLocale(runtime().db, user.id, parsed.data.lang);
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.lang) },
  });
}
