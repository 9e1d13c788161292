// SPDX-License-Identifier: UNLICENSED
// A TensorDigester on a worker thread, with the same update(chunk, offset) / finish() shape. The
// importer's single read already feeds SHA-256 of the whole file on its own thread; hashing the
// tensors a second time there would double the CPU cost, so this copy of each chunk goes to a
// second core. update() returns a promise only when more than `maxQueued` bytes wait in the worker
// (back-pressure), so memory stays bounded if the worker falls behind.
import { Worker } from 'node:worker_threads';
import { ImportError } from '../../../../shared/errors.js';
import type { TensorInfo } from '../../../../shared/models/types.js';
import type { WeightsDigest } from './tensorDigester.js';
import type { ToDigester } from './digesterThread.js';

type FromDigester = { type: 'ack'; bytes: number; buffer: ArrayBuffer } | { type: 'done'; result: WeightsDigest } | { type: 'error'; message: string; code: string };

export class DigesterWorker {
  private queued = 0;
  /** Chunk buffers the worker handed back, reused so a 100 GB import allocates a handful, not 25,000. */
  private readonly spare: ArrayBuffer[] = [];
  private failure: ImportError | undefined;
  private drained: (() => void) | undefined;
  private done: { resolve: (r: WeightsDigest) => void; reject: (e: Error) => void } | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly maxQueued: number,
  ) {
    worker.on('message', (m: FromDigester) => {
      if (m.type === 'ack') {
        this.queued -= m.bytes;
        if (this.spare.length < 32) this.spare.push(m.buffer);
        if (this.queued <= this.maxQueued / 2) this.release();
      } else if (m.type === 'done') this.done?.resolve(m.result);
      else this.fail(new ImportError(m.code === 'SOURCE_CHANGED' ? 'SOURCE_CHANGED' : 'INTERNAL', `tensor digests: ${m.message}`));
    });
    worker.on('error', (err) => this.fail(new ImportError('INTERNAL', `tensor digest worker failed: ${err.message}`, { cause: err })));
  }

  static start(tensors: readonly TensorInfo[], size: number, maxQueued = 64 * 1024 * 1024): DigesterWorker {
    const w = new DigesterWorker(new Worker(new URL('./digesterThread.js', import.meta.url)), maxQueued);
    w.post({ type: 'init', tensors: [...tensors], size });
    return w;
  }

  /** Queues a copy of the chunk (the caller keeps using its buffer); waits only under back-pressure. */
  update(chunk: Uint8Array, offset: number): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    this.queued += chunk.length;
    // One copy into a fresh buffer, then a transfer (no serialization): the caller's buffer is still
    // being written to the vault and hashed.
    let buffer = this.spare.pop();
    if (!buffer || buffer.byteLength < chunk.length) buffer = new ArrayBuffer(chunk.length);
    const data = new Uint8Array(buffer, 0, chunk.length);
    data.set(chunk);
    this.worker.postMessage({ type: 'chunk', data, offset } satisfies ToDigester, [buffer]);
    if (this.queued <= this.maxQueued) return undefined;
    return new Promise((resolve) => (this.drained = resolve));
  }

  async finish(): Promise<WeightsDigest> {
    if (this.failure) throw this.failure;
    try {
      return await new Promise<WeightsDigest>((resolve, reject) => {
        this.done = { resolve, reject };
        this.post({ type: 'finish' });
      });
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops the worker (a cancelled or failed import). */
  async abort(): Promise<void> {
    this.release();
    await this.worker.terminate();
  }

  private post(m: ToDigester): void {
    this.worker.postMessage(m);
  }

  private release(): void {
    const d = this.drained;
    this.drained = undefined;
    d?.();
  }

  private fail(err: ImportError): void {
    this.failure ??= err;
    this.release();
    this.done?.reject(err);
  }
}
