// SPDX-License-Identifier: UNLICENSED
// Ed25519 through node:crypto (OpenSSL) for speed on the Node side. Signatures are deterministic
// (RFC 8032 §5.1.6), so they are byte-identical to @noble/ed25519's; a unit test proves it.
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { isUsablePublicKey, type Ed25519Verify } from '../../../shared/crypto/ed25519.js';

// PKCS#8 OneAsymmetricKey prefix for an Ed25519 seed (RFC 8410 §7), and the SPKI prefix (§4).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new TypeError('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

export function rawPublicKey(privateKey: KeyObject): Uint8Array {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_PREFIX.length));
}

export function nodeSign(message: Uint8Array, privateKey: KeyObject): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey));
}

/** An Ed25519Verify backed by OpenSSL, caching one KeyObject per public key; same verdicts as ed25519Verify. */
export function createNodeVerify(): Ed25519Verify {
  const cache = new Map<string, KeyObject | null>();
  return (signature, message, publicKey) => {
    if (signature.length !== 64 || publicKey.length !== 32) return false;
    const id = Buffer.from(publicKey).toString('hex');
    let key = cache.get(id);
    if (key === undefined) {
      try {
        // OpenSSL accepts small-order keys, under which signatures can be forged; refuse them.
        key = isUsablePublicKey(publicKey) ? publicKeyObject(publicKey) : null;
      } catch {
        key = null;
      }
      cache.set(id, key);
    }
    if (key === null) return false;
    try {
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  };
}
