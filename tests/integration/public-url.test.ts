// PUBLIC_URL (docs/decisions/019): the addresses the platform prints or hands out — certificate
// verification links, Open Badge ids, invitation links — use it, whatever Host the request came to.
import { parse } from "csv-parse/sync";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import { issueCertificate } from "../../app/certificates/certificates.server";
import { createCohort, createInvite, importParticipants } from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import type { Runtime } from "../../app/runtime.server";
import { decodeJwt } from "jose";
import { loader as badgeLoader } from "../../app/routes/certificates.$code.badge[.]jwt";
import { loader as pdfLoader } from "../../app/routes/certificates.$code[.]pdf";
import { loader as cohortLoader } from "../../app/routes/manage.cohorts.$cohortId._index";
import { loader as invitationsLoader } from "../../app/routes/manage.cohorts.$cohortId.invitations[.]csv";
import { testRuntime } from "../helpers/runtime";

const PUBLIC = "https://learn.example.org";

interface World {
  rt: Runtime;
  context: Awaited<ReturnType<typeof testRuntime>>["context"];
  learner: string;
  manager: string;
  code: string;
  cohortId: string;
  joinCode: string;
}

async function world(env: Record<string, string>): Promise<World> {
  const { rt, context } = await testRuntime(undefined, env);
  const make = async (email: string, role: "learner" | "manager") => {
    const r = await createUser(rt.db, { name: `Person ${role}`, email, password: "a long enough password", locale: "en", role }, 10);
    if (!r.ok) throw new Error(r.reason);
    return r.user;
  };
  const learner = await make("learner@example.org", "learner");
  const manager = await make("manager@example.org", "manager");
  const cert = await issueCertificate(rt.db, learner.id, rt.catalog.byId.get("mini")!);
  const cohortId = await createCohort(rt.db, manager, { name: "Accra 2026", programme: "Programme", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] });
  const joinCode = await createInvite(rt.db, cohortId, { days: 30, max_uses: 10 });
  await importParticipants(rt.db, cohortId, parseParticipantsCsv("name,email\nPending Person,pending@example.org\n").rows);
  return {
    rt,
    context,
    learner: (await startSession(rt, learner.id)).split(";")[0]!,
    manager: (await startSession(rt, manager.id)).split(";")[0]!,
    code: cert!.code,
    cohortId,
    joinCode,
  };
}

/** A request as it reaches the server behind a proxy that passes on its own, internal Host. */
const get = (path: string, cookie: string) => new Request(`http://10.0.0.5:3000${path}`, { headers: { Cookie: cookie, Host: "10.0.0.5:3000" } });

async function addresses(w: World) {
  const jwt = await ((await badgeLoader({ request: get(`/certificates/${w.code}/badge.jwt`, w.learner), params: { code: w.code }, context: w.context })) as Response).text();
  const badge = decodeJwt(jwt) as any;
  const pdf = (await pdfLoader({ request: get(`/certificates/${w.code}.pdf`, w.learner), params: { code: w.code }, context: w.context })) as Response;
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), { mergePages: true });
  const csv = await ((await invitationsLoader({ request: get(`/manage/cohorts/${w.cohortId}/invitations.csv`, w.manager), params: { cohortId: w.cohortId }, context: w.context })) as Response).text();
  const page = await ((await cohortLoader({ request: get(`/manage/cohorts/${w.cohortId}`, w.manager), params: { cohortId: w.cohortId }, context: w.context })) as Response).json();
  const rows = parse(csv.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
  return { badge, pdfText: text.replace(/\s+/g, ""), invitationLink: rows[0]!.invitation_link!, joinUrl: page.invites[0].url as string };
}

describe("PUBLIC_URL", () => {
  let withPublic: World;
  let without: World;
  beforeAll(async () => {
    withPublic = await world({ PUBLIC_URL: `${PUBLIC}/` });
    without = await world({});
  });

  it("is the origin of the Open Badge's ids and issuer, whatever Host the request came to", async () => {
    const { badge } = await addresses(withPublic);
    expect(badge.id).toBe(`${PUBLIC}/verify/${withPublic.code}`);
    expect(badge.issuer).toMatchObject({ id: "did:web:learn.example.org", url: PUBLIC });
    expect(badge.credentialStatus.statusListCredential).toBe(`${PUBLIC}/credentials/status/1`);
    expect(badge.credentialSubject.achievement.id).toBe(`${PUBLIC}/courses/mini`);
    expect(JSON.stringify(badge)).not.toContain("10.0.0.5");
  });

  it("is the verification link printed on the certificate PDF", async () => {
    const { pdfText } = await addresses(withPublic);
    expect(pdfText).toContain(`${PUBLIC}/verify/${withPublic.code}`);
    expect(pdfText).not.toContain("10.0.0.5");
  });

  it("is the origin of the personal invitation links in the CSV and of the join links on the cohort page", async () => {
    const { invitationLink, joinUrl } = await addresses(withPublic);
    expect(invitationLink).toMatch(new RegExp(`^${PUBLIC}/invitations/[A-Za-z0-9_-]{16,64}$`));
    expect(joinUrl).toBe(`${PUBLIC}/join/${withPublic.joinCode}`);
  });

  it("when unset, leaves the request's own origin, as before", async () => {
    const a = await addresses(without);
    const origin = "http://10.0.0.5:3000";
    expect(a.badge.id).toBe(`${origin}/verify/${without.code}`);
    expect(a.pdfText).toContain(`${origin}/verify/${without.code}`);
    expect(a.invitationLink.startsWith(`${origin}/invitations/`)).toBe(true);
    expect(a.joinUrl).toBe(`${origin}/join/${without.joinCode}`);
  });
});
