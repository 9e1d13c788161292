// SPDX-License-Identifier: UNLICENSED
import { createPublicKey, sign as nodeSignDigest, type KeyObject } from 'node:crypto';
import { keyFingerprint } from '../../../shared/crypto/keyFingerprint.js';
import { nodeSign, rawPublicKey } from './nodeEd25519.js';

/** An unlocked examiner identity. The private key stays inside this object, in the main process. */
export interface Signer {
  readonly fingerprint: string;
  readonly publicKey: Uint8Array;
  readonly name: string;
  readonly role: string | null;
  /** As the examiner gave it when the key was made; signed into examiner.registered. */
  readonly organisation: string | null;
  sign(message: Uint8Array): Uint8Array;
  /** The ECDSA P-256 companion, for PAdES and OpenSSF model signing; null for keys without one. */
  readonly companion: CompanionSigner | null;
}

export interface CompanionSigner {
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Uint8Array;
  /** ECDSA with SHA-256 over `message`; the signature is DER (RFC 3279 Ecdsa-Sig-Value). */
  sign(message: Uint8Array): Uint8Array;
}

/** Who the key says it belongs to, as the key file records it. */
export interface Holder {
  name: string;
  role: string | null;
  organisation: string | null;
}

export function createSigner(privateKey: KeyObject, holder: Holder, companion: KeyObject | null = null): Signer {
  const publicKey = rawPublicKey(privateKey);
  return {
    fingerprint: keyFingerprint(publicKey),
    publicKey,
    name: holder.name,
    role: holder.role,
    organisation: holder.organisation,
    sign: (message) => nodeSign(message, privateKey),
    companion: companion
      ? {
          spki: new Uint8Array(createPublicKey(companion).export({ format: 'der', type: 'spki' })),
          sign: (message) => new Uint8Array(nodeSignDigest('sha256', message, companion)),
        }
      : null,
  };
}
