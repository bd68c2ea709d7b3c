/**
 * The issuer's identifier: did:web of the public origin, whose DID document (/.well-known/did.json)
 * lists every key it ever signed with (decision 026). A port is percent-encoded, as did:web requires.
 */
export function didWeb(origin: string): string {
  const url = new URL(origin);
  return "did:web:" + url.host.replace(":", "%3A");
}

export type PublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string };

export function didDocument(did: string, keys: { kid: string; publicJwk: PublicJwk }[]) {
  const methods = keys.map((k) => ({ id: `${did}#${k.kid}`, type: "JsonWebKey", controller: did, publicKeyJwk: { ...k.publicJwk, kid: k.kid } }));
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
    id: did,
    verificationMethod: methods,
    // Retired keys stay here: they no longer sign, but what they signed must still verify.
    assertionMethod: methods.map((m) => m.id),
  };
}
