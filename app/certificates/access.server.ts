import { requireUser } from "~/auth/session.server";
import { runtime } from "~/runtime.server";
import { findByCode } from "./certificates.server";

/** The signed-in learner's own certificate by code; anyone else's answers 404, like an unknown code. */
export async function ownCertificateOr404(request: Request, code: string | undefined) {
  const user = await requireUser(request);
  const cert = code ? await findByCode(runtime().db, code) : undefined;
  if (!cert || cert.user_id !== user.id) throw new Response("Not found", { status: 404 });
  return { user, cert };
}
