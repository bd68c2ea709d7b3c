import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { paths } from "~/lib/links";
import { contentLang } from "./i18n";

/** A course in a list of cards (`<ul className="cards">`): its title as a link to the course, in the course's language, then `children`. */
export function CourseCard({ course, children }: { course: { id: string; title: string; lang: string }; children: ReactNode }) {
  return (
    <li className="card" {...contentLang(course.lang)}>
      <h2>
        <Link to={paths.course(course.id)}>{course.title}</Link>
      </h2>
      {children}
    </li>
  );
}
