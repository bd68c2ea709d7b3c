import { Link } from "@remix-run/react";
import { paths } from "~/lib/links";
import { useT, useUiLang } from "./i18n";

type Notices = { fallback: { language: string; fallback: string } | null; unreviewed: boolean };

/** What a reader should know about the language the course text is in: another than theirs, or a translation not yet reviewed. */
export function CourseTextNotices({ fallback, unreviewed }: Notices) {
  const t = useT();
  const ui = useUiLang();
  return (
    <>
      {fallback ? <p className="alert" {...ui}>{t("course.fallback", fallback)}</p> : null}
      {unreviewed ? <p className="alert" {...ui}>{t("course.unreviewed")}</p> : null}
    </>
  );
}

/** The way back to the course above a lesson, quiz, exercise or glossary, and the language notices. */
export function CourseTrail({ courseId, courseTitle, fallback, unreviewed }: { courseId: string; courseTitle: string } & Notices) {
  return (
    <>
      <p className="breadcrumbs">
        <Link to={paths.course(courseId)}>{courseTitle}</Link>
      </p>
      <CourseTextNotices fallback={fallback} unreviewed={unreviewed} />
    </>
  );
}
