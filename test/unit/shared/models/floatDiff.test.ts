// SPDX-License-Identifier: UNLICENSED
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FloatDiff, floatKind } from '../../../../shared/models/diff/floatDiff.js';

function f32(values: number[]): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setFloat32(i * 4, x, true));
  return b;
}

describe('FloatDiff', () => {
  test('float32: counts, max and mean |a-b| whatever the chunk boundaries', () => {
    const a = f32([1, 2, 3, 4, 5, 6, 7]);
    const b = f32([1, 2.5, 3, 4, 4, 6, 7]);
    for (const split of [1, 3, 5, 13, 28]) {
      const d = new FloatDiff('f32');
      for (let i = 0; i < a.length; i += split) d.update(a.subarray(i, i + split), b.subarray(i, i + split));
      assert.deepEqual(d.finish(), { elements: 7, differing: 2, nonFinite: 0, maxAbsDiff: 1, meanAbsDiff: 1.5 / 7 }, `split ${split}`);
    }
  });

  test('identical NaN bits are equal; a NaN against a number is counted apart; -0 differs from +0', () => {
    const d = new FloatDiff('f32');
    d.update(f32([NaN, NaN, 0, 1]), f32([NaN, 1, -0, 1]));
    assert.deepEqual(d.finish(), { elements: 4, differing: 2, nonFinite: 1, maxAbsDiff: 0, meanAbsDiff: 0 });
  });

  test('float16 and bfloat16 decode (known bit patterns)', () => {
    // f16: 0x3c00 = 1.0, 0x4000 = 2.0, 0x3555 ≈ 0.333251953125, 0x0001 = 2^-24 (subnormal)
    const h = new FloatDiff('f16');
    h.update(Uint8Array.from([0x00, 0x3c, 0x55, 0x35, 0x01, 0x00]), Uint8Array.from([0x00, 0x40, 0x55, 0x35, 0x00, 0x00]));
    assert.deepEqual(h.finish(), { elements: 3, differing: 2, nonFinite: 0, maxAbsDiff: 1, meanAbsDiff: (1 + 2 ** -24) / 3 });
    // bf16: 0x3f80 = 1.0, 0x4040 = 3.0
    const bf = new FloatDiff('bf16');
    bf.update(Uint8Array.from([0x80, 0x3f]), Uint8Array.from([0x40, 0x40]));
    assert.equal(bf.finish().maxAbsDiff, 2);
  });

  test('dtype names of every format map to an element kind; integers do not', () => {
    assert.equal(floatKind('F32'), 'f32');
    assert.equal(floatKind('FLOAT16'), 'f16');
    assert.equal(floatKind('BF16'), 'bf16');
    assert.equal(floatKind('F64'), 'f64');
    assert.equal(floatKind('I64'), undefined);
    assert.equal(floatKind('Q4_K'), undefined);
  });
});
