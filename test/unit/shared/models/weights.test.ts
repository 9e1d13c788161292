// SPDX-License-Identifier: UNLICENSED
// The weights root: leaf = SHA-256(0x00 ‖ JCS{dtype,name,sha256,shape}), RFC 9162 tree over leaves
// sorted by name. Recomputed here with node:crypto and the RFC's own definition, not our merkle code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { weightsLeafEntry, weightsOrder, weightsRoot, type TensorDigest } from '../../../../shared/models/weights.js';

const sha = (...parts: (Buffer | string)[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const leaf = (t: TensorDigest): Buffer => sha(Buffer.from([0]), `{"dtype":${JSON.stringify(t.dtype)},"name":${JSON.stringify(t.name)},"sha256":"${t.sha256}","shape":[${t.shape.join(',')}]}`);
const node = (l: Buffer, r: Buffer): Buffer => sha(Buffer.from([1]), l, r);

const t = (name: string, fill: string): TensorDigest => ({ name, dtype: 'F32', shape: [2, 3], sha256: sha(fill).toString('hex') });

test('the leaf entry is the RFC 8785 canonical JSON of name, dtype, shape and the data digest', () => {
  const x = t('layer.0.weight', 'x');
  assert.equal(Buffer.from(weightsLeafEntry(x)).toString(), `{"dtype":"F32","name":"layer.0.weight","sha256":"${x.sha256}","shape":[2,3]}`);
});

test('roots for 0, 1, 2 and 3 tensors match RFC 9162 §2.1.1 computed by hand, in name order', () => {
  const [a, b, c] = [t('a', '1'), t('b', '2'), t('c', '3')];
  assert.equal(weightsRoot([]), sha('').toString('hex'));
  assert.equal(weightsRoot([a]), leaf(a).toString('hex'));
  assert.equal(weightsRoot([b, a]), node(leaf(a), leaf(b)).toString('hex'));
  assert.equal(weightsRoot([c, a, b]), node(node(leaf(a), leaf(b)), leaf(c)).toString('hex'));
});

test('renaming, retyping or reshaping a tensor changes the root even with the same bytes; order in the file does not', () => {
  const a = t('a', '1');
  const b = t('b', '2');
  const root = weightsRoot([a, b]);
  assert.equal(weightsRoot([b, a]), root);
  assert.notEqual(weightsRoot([{ ...a, name: 'a2' }, b]), root);
  assert.notEqual(weightsRoot([{ ...a, dtype: 'BF16' }, b]), root);
  assert.notEqual(weightsRoot([{ ...a, shape: [3, 2] }, b]), root);
  assert.notEqual(weightsRoot([{ ...a, sha256: b.sha256 }, b]), root);
});

test('order is by UTF-16 code units, equal names keep their order', () => {
  const names = ['b', 'B', 'a.10', 'a.9', 'é', 'z'];
  assert.deepEqual(weightsOrder(names.map((name) => ({ name }))).map((x) => x.name), ['B', 'a.10', 'a.9', 'b', 'z', 'é']);
  const dup = weightsOrder([{ name: 'x', i: 1 }, { name: 'x', i: 2 }]);
  assert.deepEqual(dup.map((x) => x.i), [1, 2]);
});
