import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getSessionUser } from "~/auth/session.server";
import { paths } from "~/lib/links";
import { navigationFor } from "~/lib/nav";
import { reviewsWaiting } from "~/teaching/reviews.server";
import { pageTitle, useT } from "~/components/i18n";
import { useNonce } from "~/components/nonce";
import { directionOf, isReviewed, languageTag, UI_LANGUAGES, type MessageKey } from "~/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { clientMessages } from "~/i18n/messages.server";
import { shouldHydrate } from "~/lib/hydration";
import { OFFLINE_USER_HEADER, offlineUserHeader } from "~/offline/keys.server";
import { OfflineWorker } from "~/components/offline-status";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, setCookie } = await getSessionUser(context.runtime, request, context.perRequest);
  const lang = await resolveLanguage(request, user?.locale ?? null);
  return json(
    {
      user: user && { name: user.name, role: user.role },
      nav: user ? navigationFor(user.role, await reviewsWaiting(context.runtime.db, user)) : [],
      lang,
      dir: directionOf(lang),
      messages: clientMessages(lang, user?.role ?? null),
    },
    { headers: { ...offlineUserHeader(user?.id ?? null), ...(setCookie ? { "Set-Cookie": setCookie } : {}) } },
  );
}

/** Every page says whose it is, for the offline reader's caches (decision 034); Remix adds the cookies itself. */
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const who = loaderHeaders.get(OFFLINE_USER_HEADER);
  return who ? [[OFFLINE_USER_HEADER, who]] : [];
};

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

function Document({ children, lang = "en", dir = "ltr" }: { children: ReactNode; lang?: string; dir?: string }) {
  const nonce = useNonce();
  const hydrate = shouldHydrate(useMatches());
  return (
    <html lang={languageTag(lang)} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {/* Reading pages get no React (lib/hydration.ts): the offline reader's service worker is
            registered from the enhanced pages (OfflineWorker), and then controls the reading pages too. */}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <Link to="/" className="brand">
        {t("app.name")}
      </Link>
      <nav aria-label={t("nav.main")} className="site-nav">
        <Link to={paths.home}>{t("nav.courses")}</Link>
        {data?.user ? (
          <>
            <Link to={paths.dashboard}>{t("nav.dashboard")}</Link>
            <Link to={paths.profile}>{t("nav.profile")}</Link>
            {data.nav.map((item) => (
              <Link key={item.to} to={item.to}>
                {t(item.label, item.count === undefined ? undefined : { count: item.count })}
              </Link>
            ))}
            <Form method="post" action={paths.logout} className="inline-form">
              <button type="submit" className="link-button">
                {t("nav.logout")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <Link to={paths.login(here)}>{t("nav.login")}</Link>
            <Link to={paths.register()}>{t("nav.register")}</Link>
          </>
        )}
      </nav>
      <Form method="post" action={paths.language} className="lang-form">
        <input type="hidden" name="redirectTo" value={here} />
        <label htmlFor="lang-select">{t("lang.label")}</label>
        <select id="lang-select" name="lang" defaultValue={data?.lang ?? "en"} key={data?.lang}>
          {UI_LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.tag} dir={l.dir}>
              {l.name}
            </option>
          ))}
        </select>
        <button type="submit">{t("lang.switch")}</button>
      </Form>
      {data && !isReviewed(data.lang) ? <p className="unreviewed-notice">{t("lang.unreviewed")}</p> : null}
    </header>
  );
}

/** What an error page says: its title (an i18n key) and its text (a key, or the text a 4xx came with). */
function errorMessage(error: unknown): { title: MessageKey; text: MessageKey | { raw: string } } {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) return { title: "error.notFound.title", text: "error.notFound.text" };
  if (status === 403) return { title: "error.forbidden.title", text: "error.forbidden.text" };
  if (status === 413) return { title: "error.tooLarge.title", text: "error.tooLarge.text" };
  if (status >= 400 && status < 500) return { title: "error.badRequest.title", text: { raw: isRouteErrorResponse(error) ? String(error.data) : "" } };
  return { title: "error.generic.title", text: "error.generic.text" };
}

// An error page has a title too (WCAG 2.4.2): the root's meta runs when the root's boundary shows
// the error; other pages have their own.
export const meta: MetaFunction<typeof loader> = ({ error, matches }) => (error ? [{ title: pageTitle(matches, errorMessage(error).title) }] : []);

export default function App() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Document lang={data.lang} dir={data.dir}>
      {data.user ? <OfflineWorker /> : null}
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t("footer.text")}</p>
      </footer>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData("root") as RootData | undefined;
  const t = useT();
  const message = errorMessage(error);
  const title = t(message.title);
  const text = typeof message.text === "string" ? t(message.text) : message.text.raw;
  return (
    <Document lang={data?.lang} dir={data?.dir}>
      <Header />
      <main id="main" tabIndex={-1} className="error-page">
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <Link to={paths.home}>{t("error.home")}</Link>
        </p>
      </main>
    </Document>
  );
}
