// SPDX-License-Identifier: UNLICENSED
// Steps 1–6: the PDF's structure, its embedded PAdES signature (ByteRange, digest, CMS signature,
// signer identity) and the detached Ed25519 signature over the whole file.
import { bytesEqual, fromBase64, toHex } from '../../encoding.js';
import { keyFingerprint } from '../../crypto/keyFingerprint.js';
import { sha256 } from '../../crypto/sha256.js';
import { parseEvent } from '../../custody/verifyLog.js';
import { parseSignedData, signingCertificateHash, singleAttribute } from '../cms.js';
import { TAG, expectTag, readDer, readOid } from '../der.js';
import { CUSTODY_NAME, MANIFEST_NAME, MANIFEST_SIG_NAME, parseManifest } from '../manifest.js';
import { parseCustodyJsonl } from '../custodyJsonl.js';
import { companionPossessionMessage } from '../../custody/names.js';
import { OID } from '../oids.js';
import { PdfDocument } from '../pdfDocument.js';
import { IDENTITY_URI_PREFIX, isP256Spki, parseCertificate } from '../x509.js';
import { StepBuilder, type ReportParts, type StepResult, type VerifyDeps, type VerifyInput } from './types.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function structureStep(input: VerifyInput): { step: StepResult; parts: ReportParts | null } {
  const s = new StepBuilder('pdf-structure', 'PDF structure: one signature, the report attachments');
  let doc: PdfDocument;
  try {
    doc = new PdfDocument(input.pdf);
  } catch (e) {
    s.fail('PDF parses', message(e));
    return { step: s.done('the file is not a PDF this verifier can read'), parts: null };
  }
  s.check('one revision (no incremental update after signing)', !doc.incremental, 'no /Prev in the trailer', doc.incremental ? '/Prev present' : 'none');
  const parts: ReportParts = { doc, signature: null, attachments: new Map(), manifestBytes: null, manifest: null, manifestError: null, events: null, eventsError: null, cms: null, certificate: null, cmsError: null };
  try {
    const sigs = doc.signatures();
    if (s.check('exactly one signature field', sigs.length === 1, '1', String(sigs.length))) parts.signature = sigs[0]!;
  } catch (e) {
    s.fail('signature field', message(e));
  }
  try {
    for (const a of doc.attachments()) {
      if (parts.attachments.has(a.name)) s.fail(`attachment ${a.name}`, 'appears twice');
      parts.attachments.set(a.name, a);
    }
  } catch (e) {
    s.fail('attachments', message(e));
  }
  for (const name of [MANIFEST_NAME, MANIFEST_SIG_NAME, CUSTODY_NAME]) s.check(`attachment ${name}`, parts.attachments.has(name), 'present', parts.attachments.has(name) ? 'present' : 'missing');
  const manifest = parts.attachments.get(MANIFEST_NAME);
  if (manifest?.error) parts.manifestError = manifest.error;
  else if (manifest) {
    parts.manifestBytes = manifest.data;
    try {
      parts.manifest = parseManifest(manifest.data);
    } catch (e) {
      parts.manifestError = message(e);
    }
  }
  const custody = parts.attachments.get(CUSTODY_NAME);
  if (custody?.error) parts.eventsError = custody.error;
  else if (custody) {
    try {
      parts.events = parseCustodyJsonl(custody.data);
    } catch (e) {
      parts.eventsError = message(e);
    }
  }
  if (parts.signature) {
    try {
      // The CMS is zero-padded to fill the placeholder; DER says where it ends.
      const contents = parts.signature.contents.bytes;
      const der = readDer(contents).raw;
      if (contents.subarray(der.length).some((b) => b !== 0)) throw new Error('bytes other than zero padding follow the CMS in /Contents');
      parts.cms = parseSignedData(der);
      const signer = parts.cms.certificates.map(parseCertificate).find((c) => bytesEqual(c.issuer, parts.cms!.signerIssuer) && bytesEqual(c.serial, parts.cms!.signerSerial));
      if (!signer) throw new Error('the signer certificate is not in the CMS');
      parts.certificate = signer;
    } catch (e) {
      parts.cmsError = message(e);
    }
  }
  return { step: s.done(`${parts.attachments.size} attachments: ${[...parts.attachments.keys()].join(', ')}`), parts };
}

