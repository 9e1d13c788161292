// SPDX-License-Identifier: UNLICENSED
import type { KeyObject } from 'node:crypto';
import { keyFingerprint } from '../../../shared/crypto/keyFingerprint.js';
import { nodeSign, rawPublicKey } from './nodeEd25519.js';

/** An unlocked examiner identity. The private key stays inside this object, in the main process. */
export interface Signer {
  readonly fingerprint: string;
  readonly publicKey: Uint8Array;
  readonly name: string;
  readonly role: string | null;
  sign(message: Uint8Array): Uint8Array;
}

export function createSigner(privateKey: KeyObject, name: string, role: string | null): Signer {
  const publicKey = rawPublicKey(privateKey);
  return {
    fingerprint: keyFingerprint(publicKey),
    publicKey,
    name,
    role,
    sign: (message) => nodeSign(message, privateKey),
  };
}
