// Signed Open Badges 3.0 (issue 16; decisions 026 and 027): what a wallet or verifier outside the
// platform would check, with a verifier that is not the library the badge was signed with.
import { createPublicKey, generateKeyPairSync, verify as edVerify } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ed25519 } from "@noble/curves/ed25519.js";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../db/index";
import { migrations } from "../../db/migrations";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import { issueCertificate, recipientHash, revokeCertificate } from "../../app/certificates/certificates.server";
import { rotateIssuerKey } from "../../app/certificates/keys.server";
import { bitAt } from "../../app/certificates/status";
import { verifyBadgeFile } from "../../app/certificates/views.server";
import { ConfigError } from "../../app/config.server";
import type { Runtime } from "../../app/runtime.server";
import { loader as didLoader } from "../../app/routes/[.well-known].did[.]json";
import { loader as achievementLoader } from "../../app/routes/badges.$courseId[.]json";
import { loader as imageLoader } from "../../app/routes/badges.$courseId[.]svg";
import { loader as badgeLoader } from "../../app/routes/certificates.$code.badge[.]jwt";
import { loader as statusLoader } from "../../app/routes/credentials.status.$list";
import { loader as verifyLoader } from "../../app/routes/verify.$code";
import { action as verifyFileAction } from "../../app/routes/verify._index";
import { makeUser } from "../helpers/db";
import { statusOf } from "../helpers/http";
import { testRuntime } from "../helpers/runtime";

const PUBLIC = "https://learn.example.org";
const DID = "did:web:learn.example.org";
const schema = JSON.parse(fs.readFileSync(fs.existsSync("../shared/standards/ob3-achievementcredential.schema.json") ? "../shared/standards/ob3-achievementcredential.schema.json" : "app/certificates/standards/ob3-achievementcredential.schema.json", "utf8"));

type Ctx = Awaited<ReturnType<typeof testRuntime>>["context"];
const b64json = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));

async function learnerWithCertificate(rt: Runtime, email: string, locale = "en") {
  const r = await createUser(rt.db, { name: "Aminata Ndiaye-Fàll", email, password: "a long enough password", locale }, 10);
  if (!r.ok) throw new Error(r.reason);
  const cert = (await issueCertificate(rt.db, r.user.id, rt.catalog.byId.get("mini")!))!;
  return { user: r.user, cert, cookie: (await startSession(rt, r.user.id)).split(";")[0]! };
}

async function download(context: Ctx, code: string, cookie: string): Promise<string> {
  const res = (await badgeLoader({ request: new Request(`${PUBLIC}/certificates/${code}/badge.jwt`, { headers: { Cookie: cookie } }), params: { code }, context })) as Response;
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/vc+jwt");
  return res.text();
}

/**
 * An independent verifier: did:web resolution (the DID document at /.well-known/did.json of the
 * DID's host), then the Ed25519 signature checked twice, neither time by jose: by @noble/curves
 * (pure JavaScript) and by node:crypto (OpenSSL). The two must agree.
 */
async function independentlyVerified(context: Ctx, token: string): Promise<boolean> {
  const [h, p, s] = token.split(".");
  let header, payload;
  try {
    header = b64json(h!);
    payload = b64json(p!);
  } catch {
    return false; // not even readable
  }
  const did = (typeof payload.issuer === "string" ? payload.issuer : payload.issuer.id) as string;
  const host = decodeURIComponent(did.replace(/^did:web:/, ""));
  const doc = await ((await didLoader({ request: new Request(`https://${host}/.well-known/did.json`), params: {}, context })) as Response).json();
  if (doc.id !== did || !doc.assertionMethod.includes(header.kid)) return false;
  const method = doc.verificationMethod.find((m: { id: string }) => m.id === header.kid);
  if (!method || header.alg !== "EdDSA") return false;
  const { kid: _kid, ...jwk } = method.publicKeyJwk;
  const message = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s!, "base64url");
  const byOpenSsl = edVerify(null, message, createPublicKey({ key: jwk, format: "jwk" }), signature);
  const byNoble = signature.length === 64 && ed25519.verify(signature, message, Buffer.from(jwk.x, "base64url"));
  expect(byNoble).toBe(byOpenSsl);
  return byNoble;
}

/** One character of the token changed: the first one of the payload that decodes to a different letter. */
function tamper(token: string): string {
  const [h, p, s] = token.split(".");
  const i = Math.floor(p!.length / 2);
  const c = p![i] === "A" ? "B" : "A";
  return `${h}.${p!.slice(0, i)}${c}${p!.slice(i + 1)}.${s}`;
}

