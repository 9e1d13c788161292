// SPDX-License-Identifier: UNLICENSED
// One streamed pass over a model file computing its SHA-256 and, through a TensorDigester fed the
// same chunks, its per-tensor digests, weights root and metadata digest. The importer does the same
// inside fingerprintFile (one pass for the copy, the file hash and these); this stand-alone form
// serves in-place evidence, `evault inspect` and the tests.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { ImportError } from '../../../../shared/errors.js';
import type { TensorInfo } from '../../../../shared/models/types.js';
import { DigesterWorker } from './digesterWorker.js';
import { TensorDigester, type WeightsDigest } from './tensorDigester.js';

const CHUNK = 4 * 1024 * 1024;
/** Above this size the tensor digests run on a worker thread (a second core), as in the importer. */
const WORKER_ABOVE = 64 * 1024 * 1024;

export interface ModelFileDigest extends WeightsDigest {
  size: number;
  sha256: string;
}

export async function digestModelFile(path: string, tensors: readonly TensorInfo[], onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<ModelFileDigest> {
  const handle = await fs.open(path, 'r');
  let pending: Promise<Buffer> | undefined;
  let worker: DigesterWorker | undefined;
  try {
    const { size } = await handle.stat();
    if (tensors.length > 0 && size > WORKER_ABOVE) worker = DigesterWorker.start(tensors, size);
    const digester: { update(chunk: Uint8Array, offset: number): Promise<void> | void; finish(): WeightsDigest | Promise<WeightsDigest> } = worker ?? new TensorDigester(tensors, size);
    const file = createHash('sha256');
    const readAt = async (pos: number): Promise<Buffer> => {
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, pos);
      return buf.subarray(0, bytesRead);
    };
    let pos = 0;
    pending = readAt(0);
    for (;;) {
      const chunk = await pending;
      if (chunk.length === 0) break;
      if (signal?.aborted) throw new ImportError('CANCELLED', 'digest cancelled');
      pending = readAt(pos + chunk.length); // the next read overlaps hashing this chunk
      file.update(chunk);
      await digester.update(chunk, pos);
      pos += chunk.length;
      onProgress?.(pos, size);
    }
    if (pos !== size) throw new ImportError('SOURCE_CHANGED', `${path} changed size while it was read`);
    return { size, sha256: file.digest('hex'), ...(await digester.finish()) };
  } catch (err) {
    await worker?.abort();
    throw err;
  } finally {
    await pending?.catch(() => undefined); // never leave a read in flight on a closed handle
    await handle.close();
  }
}
