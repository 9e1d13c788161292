// SPDX-License-Identifier: UNLICENSED
// What the app's worker threads (import, report, model diff) share: a job run on the worker's own
// connection to the vault, its outcome posted to the owning thread only after that connection is
// closed, and a cancel message from the owner turned into an AbortSignal.
import type { MessagePort } from 'node:worker_threads';
import { EvaultError } from '../../../shared/errors.js';
import { Vault } from '../vault/vault.js';

/** An EvaultError keeps its code and message; anything else is INTERNAL with its stack (for main's log). */
export interface WorkerError {
  type: 'error';
  code: string;
  message: string;
}

/** Aborts when the owner posts `{ type: 'cancel' }`. */
export function cancelSignal(port: MessagePort): AbortSignal {
  const controller = new AbortController();
  port.on('message', (m: { type: string }) => {
    if (m.type === 'cancel') controller.abort();
  });
  return controller.signal;
}

/**
 * Opens the vault, runs the job, closes the vault, then posts the job's message or a WorkerError
 * and lets the thread end (the message listener would otherwise keep it, and its owner's process,
 * alive).
 */
export async function runWithVault<T extends { type: 'done' }>(port: MessagePort, vaultDir: string, job: (vault: Vault) => Promise<T>): Promise<void> {
  let vault: Vault | undefined;
  let outcome: T | WorkerError;
  try {
    vault = await Vault.open(vaultDir);
    outcome = await job(vault);
  } catch (err) {
    const coded = err instanceof EvaultError;
    outcome = { type: 'error', code: coded ? err.code : 'INTERNAL', message: coded ? err.message : String((err as Error)?.stack ?? err) };
  } finally {
    vault?.close();
  }
  port.postMessage(outcome);
  port.unref();
}
