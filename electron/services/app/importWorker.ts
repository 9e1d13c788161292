// SPDX-License-Identifier: UNLICENSED
// Worker-thread entry for imports: hashing, copying, parsing and indexing run here, off the main
// process's event loop, so the window (or the bridge) stays responsive during a large import.
// Signing is delegated to the owning thread (remoteSigner.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { importEvidence } from '../ingest/importer.js';
import { remoteSigner, type SignerInfo } from './remoteSigner.js';
import { cancelSignal, runWithVault } from './vaultWorker.js';

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
  const signal = cancelSignal(port);
  let lastPost = 0;
  await runWithVault(port, data.vaultDir, async (vault) => {
    const items = await importEvidence(vault, remoteSigner(data.signer, data.signBuffer, port), data.caseId, data.paths, {
      legacyHashes: data.legacyHashes,
      signal,
      onProgress: (p) => {
        const now = Date.now();
        // At most ten progress messages a second, plus each file's first and last.
        if (now - lastPost < 100 && p.bytesDone !== 0 && p.bytesDone !== p.bytesTotal) return;
        lastPost = now;
        port.postMessage({ type: 'progress', name: p.file.name, index: p.index, count: p.count, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal });
      },
    });
    return { type: 'done', items } as const;
  });
}

void main();
