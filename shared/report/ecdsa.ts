// SPDX-License-Identifier: UNLICENSED
// ECDSA P-256 / SHA-256 verification through WebCrypto, which Node 20 and the renderer both have.
// CMS and X.509 carry DER Ecdsa-Sig-Value (RFC 3279 §2.2.3); WebCrypto wants r‖s (IEEE P1363).
import { TAG, children, expectTag, readDerExact } from './der.js';

/** Verifies a DER ECDSA-SHA256 signature by the P-256 key in `spki` (DER SubjectPublicKeyInfo). */
export type EcdsaVerify = (spki: Uint8Array, signatureDer: Uint8Array, message: Uint8Array) => Promise<boolean>;

/** r‖s, each left-padded to 32 bytes; null when the DER is not a valid P-256 signature value. */
export function ecdsaDerToRaw(signatureDer: Uint8Array): Uint8Array | null {
  try {
    const [r, s] = children(expectTag(readDerExact(signatureDer), TAG.SEQUENCE, 'Ecdsa-Sig-Value'));
    const out = new Uint8Array(64);
    for (const [i, node] of [r, s].entries()) {
      let v = expectTag(node, TAG.INTEGER, 'r/s').content;
      // r and s are positive: a set high bit would make the INTEGER negative.
      if (v.length === 0 || (v[0]! & 0x80) !== 0) return null;
      while (v.length > 1 && v[0] === 0) v = v.subarray(1);
      if (v.length > 32) return null;
      out.set(v, i * 32 + 32 - v.length);
    }
    return out;
  } catch {
    return null;
  }
}

const copy = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer;

export const webCryptoEcdsaVerify: EcdsaVerify = async (spki, signatureDer, message) => {
  const raw = ecdsaDerToRaw(signatureDer);
  if (!raw) return false;
  try {
    const subtle = globalThis.crypto.subtle;
    const key = await subtle.importKey('spki', copy(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, copy(raw), copy(message));
  } catch {
    return false;
  }
};
