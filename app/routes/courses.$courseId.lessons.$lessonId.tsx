import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { lessonOr404 } from "~/content/catalog.server";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { requireEnrolledCourse } from "~/learning/context.server";
import { CompleteLessonForm, hasIntent } from "~/learning/forms.server";
import { lessonPath, quizPath } from "~/learning/links";
import { neighbours } from "~/learning/progress";
import { completeLesson, recordLessonView } from "~/learning/progress.server";
import { runtime } from "~/runtime.server";
import { isSameSiteNavigation, readForm } from "~/lib/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.lesson.title) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, lang, fallback } = await requireEnrolledCourse(request, params);
  const lesson = lessonOr404(course, params.lessonId);
  const { db } = runtime();
  if (isSameSiteNavigation(request)) await recordLessonView(db, user.id, course.id, lesson.id);
  const done = await db
    .selectFrom("lesson_progress")
    .select("completed_at")
    .where("user_id", "=", user.id)
    .where("course_id", "=", course.id)
    .where("lesson_id", "=", lesson.id)
    .executeTakeFirst();
  const module = course.modules.find((m) => m.id === lesson.moduleId)!;
  const { previous, next } = neighbours(course, lesson.id);
  const lastOfModule = module.lessons.at(-1)?.id === lesson.id;
  const title = (id: string | null) => (id ? { path: lessonPath(course.id, id), title: pick(course.lessonsById.get(id)!.title, lang) } : null);
  return json({
    courseId: course.id,
    courseTitle: pick(course.title, lang),
    lang,
    fallback,
    module: { title: pick(module.title, lang) },
    lesson: { id: lesson.id, title: pick(lesson.title, lang), html: pick(lesson.html, lang), minutes: lesson.minutes },
    completed: !!done?.completed_at,
    previous: title(previous),
    next: title(next),
    moduleQuiz: lastOfModule && module.quiz ? quizPath(course.id, module.quiz.id) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireEnrolledCourse(request, params);
  const lesson = lessonOr404(course, params.lessonId);
  if (!hasIntent(CompleteLessonForm, await readForm(request)))
    return json({ error: "Unknown action" }, { status: 400 });
  await completeLesson(runtime().db, user.id, course, lesson.id);
  const module = course.modules.find((m) => m.id === lesson.moduleId)!;
  // After the last lesson of a module comes its quiz; otherwise the next lesson in reading order.
  if (module.lessons.at(-1)?.id === lesson.id && module.quiz) return redirect(quizPath(course.id, module.quiz.id));
  const { next } = neighbours(course, lesson.id);
  if (next) return redirect(lessonPath(course.id, next));
  if (course.assessment) return redirect(quizPath(course.id, course.assessment.id));
  return redirect(`/courses/${course.id}`);
}

export default function LessonPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <article lang={d.lang} className="lesson">
      <p className="breadcrumbs">
        <Link to={`/courses/${d.courseId}`}>{d.courseTitle}</Link> › {t("lesson.module", { title: d.module.title })}
      </p>
      {d.fallback ? <p className="alert">{t("course.fallback", d.fallback)}</p> : null}
      <h1>{d.lesson.title}</h1>
      <p className="meta">{t("course.lessonMinutes", { minutes: d.lesson.minutes })}</p>
      {/* Compiled from Markdown and sanitized once at start-up (app/content/markdown.server.ts). */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: d.lesson.html }} />
      <div className="lesson-actions">
        {d.completed ? (
          <p className="alert alert-ok">{t("lesson.completed")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="complete" />
            <button type="submit" className="button-primary" disabled={busy}>
              {t("lesson.markComplete")}
            </button>
          </Form>
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
            ← {t("lesson.previous")}: {d.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {d.next ? (
          <Link to={d.next.path} rel="next">
            {t("lesson.next")}: {d.next.title} →
          </Link>
        ) : (
          <Link to={`/courses/${d.courseId}`}>{t("lesson.backToCourse")}</Link>
        )}
      </nav>
    </article>
  );
}
