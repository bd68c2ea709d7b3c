const COLOURS = { introductory: "#1f6f50", intermediate: "#1d4e89", advanced: "#6b2d6b" } as const;

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Up to `max` lines of about `width` characters, the last one cut short with "…" when the text is longer. */
export function wrapTitle(title: string, width = 20, max = 4): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of title.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/**
 * The achievement's image: a round badge with the course title, coloured by level. Text, not
 * outlines, so any script the viewer has a font for shows, and it stays a few hundred bytes.
 */
export function badgeSvg(c: { title: string; hours: number; level: keyof typeof COLOURS; programme: string }): string {
  const lines = wrapTitle(c.title);
  const top = 200 - ((lines.length - 1) * 30) / 2;
  const text = lines.map((l, i) => `<text x="200" y="${top + i * 30}" font-size="24" font-weight="bold">${escapeXml(l)}</text>`).join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="${escapeXml(c.title)}">`,
    `<title>${escapeXml(c.title)}</title>`,
    `<circle cx="200" cy="200" r="195" fill="${COLOURS[c.level]}"/>`,
    `<circle cx="200" cy="200" r="172" fill="none" stroke="#ffffff" stroke-width="4"/>`,
    `<g fill="#ffffff" font-family="'Noto Sans', 'DejaVu Sans', sans-serif" text-anchor="middle" dominant-baseline="middle">`,
    `<text x="200" y="80" font-size="16">${escapeXml(c.programme)}</text>`,
    text,
    `<text x="200" y="325" font-size="20">${c.hours} h</text>`,
    `</g></svg>`,
  ].join("");
}
