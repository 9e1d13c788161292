// SPDX-License-Identifier: UNLICENSED
// The worker-thread digester gives exactly the inline digester's result, holds the producer back
// when it falls behind, and reports a broken stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DigesterWorker } from '../../../../electron/services/ingest/models/digesterWorker.js';
import { TensorDigester } from '../../../../electron/services/ingest/models/tensorDigester.js';
import type { TensorInfo } from '../../../../shared/models/types.js';

const file = randomBytes(3 * 1024 * 1024 + 77);
const tensors: TensorInfo[] = [
  { name: 'w', dtype: 'F32', shape: [262144], offset: 1000, length: 1 << 20 },
  { name: 'v', dtype: 'U8', shape: [2000000], offset: (1 << 20) + 1000, length: 2_000_000 },
];

test('same digests as the inline digester; back-pressure waits instead of queueing without bound', async () => {
  const inline = new TensorDigester(tensors, file.length);
  const worker = DigesterWorker.start(tensors, file.length, 256 * 1024);
  let waited = 0;
  for (let pos = 0; pos < file.length; pos += 65536) {
    const chunk = file.subarray(pos, Math.min(pos + 65536, file.length));
    inline.update(chunk, pos);
    const wait = worker.update(chunk, pos);
    if (wait) {
      waited++;
      await wait;
    }
  }
  assert.deepEqual(await worker.finish(), inline.finish());
  assert.ok(waited > 0, 'the 256 KiB queue limit was reached at least once');
});

test('a stream with a gap fails with the digester error', async () => {
  const worker = DigesterWorker.start(tensors, file.length);
  worker.update(file.subarray(0, 100), 0);
  worker.update(file.subarray(200, 300), 200);
  await assert.rejects(worker.finish(), /expected 100/);
});
