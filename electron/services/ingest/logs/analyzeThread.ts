// SPDX-License-Identifier: UNLICENSED
// The worker-thread side of a log import (see ingestLog.ts): runs analyzeLog on the stored file and
// posts its batches to the importer's thread, which stores them. At most MAX_IN_FLIGHT batches wait
// unacknowledged, so memory stays bounded when storing is the slower side.
import { parentPort, workerData } from 'node:worker_threads';
import { EvaultError, type ErrorCode } from '../../../../shared/errors.js';
import { analyzeLog, type AnalyzeOptions, type RecordBatch } from './analyzeLog.js';

export type FromAnalyzer =
  | { type: 'batch'; batch: RecordBatch }
  | { type: 'done'; analysis: Awaited<ReturnType<typeof analyzeLog>> }
  | { type: 'error'; code: ErrorCode; message: string };

const MAX_IN_FLIGHT = 2;
const port = parentPort!;
let inFlight = 0;
let resume: (() => void) | undefined;

port.on('message', (m: { type: 'ack' }) => {
  if (m.type !== 'ack') return;
  inFlight--;
  const r = resume;
  resume = undefined;
  r?.();
});

/** The 32-byte leaves of a batch copied into one buffer that is transferred, not cloned leaf by leaf. */
function packLeaves(batch: RecordBatch): ArrayBuffer {
  const packed = new Uint8Array(batch.records.length * 32);
  batch.records.forEach((r, i) => {
    packed.set(r[4], i * 32);
    r[4] = packed.subarray(i * 32, i * 32 + 32);
  });
  return packed.buffer;
}

async function post(batch: RecordBatch): Promise<void> {
  inFlight++;
  port.postMessage({ type: 'batch', batch } satisfies FromAnalyzer, [packLeaves(batch)]);
  while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (resume = r));
}

try {
  const analysis = await analyzeLog(workerData as AnalyzeOptions, post);
  port.postMessage({ type: 'done', analysis } satisfies FromAnalyzer);
} catch (err) {
    // Coded errors (a truncated gzip, an unreadable file) keep their code; anything else is a bug.
  const coded = err instanceof EvaultError;
  port.postMessage({ type: 'error', code: coded ? err.code : 'INTERNAL', message: coded ? err.message : String((err as Error)?.stack ?? err) } satisfies FromAnalyzer);
}
