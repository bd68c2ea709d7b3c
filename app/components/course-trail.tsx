import { Link } from "@remix-run/react";
import { paths } from "~/lib/links";
import { useT, useUiLang } from "./i18n";

/** The way back to the course above a lesson, quiz, exercise or glossary, and the notice when the course is shown in another language. */
export function CourseTrail({ courseId, courseTitle, fallback }: { courseId: string; courseTitle: string; fallback: { language: string; fallback: string } | null }) {
  const t = useT();
  const ui = useUiLang();
  return (
    <>
      <p className="breadcrumbs">
        <Link to={paths.course(courseId)}>{courseTitle}</Link>
      </p>
      {fallback ? <p className="alert" {...ui}>{t("course.fallback", fallback)}</p> : null}
    </>
  );
}
