import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from "jose";
import type { DB } from "@db/index";
import type { SigningKey } from "./keys.server";
import { publishedKeys } from "./keys.server";

/**
 * Signs a credential as a VC-JWT, as Open Badges 3.0 § 8.2 describes it: the payload is the credential
 * itself with the JWT claims iss, jti and nbf mirroring issuer, id and validFrom; the header names the
 * key (kid, a verification method of the issuer's DID document) and carries its public half (jwk).
 */
export async function signCredential(credential: { id: string; issuer: string | { id: string }; validFrom: string }, did: string, key: SigningKey): Promise<string> {
  const issuer = typeof credential.issuer === "string" ? credential.issuer : credential.issuer.id;
  return new SignJWT({ ...credential, iss: issuer, jti: credential.id, nbf: Math.floor(Date.parse(credential.validFrom) / 1000) })
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: `${did}#${key.kid}`, jwk: key.publicJwk })
    .sign(key.privateKey);
}

export type Decoded = { header: Record<string, unknown>; payload: Record<string, unknown> };

/** A compact JWS read without checking it, or null when it is not one. */
export function decodeUnverified(token: string): Decoded | null {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    return { header: decodeProtectedHeader(token) as Record<string, unknown>, payload: decodeJwt(token) as Record<string, unknown> };
  } catch {
    return null;
  }
}

/**
 * The payload of `token` if one of the issuer's published keys (the one its kid names, under `did`)
 * signed it; null otherwise. The jwk in the header is never trusted: anyone can put a key there.
 */
export async function verifyWithIssuerKeys(db: DB, token: string, did: string): Promise<Record<string, unknown> | null> {
  const decoded = decodeUnverified(token);
  const kid = decoded?.header.kid;
  if (!decoded || decoded.header.alg !== "EdDSA" || typeof kid !== "string" || !kid.startsWith(`${did}#`)) return null;
  const key = (await publishedKeys(db)).find((k) => k.kid === kid.slice(did.length + 1));
  if (!key) return null;
  try {
    const { payload } = await compactVerify(token, await importJWK(key.publicJwk, "EdDSA"), { algorithms: ["EdDSA"] });
    return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  } catch {
    return null;
  }
}
