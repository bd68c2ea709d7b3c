import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ownCertificateOr404 } from "~/certificates/access.server";
import { openBadgeCredential } from "~/certificates/badge";
import { certificateTitle } from "~/certificates/certificates.server";
import { pick } from "~/content/localize";
import { runtime } from "~/runtime.server";

/** The learner's certificate as an Open Badges 3.0 credential (JSON). A revoked one is gone (410). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cert } = await ownCertificateOr404(request, params.code);
  if (cert.revoked_at) return json({ error: "This certificate was revoked." }, { status: 410 });
  const course = runtime().catalog.byId.get(cert.course_id);
  const origin = new URL(request.url).origin;
  const credential = openBadgeCredential({
    origin,
    code: cert.code,
    courseId: cert.course_id,
    courseTitle: certificateTitle(cert, "en"),
    courseSummary: course ? pick(course.summary, course.baseLanguage) : "",
    hours: cert.hours,
    learnerName: cert.learner_name,
    programme: cert.programme,
    issuedAt: cert.issued_at,
  });
  return json(credential, {
    headers: { "Content-Disposition": `attachment; filename="badge-${cert.course_id}.json"`, "Cache-Control": "private, no-store" },
  });
}
