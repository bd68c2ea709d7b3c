import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { IntentButton } from "~/components/forms";
import { lessonOr404 } from "~/content/catalog.server";
import { contentLang, pageTitle, useT } from "~/components/i18n";
import { CourseTextNotices } from "~/components/course-trail";
import { PreviewBanner } from "~/components/preview-banner";
import { CompleteLessonForm } from "~/learning/forms.server";
import { finishLesson, lessonView } from "~/learning/pages.server";
import { learnerPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { isReaderVisit } from "~/lib/request.server";
import { badRequest } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { READING_PAGE } from "~/lib/hydration";

// A reading page: no JavaScript (decision 031).
export const handle = READING_PAGE;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.lesson.title) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, course, text, preview } = await learnerPage(args, { course: "courseId", enrolled: "or-preview" });
  const lesson = lessonOr404(course, args.params.lessonId);
  return json({ ...(await lessonView(rt.db, user, course, text, lesson, !preview && isReaderVisit(args.request))), preview });
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user, course } = await learnerPage(args, { course: "courseId", enrolled: true });
  const lesson = lessonOr404(course, args.params.lessonId);
  if (!(await readSubmission(args.request, CompleteLessonForm)).ok) throw badRequest("Unknown action");
  return redirect(await finishLesson(rt.db, user, course, lesson));
}

export default function LessonPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <article {...contentLang(d.lang)} className="lesson">
      <p className="breadcrumbs">
        <Link to={paths.course(d.courseId)}>{d.courseTitle}</Link> › {t("lesson.module", { title: d.module.title })}
      </p>
      <CourseTextNotices fallback={d.fallback} unreviewed={d.unreviewed} />
      <PreviewBanner draft={d.draft} preview={d.preview} />
      <h1>{d.lesson.title}</h1>
      <p className="meta">{t("course.lessonMinutes", { minutes: d.lesson.minutes })}</p>
      {/* Compiled from Markdown and sanitized once at start-up (app/content/markdown.server.ts). */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: d.lesson.html }} />
      <div className="lesson-actions">
        {d.preview ? null : d.completed ? (
          <p className="alert alert-ok">{t("lesson.completed")}</p>
        ) : (
          <IntentButton intent="complete" busy={busy}>{t("lesson.markComplete")}</IntentButton>
        )}
        {d.completed && d.moduleQuiz ? (
          <p>
            <Link to={d.moduleQuiz} className="button-primary">
              {t("lesson.goToQuiz")}
            </Link>
          </p>
        ) : null}
      </div>
      <nav className="pager" aria-label={t("lesson.backToCourse")}>
        {d.previous ? (
          <Link to={d.previous.path} rel="prev">
            <span className="dir-arrow" aria-hidden="true">←</span> {t("lesson.previous")}: {d.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {d.next ? (
          <Link to={d.next.path} rel="next">
            {t("lesson.next")}: {d.next.title} <span className="dir-arrow" aria-hidden="true">→</span>
          </Link>
        ) : (
          <Link to={paths.course(d.courseId)}>{t("lesson.backToCourse")}</Link>
        )}
      </nav>
    </article>
  );
}
