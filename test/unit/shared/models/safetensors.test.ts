// SPDX-License-Identifier: UNLICENSED
// safetensors header validation on hand-made files: one valid file, then each way to break it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesSource } from '../../../../shared/models/byteSource.js';
import { ModelFormatError } from '../../../../shared/models/errors.js';
import { inspectSafetensors } from '../../../../shared/models/safetensors.js';
import { inspectModelBytes } from '../../../../shared/models/inspect.js';
import { concat, enc, safetensors, u64 } from './build.js';

const good = { __metadata__: { format: 'pt' }, b: { dtype: 'F16', shape: [2], data_offsets: [8, 12] }, a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };

test('a valid file: tensors sorted by offset with absolute offsets, metadata, header padding allowed', async () => {
  const file = safetensors(good, new Uint8Array(12), 3);
  const r = await inspectSafetensors(bytesSource(file));
  const headerLength = JSON.stringify(good).length + 3;
  assert.equal(r.view.headerLength, headerLength);
  assert.deepEqual(r.view.metadata, { format: 'pt' });
  assert.deepEqual(r.tensors, [
    { name: 'a', dtype: 'F32', shape: [2], offset: 8 + headerLength, length: 8 },
    { name: 'b', dtype: 'F16', shape: [2], offset: 8 + headerLength + 8, length: 4 },
  ]);
  const inspection = await inspectModelBytes(file);
  assert.equal(inspection.format, 'safetensors');
  assert.equal(inspection.verdict, 'safe');
});

async function invalid(file: Uint8Array, reason: string, message: RegExp): Promise<void> {
  await assert.rejects(inspectSafetensors(bytesSource(file)), (err: unknown) => err instanceof ModelFormatError && err.reason === reason && message.test(err.message));
  const inspection = await inspectModelBytes(file);
  // Detected by content as safetensors whenever it has the 8-byte length and a '{' after it.
  if (file.length >= 9 && file[8] === 0x7b) assert.equal(inspection.format, 'safetensors');
  if (inspection.format === 'safetensors') {
    assert.equal(inspection.verdict, 'invalid');
    assert.match(inspection.reason!, message);
  }
}

test('broken files each fail with a clear reason', async () => {
  const ok = safetensors(good, new Uint8Array(12));
  await invalid(ok.subarray(0, 5), 'TRUNCATED', /shorter than 8 bytes/);
  await invalid(ok.subarray(0, ok.length - 1), 'MALFORMED', /cover 12 of the 11 data bytes|past the 11 data bytes/);
  await invalid(concat(u64(1_000_000), enc('{"a":1}')), 'TRUNCATED', /header of 1000000 bytes \(the file has 15\)/);
  await invalid(concat(u64(200_000_000), enc('{}')), 'LIMIT', /above the 100 MB limit/);
  await invalid(concat(u64(8), enc('{"a": nu')), 'MALFORMED', /not JSON/);
  await invalid(concat(u64(4), enc('[1] ')), 'MALFORMED', /does not start with "\{"/);
  await invalid(concat(u64(4), Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])), 'MALFORMED', /not valid UTF-8/);
  await invalid(safetensors({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, new Uint8Array(12)), 'MALFORMED', /overlaps/);
  await invalid(safetensors({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(4)), 'MALFORMED', /ends at 8, past the 4 data bytes/);
  await invalid(safetensors({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8)), 'MALFORMED', /4 bytes before tensor "a" belong to no tensor/);
  await invalid(safetensors({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(8)), 'MALFORMED', /cover 4 of the 8 data bytes/);
  await invalid(safetensors({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)), 'MALFORMED', /needs 12 bytes, data_offsets give 8/);
  await invalid(safetensors({ a: { dtype: 'Q4', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)), 'MALFORMED', /unknown dtype "Q4"/);
  await invalid(safetensors({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)), 'MALFORMED', /shape that is not a list of non-negative integers/);
  await invalid(safetensors({ a: { dtype: 'F32', shape: [1], data_offsets: [8, 4] } }, new Uint8Array(8)), 'MALFORMED', /ends \(4\) before it begins \(8\)/);
  await invalid(safetensors({ __metadata__: { n: 1 } }, new Uint8Array(0)), 'MALFORMED', /"__metadata__"."n" is not a string/);
  await invalid(safetensors({ a: { dtype: 'F4', shape: [3], data_offsets: [0, 2] } }, new Uint8Array(2)), 'MALFORMED', /not a whole number of bytes/);
  // 2^60 elements: the product is computed exactly, not overflowed into a match.
  await invalid(safetensors({ a: { dtype: 'U8', shape: [2 ** 30, 2 ** 30], data_offsets: [0, 0] } }, new Uint8Array(0)), 'MALFORMED', /needs 1152921504606846976 bytes/);
});

test('a zero-element tensor and an empty header are valid', async () => {
  const r = await inspectSafetensors(bytesSource(safetensors({ z: { dtype: 'F32', shape: [0, 5], data_offsets: [0, 0] } }, new Uint8Array(0))));
  assert.deepEqual(r.tensors.map((t) => [t.name, t.length]), [['z', 0]]);
  assert.equal((await inspectSafetensors(bytesSource(safetensors({}, new Uint8Array(0))))).view.tensorCount, 0);
});
