import { createCookie } from "@remix-run/node";
import { DEFAULT_LANGUAGE, isUiLanguage, UI_LANGUAGES, type UiLanguage } from "./index";

export const languageCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The interface language: the switcher's cookie, then the account's setting, then the browser's. */
export async function resolveLanguage(request: Request, userLocale: string | null): Promise<UiLanguage> {
  // An unreadable cookie is as good as none.
  const fromCookie: unknown = await languageCookie.parse(request.headers.get("Cookie")).catch(() => null);
  if (isUiLanguage(fromCookie)) return fromCookie;
  if (isUiLanguage(userLocale)) return userLocale;
  const accepted = (request.headers.get("Accept-Language") ?? "")
    .split(",")
    .map((part) => part.split(";")[0]!.trim().slice(0, 2).toLowerCase());
  return accepted.find((code): code is UiLanguage => UI_LANGUAGES.some((l) => l.code === code)) ?? DEFAULT_LANGUAGE;
}
