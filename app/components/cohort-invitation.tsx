import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import { paths } from "~/lib/links";
import { useT } from "./i18n";

/**
 * An invitation to a cohort, by shared code or personal link: what it is, then one of a problem, the
 * button to accept, or the way to sign in first and come back.
 */
export function CohortInvitation(props: {
  cohort: string;
  programme: string;
  here: string;
  signedIn: boolean;
  error?: MessageKey;
  problem?: ReactNode;
  accept: MessageKey;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("join.title", { cohort: props.cohort })}</h1>
      <p>{t("join.programme", { programme: props.programme })}</p>
      {props.children}
      {props.error ? (
        <p role="alert" className="alert alert-error">
          {t(props.error)}
        </p>
      ) : null}
      {props.problem ? (
        props.problem
      ) : props.signedIn ? (
        <Form method="post">
          <button type="submit" className="button-primary">
            {t(props.accept)}
          </button>
        </Form>
      ) : (
        <p>
          {t("join.loginFirst")} <Link to={paths.login(props.here)}>{t("nav.login")}</Link> · <Link to={paths.register(props.here)}>{t("nav.register")}</Link>
        </p>
      )}
    </section>
  );
}
