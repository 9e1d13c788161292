// SPDX-License-Identifier: UNLICENSED
// Runs one model-diff for the UI in a worker thread (modelDiffWorker.ts) and hands back the diff
// and both sides; main records it as a signed finding if asked. Nothing is written by the worker,
// so ending it early (`onStart`'s cancel terminates it) loses nothing.
import { Worker } from 'node:worker_threads';
import { EvaultError, type ErrorCode } from '../../../shared/errors.js';
import type { ModelDiff } from '../../../shared/models/diff/modelDiff.js';
import type { ResolvedSide } from '../models/diffSides.js';
import type { ModelDiffWorkerData, ModelDiffWorkerMessage } from './modelDiffWorker.js';

export function diffInWorker(data: ModelDiffWorkerData, onStart?: (cancel: () => void) => void): Promise<{ diff: ModelDiff; a: ResolvedSide; b: ResolvedSide }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./modelDiffWorker.js', import.meta.url), { workerData: data });
    let settled = false;
    let cancelled = false;
    onStart?.(() => {
      cancelled = true;
      void worker.terminate();
    });
    const settle = (f: () => void) => {
      if (!settled) f();
      settled = true;
    };
    worker.on('message', (m: ModelDiffWorkerMessage) => {
      if (m.type === 'done') settle(() => resolve({ diff: m.diff, a: m.a, b: m.b }));
      else settle(() => reject(m.code === 'INTERNAL' ? new Error(`model-diff worker: ${m.message}`) : new EvaultError(m.code as ErrorCode, m.message)));
    });
    worker.on('error', (err) => settle(() => reject(new EvaultError('INTERNAL', `the model-diff worker failed: ${err.message}`, { cause: err }))));
    worker.on('exit', (code) => settle(() => reject(cancelled ? new EvaultError('CANCELLED', 'model-diff cancelled; nothing was recorded') : new EvaultError('INTERNAL', `the model-diff worker stopped (exit code ${code}) before finishing`))));
  });
}
