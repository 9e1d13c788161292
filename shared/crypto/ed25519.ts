// SPDX-License-Identifier: UNLICENSED
// Ed25519 (RFC 8032) through @noble/ed25519, the reference implementation, so the same code runs
// in the renderer. The Node side may sign with node:crypto instead; a test proves the bytes match.
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

ed.hashes.sha512 = sha512;

export const ED25519_PUBLIC_KEY_LENGTH = 32;
export const ED25519_SIGNATURE_LENGTH = 64;

export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(secretKey);
}

export function ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed.sign(message, secretKey);
}

/** A function that checks one Ed25519 signature; verifiers accept one so Node can pass a faster one. */
export type Ed25519Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

/** RFC 8032 §5.1.7 verification; malformed keys or signatures yield false, never a throw. */
export const ed25519Verify: Ed25519Verify = (signature, message, publicKey) => {
  if (signature.length !== ED25519_SIGNATURE_LENGTH || publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) return false;
  try {
    // noble defaults to ZIP-215, which accepts non-canonical point encodings (y >= p) that RFC 8032
    // §5.1.3 and OpenSSL reject; strict mode also refuses small-order public keys.
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
};

/**
 * True for a canonical encoding (RFC 8032 §5.1.3) of a point that is not of small order. A
 * small-order key (e.g. the identity) lets anyone forge signatures that OpenSSL accepts, so no
 * verifier here trusts one.
 */
export function isUsablePublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) return false;
  try {
    return !ed.Point.fromBytes(publicKey, false).isSmallOrder();
  } catch {
    return false;
  }
}