export function byteRangeStep(p: ReportParts, fileSize: number): StepResult {
  const s = new StepBuilder('pdf-byterange', 'PDF signature: ByteRange covers the whole file except /Contents');
  const sig = p.signature;
  if (!sig) return s.skip('no signature field');
  const r = sig.byteRange;
  const [z, a, b, c] = r;
  const ints = r.length === 4 && r.every((n) => Number.isSafeInteger(n) && n >= 0);
  s.check('ByteRange has four integers', ints, '[0 a b c]', `[${r.join(' ')}]`);
  if (!ints) return s.done('malformed ByteRange');
  s.check('starts at byte 0', z === 0, '0', String(z));
  s.check('first range ends where /Contents begins', a === sig.contents.start, String(sig.contents.start), String(a));
  s.check('second range starts where /Contents ends', b === sig.contents.end, String(sig.contents.end), String(b));
  s.check('second range ends at the end of the file', b! + c! === fileSize, String(fileSize), String(b! + c!));
  return s.done(`signed ranges [0, ${a}) and [${b}, ${b! + c!}) of ${fileSize} bytes`);
}

export function digestStep(p: ReportParts, input: VerifyInput, deps: VerifyDeps): StepResult {
  const s = new StepBuilder('pdf-digest', 'PDF signature: SHA-256 of the signed bytes equals the CMS messageDigest');
  if (!p.signature) return s.skip('no signature field');
  if (!p.cms) {
    s.fail('CMS parses', p.cmsError ?? 'no CMS');
    return s.done('the signature cannot be read');
  }
  const [, a, b, c] = p.signature.byteRange as [number, number, number, number];
  if (!(b + c <= input.pdf.length && a <= b)) {
    s.fail('signed bytes', 'ByteRange lies outside the file');
    return s.done('malformed ByteRange');
  }
  s.check('digest algorithm', p.cms.digestAlgorithm === OID.sha256, `SHA-256 (${OID.sha256})`, p.cms.digestAlgorithm);
  const actual = (deps.sha256 ?? defaultSha256)([input.pdf.subarray(0, a), input.pdf.subarray(b, b + c)]);
  try {
    const md = expectTag(singleAttribute(p.cms, OID.messageDigest, 'messageDigest'), TAG.OCTET_STRING, 'messageDigest').content;
    s.check('messageDigest', bytesEqual(md, actual), toHex(actual), toHex(md));
  } catch (e) {
    s.fail('messageDigest', message(e));
  }
  return s.done(`SHA-256 of ${a + c} signed bytes`);
}

function defaultSha256(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, x) => n + x.length, 0);
  const all = new Uint8Array(total);
  let o = 0;
  for (const x of parts) {
    all.set(x, o);
    o += x.length;
  }
  return sha256(all);
}

export async function cmsStep(p: ReportParts, deps: VerifyDeps): Promise<StepResult> {
  const s = new StepBuilder('pdf-cms-signature', 'PDF signature: CMS (PAdES B-B) signature by the certificate it names');
  if (!p.signature) return s.skip('no signature field');
  s.check('SubFilter', p.signature.subFilter === 'ETSI.CAdES.detached', 'ETSI.CAdES.detached', p.signature.subFilter ?? 'none');
  if (!p.cms || !p.certificate) {
    s.fail('CMS parses', p.cmsError ?? 'no CMS');
    return s.done('the signature cannot be read');
  }
  const cms = p.cms;
  const cert = p.certificate;
  try {
    s.check('contentType attribute', readOid(singleAttribute(cms, OID.contentType, 'contentType')) === OID.data, 'id-data', readOid(singleAttribute(cms, OID.contentType, 'contentType')));
    const certHash = signingCertificateHash(cms);
    s.check('signing-certificate-v2 names the signer certificate', bytesEqual(certHash, sha256(cert.der)), toHex(sha256(cert.der)), toHex(certHash));
  } catch (e) {
    s.fail('signed attributes', message(e));
  }
  s.check('no signingTime attribute (PAdES keeps the time in /M)', !cms.attributes.has(OID.signingTime), 'absent', cms.attributes.has(OID.signingTime) ? 'present' : 'absent');
  s.check('signature algorithm', cms.signatureAlgorithm === OID.ecdsaWithSha256, `ecdsa-with-SHA256 (${OID.ecdsaWithSha256})`, cms.signatureAlgorithm);
  s.check('signer key is ECDSA P-256', isP256Spki(cert.spki), 'P-256', isP256Spki(cert.spki) ? 'P-256' : 'other');
  const ok = await deps.ecdsaVerify(cert.spki, cms.signature, cms.signedAttributes);
  s.check('ECDSA signature over the signed attributes', ok, 'valid', ok ? 'valid' : 'invalid');
  return s.done(`signer certificate: ${[...cert.subjectAttributes.values()].join(', ')}`);
}

