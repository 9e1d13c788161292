// SPDX-License-Identifier: UNLICENSED
// The TensorDigester fed the file hash's chunk stream: the same digests whatever the chunking, the
// metadata digest over exactly the bytes outside tensors, and refusal of a stream with gaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TensorDigester } from '../../../../electron/services/ingest/models/tensorDigester.js';
import { digestModelFile } from '../../../../electron/services/ingest/models/digestModelFile.js';
import { inspectModelFile } from '../../../../electron/services/ingest/models/inspectModelFile.js';
import type { TensorInfo } from '../../../../shared/models/types.js';
import { weightsRoot } from '../../../../shared/models/weights.js';
import { tempDir } from '../../../helpers/vaultFixture.js';
import { safetensors } from '../../shared/models/build.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function feed(file: Uint8Array, tensors: TensorInfo[], sizes: number[]): ReturnType<TensorDigester['finish']> {
  const d = new TensorDigester(tensors, file.length);
  let pos = 0;
  for (let i = 0; pos < file.length; i++) {
    const n = Math.min(sizes[i % sizes.length]!, file.length - pos);
    d.update(file.subarray(pos, pos + n), pos);
    pos += n;
  }
  return d.finish();
}

test('per-tensor digests, weights root and metadata digest do not depend on where chunks fall', () => {
  const file = randomBytes(10_000);
  const tensors: TensorInfo[] = [
    { name: 'b', dtype: 'U8', shape: [3000], offset: 5000, length: 3000 },
    { name: 'a', dtype: 'U8', shape: [1000], offset: 100, length: 1000 },
    { name: 'overlap', dtype: 'U8', shape: [500], offset: 700, length: 500 },
    { name: 'empty', dtype: 'U8', shape: [0], offset: 4000, length: 0 },
    { name: 'tail-empty', dtype: 'U8', shape: [0], offset: 10_000, length: 0 },
  ];
  const expected = tensors.map((t) => sha(file.subarray(t.offset, t.offset + t.length)));
  const outside = Buffer.concat([file.subarray(0, 100), file.subarray(1200, 5000), file.subarray(8000)]);
  const results = [[1], [7], [100], [4096], [10_000], [3, 1000, 17, 1]].map((sizes) => feed(file, tensors, sizes));
  for (const r of results) {
    assert.deepEqual(r.tensors.map((t) => t.sha256), expected);
    assert.equal(r.metadataSha256, sha(outside));
    assert.equal(r.weightsRoot, weightsRoot(r.tensors));
    assert.equal(r.tensorBytes, 4500);
  }
});

test('a file with no tensors: the metadata digest is the file hash and the root is the empty tree', () => {
  const file = randomBytes(999);
  const r = feed(file, [], [64]);
  assert.equal(r.metadataSha256, sha(file));
  assert.equal(r.weightsRoot, sha(new Uint8Array(0)));
});

test('gaps, short streams and tensors outside the file are refused', () => {
  const d = new TensorDigester([{ name: 'a', dtype: 'U8', shape: [4], offset: 0, length: 4 }], 8);
  d.update(new Uint8Array(4), 0);
  assert.throws(() => d.update(new Uint8Array(2), 6), /expected 4/);
  assert.throws(() => d.finish(), /8 bytes but 4 were digested/);
  assert.throws(() => new TensorDigester([{ name: 'x', dtype: 'U8', shape: [9], offset: 0, length: 9 }], 8), /lies outside the 8-byte file/);
});

test('digestModelFile: one pass gives the file hash and, for safetensors, metadata = the header bytes', async (t) => {
  const dir = tempDir('evault-digest-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const data = randomBytes(4 * 1024 * 1024 + 123);
  const header = { __metadata__: { v: '1' }, x: { dtype: 'U8', shape: [4 * 1024 * 1024], data_offsets: [0, 4 * 1024 * 1024] }, y: { dtype: 'U8', shape: [123], data_offsets: [4 * 1024 * 1024, 4 * 1024 * 1024 + 123] } };
  const file = safetensors(header, data);
  const path = join(dir, 'm.safetensors');
  await writeFile(path, file);
  const inspection = await inspectModelFile(path);
  const r = await digestModelFile(path, inspection.tensors!);
  assert.equal(r.sha256, sha(file));
  assert.equal(r.metadataSha256, sha(file.subarray(0, inspection.safetensors!.dataOffset)));
  assert.deepEqual(r.tensors.map((t) => [t.name, t.sha256]), [['x', sha(data.subarray(0, 4 * 1024 * 1024))], ['y', sha(data.subarray(4 * 1024 * 1024))]]);
  // Same weights, different metadata: the root stays, the metadata digest moves.
  const path2 = join(dir, 'm2.safetensors');
  await writeFile(path2, safetensors({ ...header, __metadata__: { v: '2' } }, data));
  const r2 = await digestModelFile(path2, (await inspectModelFile(path2)).tensors!);
  assert.equal(r2.weightsRoot, r.weightsRoot);
  assert.notEqual(r2.metadataSha256, r.metadataSha256);
});
