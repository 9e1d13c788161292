// SPDX-License-Identifier: UNLICENSED
// Signing across threads without moving the private key. The import runs in a worker thread, but
// the vault's services sign synchronously (appendEvent calls signer.sign inside a transaction).
// The worker's Signer posts the message to the owning thread and blocks on Atomics.wait; the owning
// thread signs with the real Signer, writes the 64-byte signature into shared memory and wakes it.
// Only messages and signatures cross; the key never leaves the thread that unlocked it.
import type { MessagePort } from 'node:worker_threads';
import type { Signer } from '../keys/signer.js';

const STATE = 0; // Int32 slot: 0 = waiting, 1 = signature ready, 2 = refused
const SIG_OFFSET = 8;
const SIG_LENGTH = 64;

export interface SignerInfo {
  fingerprint: string;
  publicKey: Uint8Array;
  name: string;
  role: string | null;
  organisation: string | null;
}

export function createSignBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(SIG_OFFSET + SIG_LENGTH);
}

/** Owning thread: answers one sign request (called from the worker's 'message' event). */
export function answerSignRequest(buffer: SharedArrayBuffer, signer: Signer | undefined, message: Uint8Array): void {
  const state = new Int32Array(buffer, 0, 2);
  if (!signer) {
    Atomics.store(state, STATE, 2);
  } else {
    new Uint8Array(buffer, SIG_OFFSET, SIG_LENGTH).set(signer.sign(message));
    Atomics.store(state, STATE, 1);
  }
  Atomics.notify(state, STATE);
}

/** Worker thread: a Signer whose sign() asks the owning thread and waits for the answer. */
export function remoteSigner(info: SignerInfo, buffer: SharedArrayBuffer, port: MessagePort): Signer {
  const state = new Int32Array(buffer, 0, 2);
  return {
    fingerprint: info.fingerprint,
    publicKey: info.publicKey,
    name: info.name,
    role: info.role,
    organisation: info.organisation,
    // Imports sign custody events only (Ed25519); the ECDSA companion is not offered to workers.
    companion: null,
    sign(message: Uint8Array): Uint8Array {
      Atomics.store(state, STATE, 0);
      port.postMessage({ type: 'sign', message });
      // 30 s is far beyond a signature's cost; a timeout means the owning thread is gone.
      if (Atomics.wait(state, STATE, 0, 30_000) === 'timed-out') throw new Error('signing timed out');
      if (Atomics.load(state, STATE) !== 1) throw new Error('the examiner key was locked during the import');
      return new Uint8Array(buffer, SIG_OFFSET, SIG_LENGTH).slice();
    },
  };
}