export async function identityStep(p: ReportParts, input: VerifyInput, deps: VerifyDeps): Promise<StepResult> {
  const s = new StepBuilder('pdf-signer-identity', 'PDF signature: signer key bound to the examiner identity');
  if (!p.certificate) {
    s.fail('signer certificate', p.cmsError ?? 'no signature');
    return s.done('no signer certificate');
  }
  const m = p.manifest;
  if (!m) {
    s.fail('manifest', p.manifestError ?? 'missing');
    return s.done('no manifest to name the examiner');
  }
  const cert = p.certificate;
  const signer = m.signer;
  const publicKey = hexBytes(signer.publicKey);
  if (!publicKey) {
    s.fail('signer public key', 'not 32 bytes of hex');
    return s.done('unreadable signer key');
  }
  const fp = keyFingerprint(publicKey);
  s.check('signer fingerprint is SHA-256 of its key', fp === signer.fingerprint, fp, signer.fingerprint);
  let spki: Uint8Array = new Uint8Array(0);
  try {
    spki = fromBase64(signer.companion.spki);
  } catch {
    s.fail('companion key', 'not base64');
  }
  s.check('certificate key is the examiner’s companion key', bytesEqual(cert.spki, spki), toHex(sha256(spki)).slice(0, 32), toHex(sha256(cert.spki)).slice(0, 32));
  const names = [cert.subjectAttributes.get(OID.serialNumber), ...cert.uris.filter((u) => u.startsWith(IDENTITY_URI_PREFIX)).map((u) => u.slice(IDENTITY_URI_PREFIX.length))];
  s.check('certificate names the examiner fingerprint', names.includes(fp), fp, names.filter(Boolean).join(', ') || 'none');
  try {
    const bytes = fromBase64(signer.companion.bound.event);
    const signature = fromBase64(signer.companion.bound.signature);
    const bound = deps.ed25519Verify(signature, bytes, publicKey);
    s.check('examiner.companion_bound event signed by the examiner key', bound, 'valid', bound ? 'valid' : 'invalid');
    const event = parseEvent(bytes);
    const d = event.details as { fingerprint?: string; spki?: string; possession?: string };
    s.check('binding event names this identity and companion key', event.action === 'examiner.companion_bound' && event.actor === fp && d.fingerprint === fp && d.spki === signer.companion.spki, `examiner.companion_bound by ${fp.slice(0, 16)}…`, `${event.action} by ${event.actor.slice(0, 16)}…`);
    const possession = await deps.ecdsaVerify(spki, fromBase64(d.possession ?? ''), companionPossessionMessage(fp));
    s.check('companion key proved possession (ECDSA over the fingerprint)', possession, 'valid', possession ? 'valid' : 'invalid');
  } catch (e) {
    s.fail('companion binding', message(e));
  }
  const wanted = input.expected?.publicKey ? keyFingerprint(input.expected.publicKey) : input.expected?.fingerprint?.toLowerCase().replace(/[\s:]/g, '');
  if (wanted !== undefined) s.check('examiner is the expected identity', wanted === fp, wanted, fp);
  return s.done(`${signer.name}${signer.role ? ` (${signer.role})` : ''}, key ${fp}${wanted === undefined ? '; identity NOT pinned: pass --key or --fingerprint' : ''}`);
}

export function detachedStep(p: ReportParts, input: VerifyInput, deps: VerifyDeps): StepResult {
  const s = new StepBuilder('detached-signature', 'Detached Ed25519 signature over the whole file (report.pdf.sig)');
  if (!input.detachedSignature) return s.skip('no .sig file given');
  const key = input.expected?.publicKey ?? (p.manifest ? hexBytes(p.manifest.signer.publicKey) : null);
  if (!key) {
    s.fail('signer key', 'no expected key and no readable manifest');
    return s.done('no key to verify with');
  }
  s.check('signature length', input.detachedSignature.length === 64, '64 bytes', `${input.detachedSignature.length} bytes`);
  const ok = deps.ed25519Verify(input.detachedSignature, input.pdf, key);
  s.check('Ed25519 signature over every byte of the PDF', ok, 'valid', ok ? 'valid' : 'invalid', `key ${keyFingerprint(key)}`);
  return s.done(`verified with key ${keyFingerprint(key).slice(0, 16)}…`);
}

function hexBytes(hex: string): Uint8Array | null {
  return /^[0-9a-f]{64}$/.test(hex) ? Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16))) : null;
}
