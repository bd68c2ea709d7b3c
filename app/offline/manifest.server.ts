// What the offline reader keeps for a learner (decision 034): the reading pages of the courses they
// are enrolled in, and the few interface strings the service worker writes itself.
import { createHash } from "node:crypto";
import type { DB } from "@db/index";
import type { SessionUser } from "~/auth/session.server";
import { visibleCourses } from "~/content/catalog.server";
import { courseText, pick } from "~/content/localize";
import type { Catalog, Course } from "~/content/types";
import { directionOf, intlLocale, languageTag, type MessageKey, type UiLanguage } from "~/i18n";
import { MESSAGES } from "~/i18n/messages.server";
import { afterLesson } from "~/learning/progress";
import { listEnrolments } from "~/learning/progress.server";
import { paths } from "~/lib/links";
import { offlineKey } from "./keys.server";

/**
 * The strings the worker writes into the pages it answers with (its offline page, the notes it adds
 * to a saved copy), in the reader's language. Sent as written, placeholders and all: the worker
 * fills `{date}` itself.
 */
export const WORKER_TEXT = [
  "app.name",
  "offline.title",
  "offline.savedCopy",
  "offline.slowCopy",
  "offline.notSaved",
  "offline.needsConnection",
  "offline.savedList",
  "offline.pending",
] as const satisfies readonly MessageKey[];

export interface OfflineLesson {
  id: string;
  title: string;
  path: string;
  /** where "Mark as read" leads when it is queued offline: the next lesson, or the course page (a quiz needs the network) */
  next: string;
}

export interface OfflineCourse {
  id: string;
  title: string;
  /** the language and direction the course is shown in (its text, not the interface) */
  lang: string;
  dir: "ltr" | "rtl";
  path: string;
  glossary: string | null;
  lessons: OfflineLesson[];
}

export interface OfflineManifest {
  /** whose list this is (keys.server.ts); the worker keeps it with the pages it saves */
  key: string;
  /** changes when anything listed, its content or the interface language changes: the worker saves everything again */
  version: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** for the dates the worker writes (Western digits in Arabic, as elsewhere) */
  locale: string;
  text: Record<(typeof WORKER_TEXT)[number], string>;
  courses: OfflineCourse[];
}

/**
 * A digest of what a course's saved pages show (its text in every language), computed once per loaded
 * catalogue. Content, not the time it was loaded: each server process loads the catalogue itself,
 * and their lists must agree, or the worker would save everything again at every other answer.
 */
const digests = new WeakMap<Course, string>();
function courseDigest(course: Course): string {
  let d = digests.get(course);
  if (!d) {
    const content = [course.title, course.summary, course.status, course.glossary, course.modules.map((m) => [m.id, m.title, m.objectives, m.quiz?.id ?? null]), course.lessons.map((l) => [l.id, l.title, l.minutes, l.html])];
    digests.set(course, (d = createHash("sha256").update(JSON.stringify(content)).digest("base64url")));
  }
  return d;
}

/** Where reading goes after `lessonId` when it is marked read without a connection. */
function nextOffline(course: Course, lessonId: string): string {
  const after = afterLesson(course, lessonId);
  return after.kind === "lesson" ? paths.lesson(course.id, after.lessonId) : paths.course(course.id);
}

/**
 * The learner's own list: the course page, glossary and every lesson of each course they are enrolled
 * in and may see (a course gone from the catalogue or back to draft drops out), in catalogue order.
 * Nobody else's enrolments, and nothing of staff pages.
 */
export async function offlineManifest(db: DB, catalog: Catalog, user: SessionUser, canViewDrafts: boolean, ui: UiLanguage): Promise<OfflineManifest> {
  const enrolled = new Set((await listEnrolments(db, user.id)).map((e) => e.course_id));
  const mine = visibleCourses(catalog, canViewDrafts).filter((c) => enrolled.has(c.id));
  const courses = mine.map((course): OfflineCourse => {
    const { lang } = courseText(course, ui);
    return {
      id: course.id,
      title: pick(course.title, lang),
      lang: languageTag(lang),
      dir: directionOf(lang),
      path: paths.course(course.id),
      glossary: course.glossary.length ? paths.glossary(course.id) : null,
      lessons: course.lessons.map((l) => ({ id: l.id, title: pick(l.title, lang), path: paths.lesson(course.id, l.id), next: nextOffline(course, l.id) })),
    };
  });
  const messages = MESSAGES[ui];
  const text = Object.fromEntries(WORKER_TEXT.map((k) => [k, messages[k]])) as OfflineManifest["text"];
  const version = createHash("sha256").update(JSON.stringify([ui, text, courses, mine.map(courseDigest)])).digest("base64url").slice(0, 16);
  return { key: offlineKey(user.id), version, lang: languageTag(ui), dir: directionOf(ui), locale: intlLocale(ui), text, courses };
}