describe("signed Open Badges", () => {
  let rt: Runtime;
  let context: Ctx;
  beforeAll(async () => {
    ({ rt, context } = await testRuntime(undefined, { PUBLIC_URL: PUBLIC }));
  });

  it("are VC-JWTs signed by a key of the issuer's did:web document, verified by an independent verifier and by the platform", async () => {
    const { cert, cookie, user } = await learnerWithCertificate(rt, "signed@example.org");
    const token = await download(context, cert.code, cookie);
    const header = b64json(token.split(".")[0]!);
    const payload = b64json(token.split(".")[1]!);
    expect(header).toMatchObject({ alg: "EdDSA", typ: "JWT" });
    expect(header.kid).toMatch(new RegExp(`^${DID}#[A-Za-z0-9_-]{43}$`));
    expect(payload).toMatchObject({ iss: DID, jti: `${PUBLIC}/verify/${cert.code}`, nbf: Math.floor(cert.issued_at / 1000), issuer: { id: DID, url: PUBLIC } });
    // The recipient: a salted hash of the email, which the holder can prove by giving email and salt.
    const email = payload.credentialSubject.identifier.find((i: { identityType: string }) => i.identityType === "emailAddress");
    expect(email).toMatchObject({ type: "IdentityObject", hashed: true });
    expect(email.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(email.identityHash).toBe(recipientHash(user.email, email.salt));
    expect(JSON.stringify(payload)).not.toContain("signed@example.org");
    expect(await independentlyVerified(context, token)).toBe(true);
    const result = await verifyBadgeFile(rt, token, PUBLIC);
    expect(result.checks).toEqual(["format", "issuer", "signature", "dates", "schema", "status"].map((id) => ({ id, result: "passed" })));
    expect(result).toMatchObject({ valid: true, revoked: false, claims: { name: "Aminata Ndiaye-Fàll", achievement: "Mini course" } });
  });

  it("validate against 1EdTech's JSON schema for AchievementCredential", async () => {
    const { cert, cookie } = await learnerWithCertificate(rt, "schema@example.org");
    const payload = b64json((await download(context, cert.code, cookie)).split(".")[1]!);
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(payload.credentialSchema).toEqual([{ id: schema.$id, type: "1EdTechJsonSchemaValidator2019" }]);
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
    // A credential that lacks what the schema requires is refused by the same validator: the check can fail.
    const { validFrom: _v, ...withoutDate } = payload;
    expect(validate(withoutDate)).toBe(false);
  });

  it("refuse a badge with one character changed, or with a changed claim re-signed by another key", async () => {
    const { cert, cookie } = await learnerWithCertificate(rt, "tamper@example.org");
    const token = await download(context, cert.code, cookie);
    const changed = tamper(token);
    expect(changed).not.toBe(token);
    expect(await independentlyVerified(context, changed)).toBe(false);
    const r = await verifyBadgeFile(rt, changed, PUBLIC);
    expect(r.valid).toBe(false);
    expect(r.claims).toBeNull();
    // The signature itself, one character off.
    const sigChanged = token.slice(0, -2) + (token.at(-2) === "A" ? "B" : "A") + token.at(-1);
    expect((await verifyBadgeFile(rt, sigChanged, PUBLIC)).checks.find((c) => c.id === "signature")!.result).toBe("failed");
    // A forger's key in the header (and a kid the issuer never published) is not believed.
    const [h, p] = token.split(".");
    const forged = { ...b64json(p!), credentialSubject: { ...b64json(p!).credentialSubject, identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: "Someone Else" }] } };
    const { privateKey } = generateKeyPairSync("ed25519");
    const { SignJWT } = await import("jose");
    const forgedToken = await new SignJWT(forged).setProtectedHeader({ ...b64json(h!), jwk: createPublicKey(privateKey).export({ format: "jwk" }) }).sign(privateKey);
    const f = await verifyBadgeFile(rt, forgedToken, PUBLIC);
    expect(f.checks.find((c) => c.id === "signature")!.result).toBe("failed");
    expect(f.valid).toBe(false);
    expect((await verifyBadgeFile(rt, "not a badge", PUBLIC)).checks[0]).toEqual({ id: "format", result: "failed" });
  });

  it("once revoked, are reported revoked by the signed status list they point to", async () => {
    const { cert, cookie } = await learnerWithCertificate(rt, "revoked@example.org");
    const admin = await createUser(rt.db, { name: "Admin", email: "admin-badges@example.org", password: "a long enough password", locale: "en", role: "admin" }, 10);
    if (!admin.ok) throw new Error();
    const token = await download(context, cert.code, cookie);
    const entry = b64json(token.split(".")[1]!).credentialStatus;
    expect(entry).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListCredential: `${PUBLIC}/credentials/status/1` });
    const list = async () => {
      const res = (await statusLoader({ request: new Request(entry.statusListCredential), params: { list: "1" }, context })) as Response;
      const t = await res.text();
      expect(await independentlyVerified(context, t)).toBe(true);
      return b64json(t.split(".")[1]!);
    };
    const before = await list();
    expect(before).toMatchObject({ type: ["VerifiableCredential", "BitstringStatusListCredential"], credentialSubject: { type: "BitstringStatusList", statusPurpose: "revocation" } });
    expect(bitAt(before.credentialSubject.encodedList, Number(entry.statusListIndex))).toBe(false);

    expect(await revokeCertificate(rt.db, admin.user.id, cert.code, "issued in error")).toBe(true);
    expect(bitAt((await list()).credentialSubject.encodedList, Number(entry.statusListIndex))).toBe(true);
    const r = await verifyBadgeFile(rt, token, PUBLIC);
    expect(r).toMatchObject({ valid: false, revoked: true });
    expect(r.checks.find((c) => c.id === "status")!.result).toBe("failed");
    expect(r.checks.find((c) => c.id === "signature")!.result).toBe("passed");
    // The public page checks the same.
    const page = await ((await verifyLoader({ request: new Request(`${PUBLIC}/verify/${cert.code}`), params: { code: cert.code }, context })) as Response).json();
    expect(page).toMatchObject({ found: true, valid: false });
    expect(page.checks.find((c: { id: string }) => c.id === "status").result).toBe("failed");
    expect(await statusOf(statusLoader({ request: new Request(`${PUBLIC}/credentials/status/2`), params: { list: "2" }, context }))).toBe(404);
  });

  it("get unique status indices, even when issued at once", async () => {
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => learnerWithCertificate(rt, `many${i}@example.org`)));
    const indices = many.map((m) => `${m.cert.status_list}:${m.cert.status_index}`);
    expect(new Set(indices).size).toBe(12);
  });

  it("keep verifying after the key is rotated: the old key stays published, the new one signs", async () => {
    const { rt: own, context: ownContext } = await testRuntime(undefined, { PUBLIC_URL: PUBLIC });
    const { cert, cookie } = await learnerWithCertificate(own, "rotate@example.org");
    const before = await download(ownContext, cert.code, cookie);
    const kidBefore = b64json(before.split(".")[0]!).kid;
    await rotateIssuerKey(own.db);
    const after = await download(ownContext, cert.code, cookie);
    expect(b64json(after.split(".")[0]!).kid).not.toBe(kidBefore);
    const doc = await ((await didLoader({ request: new Request(`${PUBLIC}/.well-known/did.json`), params: {}, context: ownContext })) as Response).json();
    expect(doc.verificationMethod).toHaveLength(2);
    for (const token of [before, after]) {
      expect(await independentlyVerified(ownContext, token)).toBe(true);
      expect((await verifyBadgeFile(own, token, PUBLIC)).valid).toBe(true);
    }
    // The retired key can no longer sign: its private half is gone.
    const keys = await own.db.selectFrom("issuer_keys").select(["kid", "private_jwk", "retired_at"]).orderBy("created_at").execute();
    expect(keys.filter((k) => k.private_jwk !== null)).toHaveLength(1);
    expect(`${DID}#${keys.find((k) => k.retired_at !== null)!.kid}`).toBe(kidBefore);
  });

  describe("with ISSUER_KEY_FILE", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "issuer-key-"));
    const file = path.join(dir, "issuer.pem");
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("signs with that key, never stores its private half, and refuses a file others can read", async () => {
      const { privateKey } = generateKeyPairSync("ed25519");
      fs.writeFileSync(file, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600 });
      const { rt: own, context: ownContext } = await testRuntime(undefined, { PUBLIC_URL: PUBLIC, ISSUER_KEY_FILE: file });
      const { cert, cookie } = await learnerWithCertificate(own, "file@example.org");
      const token = await download(ownContext, cert.code, cookie);
      const { kid: _k, ...jwk } = b64json(token.split(".")[0]!).jwk;
      expect(jwk).toEqual(createPublicKey(privateKey).export({ format: "jwk" }));
      expect(await independentlyVerified(ownContext, token)).toBe(true);
      expect(await own.db.selectFrom("issuer_keys").select("private_jwk").execute()).toEqual([{ private_jwk: null }]);
      fs.chmodSync(file, 0o644);
      await expect(testRuntime(undefined, { ISSUER_KEY_FILE: file })).rejects.toThrow(ConfigError);
      await expect(testRuntime(undefined, { ISSUER_KEY_FILE: path.join(dir, "missing.pem") })).rejects.toThrow(/no such file/);
    });
  });

  it("are issued in the learner's language, with the course's other languages as related editions", async () => {
    const { cert, cookie } = await learnerWithCertificate(rt, "fr@example.org", "fr");
    const a = b64json((await download(context, cert.code, cookie)).split(".")[1]!).credentialSubject.achievement;
    expect(a.inLanguage).toBe("fr");
    expect(a.criteria.narrative).toContain("Décerné");
    expect(a.related).toEqual([{ id: `${PUBLIC}/badges/mini.json?lang=en`, type: ["Related"], inLanguage: "en" }]);
    expect(a.image).toMatchObject({ id: `${PUBLIC}/badges/mini.svg`, type: "Image" });
    const en = await ((await achievementLoader({ request: new Request(a.related[0].id), params: { courseId: "mini" }, context })) as Response).json();
    expect(en).toMatchObject({ id: a.related[0].id, inLanguage: "en", name: "Mini course" });
    expect(en.criteria.narrative).toMatch(/^Awarded on completing the course/);
    // The criteria are the course's own rules: its lessons and its quizzes' pass marks.
    const course = rt.catalog.byId.get("mini")!;
    expect(en.criteria.narrative).toContain(`reading all ${course.lessons.length} lessons`);
    for (const q of course.quizzes) expect(en.criteria.narrative).toContain(`(pass mark ${q.passMark}%)`);
  });

  it("show the course's badge image, an SVG", async () => {
    const res = (await imageLoader({ request: new Request(`${PUBLIC}/badges/mini.svg`), params: { courseId: "mini" }, context })) as Response;
    expect(res.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg".*<title>Mini course<\/title>/);
    expect(await statusOf(imageLoader({ request: new Request(`${PUBLIC}/badges/nope.svg`), params: { courseId: "nope" }, context }))).toBe(404);
  });

  it("can be checked on the 'verify a badge file' page, uploaded or pasted; an empty form is a 400", async () => {
    const { cert, cookie } = await learnerWithCertificate(rt, "upload@example.org");
    const token = await download(context, cert.code, cookie);
    const post = (form: FormData) => verifyFileAction({ request: new Request(`${PUBLIC}/verify`, { method: "POST", body: form }), params: {}, context });
    const upload = new FormData();
    upload.set("file", new File([token], "badge-mini.jwt", { type: "application/vc+jwt" }));
    upload.set("credential", "");
    const uploaded = await ((await post(upload)) as Response).json();
    expect(uploaded).toMatchObject({ ok: true, result: { valid: true } });
    const paste = new FormData();
    paste.set("credential", `  ${tamper(token)}\n`);
    expect(await ((await post(paste)) as Response).json()).toMatchObject({ ok: true, result: { valid: false } });
    const empty = new FormData();
    empty.set("credential", " ");
    const res = (await post(empty)) as Response;
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: "verify.file.empty" });
  });

  it("are given, by the migration, to certificates issued before badges were signed", async () => {
    const opened = openDatabase(":memory:");
    await new Migrator({ db: opened.db, provider: { getMigrations: async () => migrations } }).migrateTo("0013_audit_log");
    const user = await makeUser(opened.db, "Early.Bird@example.org");
    const other = await makeUser(opened.db, "second@example.org");
    for (const [id, u] of [["c1", user], ["c2", other]] as const)
      await (opened.db as any)
        .insertInto("certificates")
        .values({ id, code: `ABCDEFGHJKLMNPQ${id.at(-1)}`, user_id: u.id, course_id: "mini", learner_name: "L", course_title: "{}", hours: 1, programme: "P", issued_at: 1, revoked_at: null, revoked_reason: null })
        .execute();
    await migrateToLatest(opened.db);
    const rows = await opened.db.selectFrom("certificates").select(["id", "status_list", "status_index", "recipient_hash", "recipient_salt"]).orderBy("id").execute();
    expect(rows.map((r) => [r.status_list, r.status_index])).toEqual([[1, 0], [1, 48271]]);
    expect(rows[0]!.recipient_hash).toBe(recipientHash("early.bird@example.org", rows[0]!.recipient_salt!));
    // The next certificate continues after them.
    const next = await issueCertificate(opened.db, (await makeUser(opened.db, "third@example.org")).id, rt.catalog.byId.get("mini")!);
    expect(next!.status_index).toBe((2 * 48271) % 131072);
    opened.sqlite.close();
  });
});
