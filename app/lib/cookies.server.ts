/**
 * One cookie's value from a Cookie header, or null. A value that is not valid percent-encoding is
 * treated as absent: a stray `%` in any cookie must not turn every page into a 500.
 */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}
