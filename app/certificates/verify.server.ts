import { z } from "zod";
import type { DB } from "@db/index";
import { msg } from "~/lib/submission.server";
import { paths } from "~/lib/links";
import { checkOb3Schema } from "./schema.server";
import { decodeUnverified, verifyWithIssuerKeys } from "./signing.server";
import { bitAt } from "./status";

/** What a verifier checks, in order (decision 026). */
export const CHECKS = ["format", "issuer", "signature", "dates", "schema", "status"] as const;
export type CheckId = (typeof CHECKS)[number];
export type CheckResult = "passed" | "failed" | "skipped";

export interface BadgeVerification {
  checks: { id: CheckId; result: CheckResult }[];
  valid: boolean;
  revoked: boolean;
  /** what the badge says, shown only when its signature is the issuer's */
  claims: { name: string; achievement: string; issuer: string; issuedAt: number } | null;
}

/** The compact VC-JWT in a badge file: the token itself, or a VC 2.0 EnvelopedVerifiableCredential around it. */
export function tokenOf(input: string): string | null {
  const text = input.trim();
  if (!text.startsWith("{")) return text;
  try {
    const json = JSON.parse(text) as { type?: unknown; id?: unknown };
    const prefix = "data:application/vc+jwt,";
    const types = Array.isArray(json.type) ? json.type : [json.type];
    if (types.includes("EnvelopedVerifiableCredential") && typeof json.id === "string" && json.id.startsWith(prefix)) return json.id.slice(prefix.length);
  } catch {
    // not JSON either: not a badge
  }
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function claimsOf(c: Record<string, unknown>): BadgeVerification["claims"] {
  const subject = isObject(c.credentialSubject) ? c.credentialSubject : {};
  const name = asArray(subject.identifier).find((i) => isObject(i) && i.identityType === "name" && i.hashed === false) as { identityHash?: unknown } | undefined;
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const issuer = isObject(c.issuer) ? c.issuer : {};
  return {
    name: String(name?.identityHash ?? ""),
    achievement: String(achievement.name ?? ""),
    issuer: String(issuer.name ?? ""),
    issuedAt: Date.parse(String(c.validFrom)),
  };
}

/**
 * Checks a badge as any verifier would, against what this platform publishes: the issuer is this
 * platform's did:web and the key its kid names is in the DID document; the signature is that key's;
 * it is within its dates; it is a schema-valid OB 3.0 credential; and its bit in the (itself signed
 * and verified) status list is clear. `statusList` gives the signed status list credential at a URL
 * of ours, or null. Nothing is fetched from elsewhere.
 */
export async function verifyBadge(
  db: DB,
  input: string,
  issuer: { did: string; origin: string },
  statusList: (list: number) => Promise<string | null>,
  now = Date.now(),
): Promise<BadgeVerification> {
  const results = new Map<CheckId, CheckResult>(CHECKS.map((id) => [id, "skipped"]));
  let revoked = false;
  let claims: BadgeVerification["claims"] = null;
  const token = tokenOf(input);
  const decoded = token ? decodeUnverified(token) : null;
  const types = decoded ? asArray(decoded.payload.type) : [];
  // Any JWS algorithm is a readable badge; only EdDSA can then pass the signature check.
  const format = !!decoded && (types.includes("OpenBadgeCredential") || types.includes("AchievementCredential"));
  results.set("format", format ? "passed" : "failed");
  if (format && token && decoded) {
    const claimed = decoded.payload;
    const issuerId = isObject(claimed.issuer) ? claimed.issuer.id : claimed.issuer;
    const kid = decoded.header.kid;
    const ours = issuerId === issuer.did && typeof kid === "string" && kid.startsWith(`${issuer.did}#`);
    const known = typeof kid === "string" && ours && (await issuerKnowsKid(db, kid, issuer.did));
    results.set("issuer", known ? "passed" : "failed");
    const verified = known ? await verifyWithIssuerKeys(db, token, issuer.did) : null;
    if (known) results.set("signature", verified && verified.iss === issuerId ? "passed" : "failed");
    // From here on only what the signature covers is read; an unsigned claim is judged as it stands.
    const c = verified ?? claimed;
    const from = Date.parse(String(c.validFrom));
    const until = c.validUntil === undefined ? Infinity : Date.parse(String(c.validUntil));
    results.set("dates", from <= now && now < until ? "passed" : "failed");
    results.set("schema", checkOb3Schema(c).ok ? "passed" : "failed");
    if (verified) {
      claims = claimsOf(verified);
      const status = await statusOf(db, verified.credentialStatus, issuer, statusList);
      results.set("status", status === "clear" ? "passed" : "failed");
      revoked = status === "revoked";
    }
  }
  const checks = CHECKS.map((id) => ({ id, result: results.get(id)! }));
  return { checks, valid: checks.every((c) => c.result === "passed"), revoked, claims };
}

async function issuerKnowsKid(db: DB, kid: string, did: string): Promise<boolean> {
  const row = await db.selectFrom("issuer_keys").select("kid").where("kid", "=", kid.slice(did.length + 1)).executeTakeFirst();
  return !!row;
}

/** The credential's revocation bit, read from our own signed status list; "unknown" when it cannot be. */
async function statusOf(db: DB, entry: unknown, issuer: { did: string; origin: string }, statusList: (list: number) => Promise<string | null>) {
  if (!isObject(entry) || entry.type !== "BitstringStatusListEntry" || entry.statusPurpose !== "revocation") return "unknown" as const;
  const url = String(entry.statusListCredential ?? "");
  const list = Number(url.split("/").pop());
  const index = Number(entry.statusListIndex);
  if (!Number.isInteger(list) || list < 1 || url !== issuer.origin + paths.statusList(list) || !Number.isInteger(index)) return "unknown" as const;
  const token = await statusList(list);
  const verified = token ? await verifyWithIssuerKeys(db, token, issuer.did) : null;
  const subject = verified && isObject(verified.credentialSubject) ? verified.credentialSubject : null;
  if (!verified || verified.issuer !== issuer.did || !subject || subject.statusPurpose !== "revocation") return "unknown" as const;
  const bit = bitAt(String(subject.encodedList), index);
  return bit === null ? ("unknown" as const) : bit ? ("revoked" as const) : ("clear" as const);
}

/** The "verify a badge file" form: an uploaded file, or pasted text; one of them is needed. */
export const VerifyFileForm = z
  .object({
    file: z.instanceof(File).optional(),
    credential: z.string().max(200_000, msg("verify.file.empty")).optional(),
  })
  .refine((v) => (v.file && v.file.size > 0) || (v.credential ?? "").trim() !== "", { message: "verify.file.empty", path: ["credential"] });

export async function badgeTextOf(sent: z.infer<typeof VerifyFileForm>): Promise<string> {
  return sent.file && sent.file.size > 0 ? await sent.file.text() : (sent.credential ?? "");
}
