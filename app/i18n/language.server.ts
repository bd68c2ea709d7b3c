import { createCookie } from "@remix-run/node";
import { DEFAULT_LANGUAGE, isUiLanguage, type UiLanguage } from "./index";

export const languageCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/**
 * The interface language an Accept-Language header asks for, by its weights: each range counts by
 * its primary subtag, so ar-EG is Arabic, ru-RU Russian and zh-CN, zh-Hans, zh-SG (and zh-TW, whose
 * readers read Simplified more easily than a language they may not know) are Chinese. A range of
 * weight 0 is refused; `*` is no preference.
 */
export function negotiateLanguage(header: string | null): UiLanguage | null {
  const ranges = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [range = "", ...attrs] = part.trim().split(";");
      const q = attrs.map((a) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(a)?.[1]).find((v) => v !== undefined);
      return { code: range.trim().split("-")[0]!.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.code && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges.map((r) => r.code).find(isUiLanguage) ?? null;
}

/** The interface language: the switcher's cookie, then the account's setting, then the browser's. */
export async function resolveLanguage(request: Request, userLocale: string | null): Promise<UiLanguage> {
  // An unreadable cookie is as good as none.
  const fromCookie: unknown = await languageCookie.parse(request.headers.get("Cookie")).catch(() => null);
  if (isUiLanguage(fromCookie)) return fromCookie;
  if (isUiLanguage(userLocale)) return userLocale;
  return negotiateLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LANGUAGE;
}
