import type { Runtime } from "~/runtime.server";

/**
 * The origin of addresses shown to people or printed (certificate verification links, Open Badge ids,
 * invitation links): PUBLIC_URL when it is set, else the origin the request came to. Behind a proxy
 * that rewrites Host, or when a link is made on an internal address and read elsewhere, only
 * PUBLIC_URL gives the address people can reach (docs/decisions/019-public-url.md).
 */
export function publicOrigin(rt: Runtime, request: Request): string {
  return rt.config.PUBLIC_URL ?? new URL(request.url).origin;
}
