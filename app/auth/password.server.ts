import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

// scrypt from node:crypto: memory-hard, OWASP-listed, and no native dependency to build
// (docs/decisions/003-password-hashing.md). The parameters are stored in each hash, so raising the
// cost later only affects new hashes; old ones still verify.
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `log2N` 17 is OWASP's recommendation (N=2^17, r=8, p=1, 128 MiB); tests may lower it. */
export async function hashPassword(password: string, log2N = 17): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** log2N;
  const r = 8;
  const p = 1;
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${log2N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const parts = hash.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, log2N, r, p, salt, expected] = parts;
  const N = 2 ** Number(log2N);
  const expectedKey = Buffer.from(expected!, "base64");
  const key = await scrypt(password, Buffer.from(salt!, "base64"), expectedKey.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
}

/** A hash of a random password, for comparing against when the account does not exist (equal timing). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(log2N: number): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"), log2N);
  return dummyHash;
}
