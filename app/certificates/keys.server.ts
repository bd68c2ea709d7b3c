import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey as NodeJwk, type KeyObject } from "node:crypto";
import fs from "node:fs";
import { calculateJwkThumbprint } from "jose";
import type { DB } from "@db/index";
import type { PublicJwk } from "./issuer";

/** A key the issuer signs with: its kid (RFC 7638 thumbprint of the public key) and both halves. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

export class IssuerKeyError extends Error {}

function publicJwkOf(key: KeyObject): PublicJwk {
  const jwk = createPublicKey(key).export({ format: "jwk" }) as NodeJwk;
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new IssuerKeyError("the issuer key must be an Ed25519 key");
  return { kty: "OKP", crv: "Ed25519", x: jwk.x };
}

async function signingKeyOf(privateKey: KeyObject): Promise<SigningKey> {
  const publicJwk = publicJwkOf(privateKey);
  return { kid: await calculateJwkThumbprint(publicJwk), privateKey, publicJwk };
}

/**
 * The key ISSUER_KEY_FILE names: an Ed25519 private key in PEM (PKCS #8, as `openssl genpkey
 * -algorithm ed25519` writes it). Like ssh, a file others may read is refused.
 */
export async function readIssuerKeyFile(file: string): Promise<SigningKey> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new IssuerKeyError(`ISSUER_KEY_FILE=${JSON.stringify(file)}: no such file`);
  }
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0)
    throw new IssuerKeyError(`ISSUER_KEY_FILE=${JSON.stringify(file)}: others may read it; make it readable by its owner only (chmod 600)`);
  let key: KeyObject;
  try {
    key = createPrivateKey(fs.readFileSync(file, "utf8"));
  } catch {
    throw new IssuerKeyError(`ISSUER_KEY_FILE=${JSON.stringify(file)}: not a PEM private key`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new IssuerKeyError(`ISSUER_KEY_FILE=${JSON.stringify(file)}: must be an Ed25519 key`);
  return signingKeyOf(key);
}

async function insertKey(db: DB, key: SigningKey, storePrivate: boolean, now: number) {
  await db
    .insertInto("issuer_keys")
    .values({
      kid: key.kid,
      public_jwk: JSON.stringify(key.publicJwk),
      private_jwk: storePrivate ? JSON.stringify(key.privateKey.export({ format: "jwk" })) : null,
      created_at: now,
      retired_at: null,
    })
    .onConflict((oc) => oc.column("kid").doNothing())
    .execute();
}

/**
 * At start: a key from ISSUER_KEY_FILE is published (its private half stays in the file); otherwise
 * the newest stored key signs, and a first start generates one. Keys are never deleted, so every
 * badge ever issued keeps verifying (decision 026).
 */
export async function ensureIssuerKey(db: DB, fromFile: SigningKey | null, now = Date.now()): Promise<void> {
  if (fromFile) {
    await insertKey(db, fromFile, false, now);
    return;
  }
  if (!(await activeStoredKey(db))) await insertKey(db, await signingKeyOf(generateKeyPairSync("ed25519").privateKey), true, now);
}

async function activeStoredKey(db: DB): Promise<SigningKey | null> {
  const row = await db
    .selectFrom("issuer_keys")
    .select("private_jwk")
    .where("retired_at", "is", null)
    .where("private_jwk", "is not", null)
    .orderBy("created_at", "desc")
    .orderBy("kid")
    .executeTakeFirst();
  if (!row?.private_jwk) return null;
  return signingKeyOf(createPrivateKey({ key: JSON.parse(row.private_jwk) as NodeJwk, format: "jwk" }));
}

/** The key new badges are signed with. */
export async function currentSigningKey(db: DB, fromFile: SigningKey | null): Promise<SigningKey> {
  const key = fromFile ?? (await activeStoredKey(db));
  if (!key) throw new IssuerKeyError("no issuer key: ensureIssuerKey runs at start");
  return key;
}

/**
 * A new stored key signs from now on; the old ones are retired: their private halves are erased and
 * their public halves stay published. (With ISSUER_KEY_FILE, rotate by replacing the file.)
 */
export async function rotateIssuerKey(db: DB, now = Date.now()): Promise<string> {
  const key = await signingKeyOf(generateKeyPairSync("ed25519").privateKey);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("issuer_keys").set({ retired_at: now, private_jwk: null }).where("retired_at", "is", null).execute();
    await insertKey(trx, key, true, now);
  });
  return key.kid;
}

/** Every key the issuer has signed with, oldest first, for the DID document and for verifying. */
export async function publishedKeys(db: DB): Promise<{ kid: string; publicJwk: PublicJwk }[]> {
  const rows = await db.selectFrom("issuer_keys").select(["kid", "public_jwk"]).orderBy("created_at").orderBy("kid").execute();
  return rows.map((r) => ({ kid: r.kid, publicJwk: JSON.parse(r.public_jwk) as PublicJwk }));
}
