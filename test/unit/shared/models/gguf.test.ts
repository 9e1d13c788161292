// SPDX-License-Identifier: UNLICENSED
// GGUF v2/v3 on hand-made files: every value type, nested arrays, tensor infos and alignment; then
// absurd counts and lengths, deep nesting and broken tensor infos, each refused before allocation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { bytesSource } from '../../../../shared/models/byteSource.js';
import { ModelFormatError } from '../../../../shared/models/errors.js';
import { inspectGguf } from '../../../../shared/models/gguf.js';
import { inspectModelBytes } from '../../../../shared/models/inspect.js';
import { concat, enc, gguf, ggufString, u32, u64, type GgufKv } from './build.js';

const f32 = (v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return b;
};
const f64 = (v: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return b;
};
const array = (type: number, items: Uint8Array[]): Uint8Array => concat(u32(type), u64(items.length), ...items);

test('every value type, nested arrays, tensors placed at aligned offsets after the padded header', async () => {
  const nested = array(9, [array(4, [u32(1), u32(2)]), array(4, [u32(3)])]);
  const kvs: GgufKv[] = [
    ['general.architecture', 8, ggufString('llama')],
    ['u8', 0, Uint8Array.of(200)], ['i8', 1, Uint8Array.of(0xff)], ['u16', 2, Uint8Array.of(1, 1)], ['i16', 3, Uint8Array.of(0xfe, 0xff)],
    ['u32', 4, u32(70000)], ['i32', 5, Uint8Array.of(0xff, 0xff, 0xff, 0xff)], ['f32', 6, f32(0.5)], ['bool', 7, Uint8Array.of(1)],
    ['u64', 10, u64(2n ** 60n)], ['i64', 11, u64(2n ** 64n - 2n)], ['f64', 12, f64(-2.25)],
    ['strings', 9, array(8, [ggufString('a'), ggufString('bc')])],
    ['nested', 9, nested],
    ['general.alignment', 4, u32(64)],
  ];
  const data = new Uint8Array(64 + 18);
  const file = gguf(kvs, [
    { name: 'w', dims: [4, 2], type: 0, offset: 0 }, // F32: 32 bytes
    { name: 'q', dims: [32], type: 2, offset: 64 }, // Q4_0: one 18-byte block
  ], data, { alignment: 64 });
  const r = await inspectGguf(bytesSource(file));
  const m = r.view.metadata;
  assert.deepEqual([m['u8'], m['i8'], m['u16'], m['i16'], m['u32'], m['i32'], m['f32'], m['bool'], m['u64'], m['i64'], m['f64']], [200, -1, 257, -2, 70000, -1, 0.5, true, '1152921504606846976', -2, -2.25]);
  assert.deepEqual(m['strings'], { type: 'array', itemType: 'string', count: 2, preview: ['a', 'bc'], sha256: createHash('sha256').update(array(8, [ggufString('a'), ggufString('bc')])).digest('hex') });
  const n = m['nested'] as { count: number; preview: { count: number; preview: number[] }[] };
  assert.equal(n.count, 2);
  assert.deepEqual(n.preview.map((p) => p.preview), [[1, 2], [3]]);
  assert.equal(r.view.alignment, 64);
  assert.equal(r.view.dataOffset % 64, 0);
  assert.equal(r.view.dataOffset + data.length, file.length);
  assert.deepEqual(r.tensors, [
    { name: 'w', dtype: 'F32', shape: [4, 2], offset: r.view.dataOffset, length: 32 },
    { name: 'q', dtype: 'Q4_0', shape: [32], offset: r.view.dataOffset + 64, length: 18 },
  ]);
  assert.deepEqual(r.view.types, { F32: 1, Q4_0: 1 });
  assert.equal((await inspectModelBytes(file)).verdict, 'safe');
});

test('version 2 reads like 3; a big-endian v3 file is read big-endian', async () => {
  assert.equal((await inspectGguf(bytesSource(gguf([['a', 4, u32(1)]], [], new Uint8Array(0), { version: 2 })))).view.version, 2);
  const be = (n: number, bytes: number): Uint8Array => {
    const b = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) b[bytes - 1 - i] = Number((BigInt(n) >> BigInt(8 * i)) & 0xffn);
    return b;
  };
  const file = concat(enc('GGUF'), be(3, 4), be(0, 8), be(1, 8), be(1, 8), enc('k'), be(4, 4), be(7, 4));
  const r = await inspectGguf(bytesSource(file));
  assert.equal(r.view.bigEndian, true);
  assert.deepEqual(r.view.metadata, { k: 7 });
});

async function invalid(file: Uint8Array, reason: string, message: RegExp): Promise<void> {
  const t0 = performance.now();
  await assert.rejects(inspectGguf(bytesSource(file)), (err: unknown) => err instanceof ModelFormatError && err.reason === reason && message.test(err.message));
  const inspection = await inspectModelBytes(file);
  assert.equal(inspection.verdict, 'invalid');
  assert.ok(performance.now() - t0 < 2000, `${message}: bounded time`);
}

