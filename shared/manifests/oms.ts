// SPDX-License-Identifier: UNLICENSED
// OpenSSF Model Signing (OMS) v1.0, key-based: what `model_signing sign key` writes and
// `model_signing verify key` checks (sigstore/model-transparency, src/model_signing/_signing/
// signing.py and sign_ec_key.py).
//
//   Sigstore bundle v0.3 (JSON)             mediaType application/vnd.dev.sigstore.bundle.v0.3+json
//     verificationMaterial.publicKey.hint   hex SHA-256 of the signer's PEM SubjectPublicKeyInfo text
//     verificationMaterial.tlogEntries      empty (offline, key-based: no transparency log)
//     dsseEnvelope                          payloadType application/vnd.in-toto+json, payload base64,
//                                           signatures [{sig: base64 DER ECDSA, keyid: ""}]
//   DSSE signs PAE = "DSSEv1" SP len(type) SP type SP len(body) SP body (lengths: decimal byte counts)
//   in-toto Statement v1                    _type https://in-toto.io/Statement/v1
//     subject   exactly one: {name: the model folder's name, digest: {sha256: ROOT}}
//     predicateType https://model_signing/signature/v1.0
//     predicate.serialization {method: "files", hash_type: "sha256", allow_symlinks, ignore_paths}
//     predicate.resources [{name: POSIX path inside the folder, algorithm: "sha256", digest: hex}],
//                         sorted by name
//   ROOT = SHA-256 over the concatenated raw digests of the resources in that order; a verifier
//   recomputes it ("Manifest is inconsistent" in model_signing).
// Keys: ECDSA P-256 with SHA-256 (model_signing refuses Ed25519; P-384/521 use SHA-384/512).
//
// The verifier is a fixed pipeline of named checks over bytes (parse → envelope → statement → root →
// key hint → signature → files); the ECDSA check is injected, so this file stays browser-safe.
import { sha256, sha256Hex } from '../crypto/sha256.js';
import { concatBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from '../encoding.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const OMS_PREDICATE_TYPE = 'https://model_signing/signature/v1.0';
/** What model_signing ignores by default; the signature file itself is added when it lies in the folder. */
export const DEFAULT_IGNORE_PATHS = ['.git', '.gitattributes', '.github', '.gitignore'];

export interface OmsResource {
  name: string;
  algorithm: 'sha256';
  digest: string;
}

export interface OmsStatement {
  _type: typeof STATEMENT_TYPE;
  subject: { name: string; digest: { sha256: string } }[];
  predicateType: typeof OMS_PREDICATE_TYPE;
  predicate: {
    serialization: { method: 'files'; hash_type: 'sha256'; allow_symlinks: boolean; ignore_paths?: string[] };
    resources: OmsResource[];
  };
}

export interface SigstoreBundle {
  mediaType: string;
  verificationMaterial: { publicKey: { hint: string }; tlogEntries: unknown[] };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** SHA-256 over the raw resource digests in name order (signing.py, Payload.__init__). */
export function omsRootDigest(resources: readonly { name: string; digest: string }[]): string {
  return sha256Hex(concatBytes(...[...resources].sort(byName).map((r) => fromHex(r.digest))));
}

export function omsStatement(modelName: string, files: readonly { name: string; sha256: string }[], ignorePaths: readonly string[]): OmsStatement {
  const resources = [...files].sort(byName).map((f) => ({ name: f.name, algorithm: 'sha256' as const, digest: f.sha256 }));
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: modelName, digest: { sha256: omsRootDigest(resources) } }],
    predicateType: OMS_PREDICATE_TYPE,
    predicate: { serialization: { method: 'files', hash_type: 'sha256', allow_symlinks: false, ignore_paths: [...ignorePaths] }, resources },
  };
}

/** DSSE v1 pre-authentication encoding (secure-systems-lab/dsse, protocol.md). */
export function dssePae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8(payloadType);
  return concatBytes(utf8(`DSSEv1 ${type.length} `), type, utf8(` ${payload.length} `), payload);
}

