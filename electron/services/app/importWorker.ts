// SPDX-License-Identifier: UNLICENSED
// Worker-thread entry for imports: hashing, copying, parsing and indexing run here, off the main
// process's event loop, so the window (or the bridge) stays responsive during a large import.
// Signing is delegated to the owning thread (remoteSigner.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { EvaultError } from '../../../shared/errors.js';
import { importEvidence } from '../ingest/importer.js';
import { Vault } from '../vault/vault.js';
import { remoteSigner, type SignerInfo } from './remoteSigner.js';

export interface ImportWorkerData {
  vaultDir: string;
  caseId: string;
  paths: string[];
  legacyHashes: boolean;
  signer: SignerInfo;
  signBuffer: SharedArrayBuffer;
}

async function main(): Promise<void> {
  const port = parentPort!;
  const data = workerData as ImportWorkerData;
  const controller = new AbortController();
  port.on('message', (m: { type: string }) => {
    if (m.type === 'cancel') controller.abort();
  });
  let lastPost = 0;
  let vault: Vault | undefined;
  let outcome: { type: 'done'; items: unknown } | { type: 'error'; code: string; message: string };
  try {
    vault = await Vault.open(data.vaultDir);
    const items = await importEvidence(vault, remoteSigner(data.signer, data.signBuffer, port), data.caseId, data.paths, {
      legacyHashes: data.legacyHashes,
      signal: controller.signal,
      onProgress: (p) => {
        const now = Date.now();
        // At most ten progress messages a second, plus each file's first and last.
        if (now - lastPost < 100 && p.bytesDone !== 0 && p.bytesDone !== p.bytesTotal) return;
        lastPost = now;
        port.postMessage({ type: 'progress', name: p.file.name, index: p.index, count: p.count, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal });
      },
    });
    outcome = { type: 'done', items };
  } catch (err) {
    const coded = err instanceof EvaultError;
    outcome = { type: 'error', code: coded ? err.code : 'INTERNAL', message: coded ? err.message : String((err as Error)?.stack ?? err) };
  } finally {
    vault?.close();
  }
  // The vault is closed before the owner hears the outcome; then the thread may end (the message
  // listener would otherwise keep it, and its owner's process, alive).
  port.postMessage(outcome);
  port.unref();
}

void main();