test('absurd counts and lengths are refused before anything is allocated', async () => {
  await invalid(gguf([], [], new Uint8Array(0), { tensorCount: 2n ** 60n }), 'LIMIT', /claims 1152921504606846976 tensors/);
  await invalid(gguf([], [], new Uint8Array(0), { kvCount: 2n ** 62n }), 'LIMIT', /claims 4611686018427387904 metadata pairs/);
  await invalid(gguf([['k', 8, u64(2n ** 63n)]], [], new Uint8Array(0)), 'LIMIT', /length is 9223372036854775808, beyond any real file/);
  await invalid(gguf([['k', 8, u64(2n ** 40n)]], [], new Uint8Array(0)), 'TRUNCATED', /a string of 1099511627776 bytes/);
  await invalid(concat(enc('GGUF'), u32(3), u64(0), u64(1), u64(1n << 40n), new Uint8Array(16)), 'LIMIT', /metadata key 0 is 1099511627776 bytes long/);
  await invalid(gguf([['k', 9, concat(u32(4), u64(2n ** 50n))]], [], new Uint8Array(0)), 'LIMIT', /an array of 1125899906842624 u32 values cannot fit/);
  await invalid(gguf([['k', 9, concat(u32(8), u64(1_000_000))]], [], new Uint8Array(64)), 'LIMIT', /array of 1000000 string values cannot fit/);
});

test('deeply nested arrays are refused at depth 9 (and 10^5 levels cost nothing)', async () => {
  const nest = (depth: number): Uint8Array => {
    let inner = array(4, [u32(1)]);
    for (let i = 1; i < depth; i++) inner = concat(u32(9), u64(1), inner.subarray(0)); // ARRAY of one ARRAY
    return inner;
  };
  assert.equal((await inspectGguf(bytesSource(gguf([['ok', 9, nest(8)]], [], new Uint8Array(0))))).view.metadataCount, 1);
  await invalid(gguf([['deep', 9, nest(9)]], [], new Uint8Array(0)), 'LIMIT', /nested deeper than 8/);
  const header = concat(enc('GGUF'), u32(3), u64(0), u64(1), ggufString('deep'), u32(9));
  const levels = new Uint8Array(12 * 100_000);
  for (let i = 0; i < 100_000; i++) levels.set(concat(u32(9), u64(1)), 12 * i);
  await invalid(concat(header, levels), 'LIMIT', /nested deeper than 8/);
});

test('broken tensor infos and metadata each fail with a clear reason', async () => {
  const t = (over: Partial<{ name: string; dims: number[]; type: number; offset: number }>, data = new Uint8Array(64)) =>
    gguf([], [{ name: 'w', dims: [8], type: 0, offset: 0, ...over }], data);
  await invalid(t({ type: 99 }), 'MALFORMED', /unknown ggml type 99/);
  await invalid(t({ dims: [1, 1, 1, 1, 1] }), 'MALFORMED', /5 dimensions/);
  await invalid(t({ offset: 8 }), 'MALFORMED', /offset 8 is not a multiple of the alignment 32/);
  await invalid(t({ dims: [16] }, new Uint8Array(32)), 'MALFORMED', /runs past the end of the file/);
  await invalid(t({ type: 2, dims: [31] }), 'MALFORMED', /row of 31 is not a multiple of the Q4_0 block size 32/);
  await invalid(t({ name: 'x'.repeat(65) }), 'LIMIT', /name is 65 bytes long \(at most 64\)/);
  await invalid(gguf([], [{ name: 'a', dims: [16], type: 0, offset: 0 }, { name: 'b', dims: [8], type: 0, offset: 32 }], new Uint8Array(96)), 'MALFORMED', /overlap/);
  await invalid(gguf([], [{ name: 'a', dims: [8], type: 0, offset: 0 }, { name: 'a', dims: [8], type: 0, offset: 32 }], new Uint8Array(64)), 'MALFORMED', /duplicate tensor name "a"/);
  await invalid(gguf([['k', 4, u32(1)], ['k', 4, u32(2)]], [], new Uint8Array(0)), 'MALFORMED', /duplicate metadata key "k"/);
  await invalid(gguf([['general.alignment', 4, u32(48)]], [], new Uint8Array(0)), 'MALFORMED', /48 is not a power of two/);
  await invalid(gguf([['general.alignment', 10, u64(32)]], [], new Uint8Array(0)), 'MALFORMED', /general.alignment has type u64/);
  await invalid(gguf([['k', 13, u32(0)]], [], new Uint8Array(0)), 'MALFORMED', /unknown value type 13/);
  await invalid(gguf([['k', 4, u32(1)]], [], new Uint8Array(0), { version: 1 }), 'UNSUPPORTED', /GGUF v1/);
  await invalid(gguf([['k', 4, u32(1)]], [], new Uint8Array(0), { version: 7 }), 'MALFORMED', /unknown GGUF version 7/);
  const ok = gguf([['general.name', 8, ggufString('m')]], [], new Uint8Array(0));
  const headerEnd = 24 + 8 + 12 + 4 + 8 + 1; // then zero padding to 64, which a tensor-less file may lack
  for (let cut = 5; cut < headerEnd; cut += 3) await invalid(ok.subarray(0, cut), 'TRUNCATED', /ends too early/);
});

test('a chat template reaching Python internals is suspicious (jinja2 template injection)', async () => {
  const file = gguf([['tokenizer.chat_template', 8, ggufString("{{ ''.__class__.__mro__[1].__subclasses__() }}")]], [], new Uint8Array(0));
  const r = await inspectModelBytes(file);
  assert.equal(r.verdict, 'suspicious');
  assert.match(r.reason!, /tokenizer.chat_template contains "__class__"/);
});
