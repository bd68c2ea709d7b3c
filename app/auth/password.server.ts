import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import os from "node:os";

// scrypt from node:crypto: memory-hard, OWASP-listed, and no native dependency to build
// (docs/decisions/003-password-hashing.md). The parameters are stored in each hash, so raising the
// cost later only affects new hashes; old ones still verify.
const KEY_LENGTH = 64;

// Each hash takes a core for a fraction of a second: a burst of registrations or sign-ins must leave
// a core free for every other page, so hashes beyond this many wait their turn.
const MAX_CONCURRENT_HASHES = Math.max(1, os.availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  // A finishing hash hands its slot straight to the next in line, so the limit is never exceeded.
  if (running < MAX_CONCURRENT_HASHES) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await new Promise((resolve, reject) =>
      scryptCb(password.normalize("NFKC"), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
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
