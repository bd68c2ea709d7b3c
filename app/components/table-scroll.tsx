import type { ReactNode } from "react";

/**
 * The box a table scrolls sideways in when it is wider than a phone's screen, so that the page
 * itself never does. A box that scrolls must be reachable by keyboard to be scrolled without a
 * pointer (WCAG 2.1.1; axe's scrollable-region-focusable), and what takes the focus must say what it
 * is: a focusable region named by the table's heading or caption (`labelledBy`, its id).
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" tabIndex={0} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
