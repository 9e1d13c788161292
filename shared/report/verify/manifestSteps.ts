// SPDX-License-Identifier: UNLICENSED
// Steps 7–8: the manifest's Ed25519 signature, and the SHA-256 of every attachment it lists.
import { canonicalize } from '../../canonicalJson.js';
import { bytesEqual, fromBase64, fromUtf8, toHex } from '../../encoding.js';
import { sha256Hex } from '../../crypto/sha256.js';
import { ed25519PublicKeyFromPem } from '../../crypto/keyFingerprint.js';
import { CERTIFICATE_NAME, MANIFEST_NAME, MANIFEST_SIG_NAME, examinerPemName } from '../manifest.js';
import { pemBlocks } from '../x509.js';
import { StepBuilder, type ReportParts, type StepResult, type VerifyDeps } from './types.js';

const hex = (h: string) => Uint8Array.from((h.match(/../g) ?? []).map((x) => parseInt(x, 16)));

export function manifestSignatureStep(p: ReportParts, deps: VerifyDeps): StepResult {
  const s = new StepBuilder('manifest-signature', 'Manifest: Ed25519 signature over its RFC 8785 canonical JSON');
  const m = p.manifest;
  if (!p.manifestBytes) {
    s.fail('manifest.json', 'missing');
    return s.done('no manifest');
  }
  if (!m) {
    s.fail('manifest parses', p.manifestError ?? 'unreadable');
    return s.done('the manifest cannot be read');
  }
  let canonical = false;
  try {
    canonical = canonicalize(JSON.parse(fromUtf8(p.manifestBytes))) === fromUtf8(p.manifestBytes);
  } catch {
    canonical = false;
  }
  s.check('manifest.json is its own canonical form', canonical, 'RFC 8785 bytes', canonical ? 'RFC 8785 bytes' : 'other bytes');
  const sig = p.attachments.get(MANIFEST_SIG_NAME)?.data;
  if (!sig) s.fail(MANIFEST_SIG_NAME, 'missing');
  else {
    const ok = sig.length === 64 && deps.ed25519Verify(sig, p.manifestBytes, hex(m.signer.publicKey));
    s.check('Ed25519 signature by the examiner', ok, 'valid', ok ? 'valid' : 'invalid', `key ${m.signer.fingerprint}`);
  }
  return s.done(`report ${m.reportId}, case ${m.case.number}, signed by ${m.signer.fingerprint.slice(0, 16)}…`);
}

export function attachmentHashesStep(p: ReportParts): StepResult {
  const s = new StepBuilder('attachment-hashes', 'Attachments: each one’s SHA-256 equals the manifest’s');
  const m = p.manifest;
  if (!m) {
    s.fail('manifest', p.manifestError ?? 'missing');
    return s.done('no manifest');
  }
  const listed = new Set<string>([MANIFEST_NAME, MANIFEST_SIG_NAME]);
  for (const a of m.attachments) {
    listed.add(a.name);
    const found = p.attachments.get(a.name);
    if (!found) {
      s.check(a.name, false, a.sha256, 'missing');
      continue;
    }
    if (found.error) {
      s.check(a.name, false, a.sha256, `unreadable: ${found.error}`);
      continue;
    }
    const digest = sha256Hex(found.data);
    s.check(a.name, digest === a.sha256 && found.data.length === a.size, `${a.sha256} (${a.size} bytes)`, `${digest} (${found.data.length} bytes)`);
  }
  for (const name of p.attachments.keys()) if (!listed.has(name)) s.check(`${name} is listed in the manifest`, false, 'listed', 'not listed');
  for (const e of m.examiners) {
    const pem = p.attachments.get(examinerPemName(e.fingerprint));
    if (!pem) {
      s.check(`public key of ${e.name}`, false, examinerPemName(e.fingerprint), 'missing');
      continue;
    }
    let key = '';
    try {
      key = toHex(ed25519PublicKeyFromPem(fromUtf8(pem.data)));
    } catch {
      key = 'unreadable PEM';
    }
    s.check(`${examinerPemName(e.fingerprint)} holds ${e.name}’s key`, key === e.publicKey, e.publicKey, key);
  }
  const certPem = p.attachments.get(CERTIFICATE_NAME);
  if (certPem) {
    let der: Uint8Array | undefined;
    try {
      der = pemBlocks(fromUtf8(certPem.data), 'CERTIFICATE')[0];
    } catch {
      der = undefined;
    }
    const digest = der ? sha256Hex(der) : 'unreadable';
    s.check(`${CERTIFICATE_NAME} is the signer certificate`, digest === m.signer.companion.certificateSha256 && (!p.certificate || bytesEqual(p.certificate.der, der!)), m.signer.companion.certificateSha256, digest);
  } else s.check(CERTIFICATE_NAME, false, 'present', 'missing');
  try {
    fromBase64(m.signer.companion.spki);
  } catch {
    s.fail('companion key', 'not base64');
  }
  return s.done(`${m.attachments.length} attachments listed with their SHA-256`);
}
