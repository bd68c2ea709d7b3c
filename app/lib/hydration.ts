/**
 * Pages that only read (the catalogue, a course's outline, a lesson, a glossary) ship no JavaScript:
 * their route says `export const handle = READING_PAGE`, and the root then renders no scripts, so the
 * browser gets neither React nor a copy of the page's data (decision 031). Their forms and links are
 * plain HTML, which work the same with JavaScript on or off.
 */
export interface PageHandle {
  hydrate?: boolean;
}

export const READING_PAGE: PageHandle = { hydrate: false };

/** Whether the matched routes want the React runtime: yes unless one of them is a reading page. */
export function shouldHydrate(matches: readonly { handle?: unknown }[]): boolean {
  return !matches.some((m) => (m.handle as PageHandle | undefined)?.hydrate === false);
}
