// SPDX-License-Identifier: UNLICENSED
// Worker-thread entry for model-diff in the app: resolving both sides (reading a path's model from
// disk and digesting it, or an evidence item's recorded digests through this thread's own read
// connection to the vault) and streaming the changed tensors' bytes from both files run here, off
// the main process's event loop. No key is involved: recording the diff as a signed finding is done
// afterwards by main, with the result this worker returns.
import { parentPort, workerData } from 'node:worker_threads';
import type { ModelDiff } from '../../../shared/models/diff/modelDiff.js';
import { resolveSide, type ResolvedSide } from '../models/diffSides.js';
import { runModelDiff } from '../models/modelDiff.js';
import { cancelSignal, runWithVault, type WorkerError } from './vaultWorker.js';

export interface ModelDiffWorkerData {
  vaultDir: string;
  /** Evidence id of the first side. */
  a: string;
  /** Evidence id, or a path on disk (read without the vault), of the second side. */
  b: { evidenceId: string } | { path: string };
}

export type ModelDiffWorkerMessage = { type: 'done'; diff: ModelDiff; a: ResolvedSide; b: ResolvedSide } | WorkerError;

/** What main needs of a side to record the finding; the tensor locations stay here. */
const slim = (s: ResolvedSide): ResolvedSide => ({ ...s, tensors: [], locations: new Map() });

async function main(): Promise<void> {
  const port = parentPort!;
  const data = workerData as ModelDiffWorkerData;
  const signal = cancelSignal(port);
  await runWithVault(port, data.vaultDir, async (vault) => {
    const a = await resolveSide(vault, data.a, signal);
    const b = 'evidenceId' in data.b ? await resolveSide(vault, data.b.evidenceId, signal) : await resolveSide(undefined, data.b.path, signal);
    const diff = await runModelDiff(a, b, { signal });
    return { type: 'done', diff, a: slim(a), b: slim(b) } as const;
  });
}

void main();
