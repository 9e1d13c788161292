// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkShardIndex } from '../../../../shared/models/folder/shardIndex.js';

const index = { metadata: { total_size: 24 }, weight_map: { a: 's1.safetensors', b: 's2.safetensors' } };

test('a consistent index: no problems; total_size compared with the tensor bytes', () => {
  const shards = new Map([['s1.safetensors', { tensors: [{ name: 'a', length: 8 }] }], ['s2.safetensors', { tensors: [{ name: 'b', length: 16 }] }]]);
  const v = checkShardIndex('model.safetensors.index.json', 'x', index, shards);
  assert.deepEqual(v.problems, []);
  assert.equal(v.tensorBytes, 24);
  shards.set('s2.safetensors', { tensors: [{ name: 'b', length: 8 }] });
  assert.deepEqual(checkShardIndex('model.safetensors.index.json', 'x', index, shards).problems, ['metadata.total_size is 24 but the shards\' tensors hold 16 bytes']);
});

test('PyTorch shards: presence checked, tensor names not (they name storages); a path outside the folder is refused', () => {
  const v = checkShardIndex('pytorch_model.bin.index.json', 'x', { weight_map: { a: 'p1.bin', b: '../../etc/passwd' } }, new Map([['p1.bin', null]]), false);
  assert.deepEqual(v.problems, ['weight_map names "../../etc/passwd", outside the folder']);
  assert.match(v.note!, /not checked/);
});
