// SPDX-License-Identifier: UNLICENSED
// Signing across threads without moving the private key. The import runs in a worker thread, but
// the vault's services sign synchronously (appendEvent calls signer.sign inside a transaction).
// The worker's Signer posts the message to the owning thread and blocks on Atomics.wait; the owning
// thread signs with the real Signer, writes the 64-byte signature into shared memory and wakes it.
// Only messages and signatures cross; the key never leaves the thread that unlocked it.
// Report workers also get the ECDSA P-256 companion (PAdES, certificates) the same way, and ask the
// owning thread for leave to commit (askOwner), so a cancel and a commit cannot both happen.
import type { MessagePort } from 'node:worker_threads';
import { KeyError } from '../../../shared/errors.js';
import type { Signer } from '../keys/signer.js';

const STATE = 0; // Int32 slot: 0 = waiting, 1 = signature ready (or: yes), 2 = refused
const LENGTH = 1; // Int32 slot: the signature's length (Ed25519: 64; ECDSA DER: at most 72)
const SIG_OFFSET = 8;
const SIG_ROOM = 80;

export type SignKey = 'ed25519' | 'companion';

export interface SignerInfo {
  fingerprint: string;
  publicKey: Uint8Array;
  name: string;
  role: string | null;
  organisation: string | null;
}

export function createSignBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(SIG_OFFSET + SIG_ROOM);
}

/** Owning thread: answers one sign request (called from the worker's 'message' event). */
export function answerSignRequest(buffer: SharedArrayBuffer, signer: Signer | undefined, message: Uint8Array, key: SignKey = 'ed25519'): void {
  const state = new Int32Array(buffer, 0, 2);
  const sign = key === 'companion' ? signer?.companion?.sign : signer?.sign;
  const signature = sign?.(message);
  if (!signature || signature.length > SIG_ROOM) {
    Atomics.store(state, STATE, 2);
  } else {
    new Uint8Array(buffer, SIG_OFFSET, SIG_ROOM).set(signature);
    Atomics.store(state, LENGTH, signature.length);
    Atomics.store(state, STATE, 1);
  }
  Atomics.notify(state, STATE);
}

/** Owning thread: answers a worker's askOwner (yes or no). */
export function answerOwner(buffer: SharedArrayBuffer, yes: boolean): void {
  const state = new Int32Array(buffer, 0, 2);
  Atomics.store(state, STATE, yes ? 1 : 2);
  Atomics.notify(state, STATE);
}

/** Worker thread: posts `message` and blocks until the owning thread answers (answerOwner). */
export function askOwner(buffer: SharedArrayBuffer, port: MessagePort, message: object): boolean {
  const state = new Int32Array(buffer, 0, 2);
  Atomics.store(state, STATE, 0);
  port.postMessage(message);
  // 30 s is far beyond an answer's cost; a timeout means the owning thread is gone.
  if (Atomics.wait(state, STATE, 0, 30_000) === 'timed-out') throw new Error('the main process did not answer');
  return Atomics.load(state, STATE) === 1;
}

/**
 * Worker thread: a Signer whose sign() asks the owning thread and waits for the answer. With
 * `companionSpki` it also offers the ECDSA companion (reports); imports sign custody events only.
 */
export function remoteSigner(info: SignerInfo, buffer: SharedArrayBuffer, port: MessagePort, companionSpki: Uint8Array | null = null): Signer {
  const state = new Int32Array(buffer, 0, 2);
  const ask = (message: Uint8Array, key: SignKey): Uint8Array => {
    if (!askOwner(buffer, port, { type: 'sign', message, key })) throw new KeyError('NO_KEY', 'the vault was locked (or the work cancelled) before this finished, so nothing was recorded; unlock and start again');
    return new Uint8Array(buffer, SIG_OFFSET, Atomics.load(state, LENGTH)).slice();
  };
  return {
    fingerprint: info.fingerprint,
    publicKey: info.publicKey,
    name: info.name,
    role: info.role,
    organisation: info.organisation,
    companion: companionSpki ? { spki: companionSpki, sign: (message) => ask(message, 'companion') } : null,
    sign: (message) => ask(message, 'ed25519'),
  };
}
