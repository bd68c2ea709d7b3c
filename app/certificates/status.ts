import { gunzipSync, gzipSync } from "node:zlib";

/**
 * W3C Bitstring Status List v1.0 (decision 027): each certificate owns one bit of a list, set once it
 * is revoked. 131,072 bits (16 KiB) is the spec's minimum size, chosen for herd privacy.
 */
export const LIST_SIZE = 131072;
/**
 * Positions are handed out in order (a counter) but scattered over the list: n → n·STRIDE mod
 * LIST_SIZE is a bijection because STRIDE is odd and LIST_SIZE a power of two, so indices are unique
 * and a neighbour's index says nothing about who was issued next.
 */
export const STRIDE = 48271;

export function statusPosition(n: number): { list: number; index: number } {
  return { list: Math.floor(n / LIST_SIZE) + 1, index: (n * STRIDE) % LIST_SIZE };
}

/** The list's `encodedList`: multibase base64url (prefix "u") of the GZIP of the bits, bit 0 the first byte's high bit. */
export function encodeBitstring(setIndices: Iterable<number>, size = LIST_SIZE): string {
  const bytes = new Uint8Array(size / 8);
  for (const i of setIndices) {
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`status index ${i} is outside the list`);
    bytes[i >> 3]! |= 0x80 >> (i & 7);
  }
  return "u" + Buffer.from(gzipSync(bytes)).toString("base64url");
}

/** Whether bit `index` is set in an `encodedList`; null when the list cannot be read or is too short. */
export function bitAt(encodedList: string, index: number): boolean | null {
  if (!encodedList.startsWith("u") || !Number.isInteger(index) || index < 0) return null;
  let bytes: Buffer;
  try {
    // A bounded inflate: a hostile list cannot make the verifier allocate more than a large list.
    bytes = gunzipSync(Buffer.from(encodedList.slice(1), "base64url"), { maxOutputLength: 16 * LIST_SIZE });
  } catch {
    return null;
  }
  if (index >= bytes.length * 8) return null;
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

export function statusListCredential(c: { url: string; issuer: string; encodedList: string; validFrom: number }) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: c.url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: c.issuer,
    validFrom: new Date(c.validFrom).toISOString(),
    credentialSubject: { id: `${c.url}#list`, type: "BitstringStatusList", statusPurpose: "revocation", encodedList: c.encodedList },
  };
}
