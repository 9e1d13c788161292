// SPDX-License-Identifier: UNLICENSED
// The worker-thread side of DigesterWorker: a TensorDigester fed by messages, so tensor hashing runs
// on a second core while the importer's thread computes the file hash (and writes the copy).
import { parentPort } from 'node:worker_threads';
import type { TensorInfo } from '../../../../shared/models/types.js';
import { TensorDigester } from './tensorDigester.js';

export type ToDigester = { type: 'init'; tensors: TensorInfo[]; size: number } | { type: 'chunk'; data: Uint8Array; offset: number } | { type: 'finish' };

let digester: TensorDigester | undefined;
const port = parentPort!;
port.on('message', (m: ToDigester) => {
  try {
    if (m.type === 'init') digester = new TensorDigester(m.tensors, m.size);
    else if (m.type === 'chunk') {
      digester!.update(m.data, m.offset);
      // The buffer goes back to the importer's thread for reuse.
      port.postMessage({ type: 'ack', bytes: m.data.length, buffer: m.data.buffer }, [m.data.buffer as ArrayBuffer]);
    } else port.postMessage({ type: 'done', result: digester!.finish() });
  } catch (err) {
    port.postMessage({ type: 'error', message: (err as Error).message, code: (err as { code?: string }).code ?? 'INTERNAL' });
  }
});
