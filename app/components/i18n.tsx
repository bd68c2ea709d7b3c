import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { directionOf, languageTag, makeT, type MessageKey, type Messages, type T } from "~/i18n";

// Without the root's data (it failed), keys show as themselves rather than shipping English to every page.
const NONE: Partial<Messages> = {};

interface RootI18n {
  lang: string;
  messages: Partial<Messages>;
}

/** The translator for the current interface language (the messages come with the root loader). */
export function useT(): T {
  const data = useRouteLoaderData("root") as RootI18n | undefined;
  const messages = data?.messages ?? NONE;
  const lang = data?.lang ?? "en";
  return useMemo(() => makeT(messages, lang), [messages, lang]);
}

export function useLang(): string {
  const data = useRouteLoaderData("root") as RootI18n | undefined;
  return data?.lang ?? "en";
}

/**
 * The attributes of a block of course text in `lang`: its language and its direction, so an English
 * course read with the Arabic interface keeps its punctuation and alignment left to right.
 */
export function contentLang(lang: string): { lang: string; dir: "ltr" | "rtl" } {
  return { lang: languageTag(lang), dir: directionOf(lang) };
}

/** The same for interface text inside such a block (a notice in Arabic inside an English lesson). */
export function useUiLang(): { lang: string; dir: "ltr" | "rtl" } {
  return contentLang(useLang());
}

/** A document title from an i18n key (or plain text), for `meta` functions, which cannot use hooks. */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], key: MessageKey | null, extra?: string): string {
  const root = matches.find((m) => m.id === "root")?.data as RootI18n | undefined;
  const t = makeT(root?.messages ?? NONE, root?.lang ?? "en");
  const parts = [extra, key ? t(key) : null, t("app.name")].filter(Boolean);
  return parts.join(" · ");
}
