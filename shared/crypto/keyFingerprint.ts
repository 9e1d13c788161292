// SPDX-License-Identifier: UNLICENSED
// Examiner key identity: lowercase hex SHA-256 of the 32-byte raw Ed25519 public key, and the PEM
// SubjectPublicKeyInfo form (RFC 8410 §4) that `openssl pkey -pubin` reads.
import { concatBytes, fromBase64, toBase64, bytesEqual } from '../encoding.js';
import { sha256Hex } from './sha256.js';

export function keyFingerprint(publicKey: Uint8Array): string {
  return sha256Hex(publicKey);
}

/** 64 hex digits in groups of four, eight groups a line, for reading aloud or writing down. */
export function groupFingerprint(fingerprint: string): string {
  const groups = fingerprint.match(/.{1,4}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 8) lines.push(groups.slice(i, i + 8).join(' '));
  return lines.join('\n');
}

// DER prefix of SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 1.3.101.112 }, BIT STRING (32 bytes) }.
const SPKI_ED25519_PREFIX = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export function ed25519PublicKeyToSpkiDer(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  return concatBytes(SPKI_ED25519_PREFIX, publicKey);
}

export function ed25519PublicKeyToPem(publicKey: Uint8Array): string {
  const b64 = toBase64(ed25519PublicKeyToSpkiDer(publicKey));
  return `-----BEGIN PUBLIC KEY-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PUBLIC KEY-----\n`;
}

export function ed25519PublicKeyFromPem(pem: string): Uint8Array {
  const m = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(pem);
  if (!m) throw new TypeError('no PEM PUBLIC KEY block found');
  const der = fromBase64(m[1]!.replace(/\s+/g, ''));
  if (der.length !== 44 || !bytesEqual(der.subarray(0, 12), SPKI_ED25519_PREFIX)) {
    throw new TypeError('the PEM key is not an Ed25519 SubjectPublicKeyInfo');
  }
  return der.slice(12);
}