/** PEM SubjectPublicKeyInfo as OpenSSL and Python's cryptography write it (64-column base64). */
export function spkiPem(spki: Uint8Array): string {
  return `-----BEGIN PUBLIC KEY-----\n${(toBase64(spki).match(/.{1,64}/g) ?? []).join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** model_signing's key hint: hex SHA-256 of the PEM text (not of the DER). */
export function publicKeyHint(spki: Uint8Array): string {
  return sha256Hex(spkiPem(spki));
}

export function omsBundle(payload: Uint8Array, derSignature: Uint8Array, signerSpki: Uint8Array): SigstoreBundle {
  return {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: publicKeyHint(signerSpki) }, tlogEntries: [] },
    dsseEnvelope: { payload: toBase64(payload), payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ sig: toBase64(derSignature), keyid: '' }] },
  };
}

export type OmsCheckName = 'BUNDLE' | 'ENVELOPE' | 'STATEMENT' | 'ROOT_DIGEST' | 'KEY' | 'SIGNATURE' | 'FILES';

export interface OmsCheck {
  check: OmsCheckName;
  ok: boolean;
  detail: string;
}

export interface OmsVerification {
  ok: boolean;
  checks: OmsCheck[];
  statement?: OmsStatement;
  /** Per-file outcome when files were given. */
  files?: { name: string; status: 'match' | 'changed' | 'missing' | 'unsigned' }[];
}

export interface OmsVerifyInput {
  bundle: Uint8Array;
  /** Candidate signer keys (DER SPKI): the one whose hint matches is used. */
  keys: readonly Uint8Array[];
  /** ECDSA P-256/SHA-256 over `message` with a DER signature (node:crypto or WebCrypto after DER → P1363). */
  verifyEcdsa: (spki: Uint8Array, message: Uint8Array, derSignature: Uint8Array) => boolean | Promise<boolean>;
  /** SHA-256 of each file found in the model folder (ignore paths already left out), or undefined to skip. */
  files?: ReadonlyMap<string, string>;
}

export async function verifyOmsBundle(input: OmsVerifyInput): Promise<OmsVerification> {
  const checks: OmsCheck[] = [];
  const done = (): OmsVerification => ({ ok: checks.every((c) => c.ok), checks });
  const pass = (check: OmsCheckName, detail: string) => checks.push({ check, ok: true, detail });
  const fail = (check: OmsCheckName, detail: string): OmsVerification => {
    checks.push({ check, ok: false, detail });
    return done();
  };
  let bundle: SigstoreBundle;
  try {
    bundle = JSON.parse(fromUtf8(input.bundle)) as SigstoreBundle;
  } catch (err) {
    return fail('BUNDLE', `not a JSON Sigstore bundle (${(err as Error).message})`);
  }
  if (bundle === null || typeof bundle !== 'object' || bundle.mediaType !== BUNDLE_MEDIA_TYPE) return fail('BUNDLE', `mediaType is ${JSON.stringify((bundle as { mediaType?: unknown } | null)?.mediaType)}, expected ${BUNDLE_MEDIA_TYPE}`);
  const hint = bundle.verificationMaterial?.publicKey?.hint;
  if (typeof hint !== 'string') return fail('BUNDLE', 'verificationMaterial.publicKey.hint is missing (not a key-based bundle)');
  pass('BUNDLE', `Sigstore bundle v0.3, key hint ${hint.slice(0, 16)}…`);

  const env = bundle.dsseEnvelope;
  if (!env || env.payloadType !== IN_TOTO_PAYLOAD_TYPE || typeof env.payload !== 'string' || !Array.isArray(env.signatures) || env.signatures.length !== 1 || typeof env.signatures[0]?.sig !== 'string') {
    return fail('ENVELOPE', `expected a DSSE envelope of ${IN_TOTO_PAYLOAD_TYPE} with one signature`);
  }
  let payload: Uint8Array;
  let sig: Uint8Array;
  try {
    payload = fromBase64(env.payload);
    sig = fromBase64(env.signatures[0].sig);
  } catch {
    return fail('ENVELOPE', 'payload or signature is not base64');
  }
  pass('ENVELOPE', `DSSE, ${payload.length}-byte payload, one signature`);

  let st: OmsStatement;
  try {
    st = JSON.parse(fromUtf8(payload)) as OmsStatement;
  } catch (err) {
    return fail('STATEMENT', `the payload is not JSON (${(err as Error).message})`);
  }
  if (st?._type !== STATEMENT_TYPE) return fail('STATEMENT', `_type is ${JSON.stringify(st?._type)}, expected ${STATEMENT_TYPE}`);
  if (st.predicateType !== OMS_PREDICATE_TYPE) return fail('STATEMENT', `predicateType is ${JSON.stringify(st.predicateType)}, expected ${OMS_PREDICATE_TYPE}`);
  if (!Array.isArray(st.subject) || st.subject.length !== 1) return fail('STATEMENT', `expected exactly one subject, found ${Array.isArray(st.subject) ? st.subject.length : 'none'}`);
  const resources = st.predicate?.resources;
  if (!Array.isArray(resources) || !resources.every((r) => typeof r?.name === 'string' && r.algorithm === 'sha256' && typeof r.digest === 'string' && /^[0-9a-f]{64}$/.test(r.digest))) return fail('STATEMENT', 'predicate.resources must be {name, algorithm: "sha256", digest: 64 hex} entries');
  if (st.predicate.serialization?.method !== 'files' || st.predicate.serialization.hash_type !== 'sha256') return fail('STATEMENT', `serialization ${JSON.stringify(st.predicate.serialization)} is not files/sha256`);
  pass('STATEMENT', `in-toto Statement v1, ${OMS_PREDICATE_TYPE}, model ${JSON.stringify(st.subject[0]!.name)}, ${resources.length} files`);

  // In the order the predicate lists them, as the reference verifier hashes them.
  const root = sha256Hex(concatBytes(...resources.map((r) => fromHex(r.digest))));
  if (root !== st.subject[0]!.digest?.sha256) return fail('ROOT_DIGEST', `manifest is inconsistent: subject digest ${st.subject[0]!.digest?.sha256}, resources hash to ${root}`);
  pass('ROOT_DIGEST', `subject digest ${root} = SHA-256 of the resource digests`);

  const key = input.keys.find((k) => publicKeyHint(k) === hint);
  if (!key) return fail('KEY', `no known key has hint ${hint}; give the signer's public key (PEM)`);
  pass('KEY', `signer key SHA-256(PEM) ${hint.slice(0, 16)}… (SPKI SHA-256 ${toHex(sha256(key)).slice(0, 16)}…)`);

  const pae = dssePae(env.payloadType, payload);
  if (!(await input.verifyEcdsa(key, pae, sig))) return fail('SIGNATURE', 'the ECDSA P-256 signature over the DSSE PAE does not verify');
  pass('SIGNATURE', 'ECDSA P-256 / SHA-256 over the DSSE PAE verifies');

  const out = done();
  out.statement = st;
  if (input.files) {
    const files: NonNullable<OmsVerification['files']> = [];
    const signed = new Map(resources.map((r) => [r.name, r.digest]));
    for (const [name, digest] of signed) {
      const found = input.files.get(name);
      files.push({ name, status: found === undefined ? 'missing' : found === digest ? 'match' : 'changed' });
    }
    for (const name of input.files.keys()) if (!signed.has(name)) files.push({ name, status: 'unsigned' });
    files.sort(byName);
    const bad = files.filter((f) => f.status !== 'match');
    checks.push({ check: 'FILES', ok: bad.length === 0, detail: bad.length === 0 ? `all ${files.length} files match` : bad.slice(0, 20).map((f) => `${f.name}: ${f.status}`).join('; ') + (bad.length > 20 ? `; … ${bad.length - 20} more` : '') });
    out.files = files;
    out.ok = checks.every((c) => c.ok);
  }
  return out;
}
