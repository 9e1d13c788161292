// SPDX-License-Identifier: UNLICENSED
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { bytesEqual, concatBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from '../../../shared/encoding.js';

/** Deterministic bytes so a failure names the same input every run. */
function pattern(length: number, seed = 7): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 151 + seed * 31 + 13) & 255);
}

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('hex', () => {
  test('round-trips every byte value and writes lowercase', () => {
    const hex = toHex(ALL_BYTES);
    assert.equal(hex, Buffer.from(ALL_BYTES).toString('hex'));
    assert.match(hex, /^[0-9a-f]{512}$/);
    assert.deepEqual(fromHex(hex), ALL_BYTES);
  });

  test('empty input gives empty output', () => {
    assert.equal(toHex(new Uint8Array(0)), '');
    assert.deepEqual(fromHex(''), new Uint8Array(0));
  });

  test('accepts uppercase digits', () => {
    assert.deepEqual(fromHex('DEADbeef'), new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
  });

  test('rejects odd length and non-hex characters with a TypeError', () => {
    for (const bad of ['a', 'abc', '0g', 'zz', ' 00', '00 ', '0x00', '-1', '１２']) {
      assert.throws(() => fromHex(bad), TypeError, JSON.stringify(bad));
    }
  });
});

describe('base64 (RFC 4648 §4, padded)', () => {
  test('matches Buffer for lengths 0..10 and round-trips', () => {
    for (let length = 0; length <= 10; length++) {
      for (const seed of [1, 2, 3]) {
        const bytes = pattern(length, seed);
        const expected = Buffer.from(bytes).toString('base64');
        assert.equal(toBase64(bytes), expected, `length ${length}`);
        assert.deepEqual(fromBase64(expected), bytes, `length ${length}`);
      }
    }
  });

  test('round-trips every byte value and a long buffer', () => {
    assert.equal(toBase64(ALL_BYTES), Buffer.from(ALL_BYTES).toString('base64'));
    assert.deepEqual(fromBase64(toBase64(ALL_BYTES)), ALL_BYTES);
    const long = pattern(10_001);
    assert.deepEqual(fromBase64(Buffer.from(long).toString('base64')), long);
  });

  test('RFC 4648 §10 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      assert.equal(toBase64(utf8(plain)), encoded);
      assert.equal(fromUtf8(fromBase64(encoded)), plain);
    }
  });

  test('rejects malformed input with a TypeError', () => {
    const bad = [
      'Zg', // missing padding
      'Zg=', // short padding
      'Zm9vY', // length not a multiple of 4
      'Zg===', // too much padding
      '====',
      'Z===',
      'Zg=A', // padding in the middle
      '=Zg=',
      'Zm9v\n', // whitespace
      'Zm 9v',
      'Zm9-', // base64url alphabet
      'Zm9_',
      'Zm9v!A==',
    ];
    for (const text of bad) assert.throws(() => fromBase64(text), TypeError, JSON.stringify(text));
  });
});

describe('UTF-8', () => {
  test('round-trips BMP and astral characters', () => {
    const text = 'A\u00f6\u20ac\ud83d\ude00\u0000z';
    const bytes = utf8(text);
    assert.deepEqual(bytes, new Uint8Array(Buffer.from(text, 'utf8')));
    assert.equal(fromUtf8(bytes), text);
  });

  test('fromUtf8 rejects invalid sequences instead of inserting U+FFFD', () => {
    const bad: number[][] = [
      [0xff], // never valid
      [0x80], // lone continuation byte
      [0xc0, 0x80], // overlong NUL
      [0xe0, 0x80, 0xaf], // overlong '/'
      [0xed, 0xa0, 0x80], // UTF-16 surrogate D800 encoded as UTF-8
      [0xe2, 0x82], // truncated euro sign
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0x61, 0xf0, 0x9f, 0x98], // truncated emoji after valid text
    ];
    for (const b of bad) assert.throws(() => fromUtf8(new Uint8Array(b)), TypeError, toHex(new Uint8Array(b)));
  });
});

describe('concatBytes and bytesEqual', () => {
  test('concatBytes joins in order, including empty parts', () => {
    const joined = concatBytes(new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([3]));
    assert.deepEqual(joined, new Uint8Array([1, 2, 3]));
    assert.deepEqual(concatBytes(), new Uint8Array(0));
  });

  test('bytesEqual compares length and every byte', () => {
    const a = pattern(64);
    assert.equal(bytesEqual(a, pattern(64)), true);
    assert.equal(bytesEqual(new Uint8Array(0), new Uint8Array(0)), true);
    assert.equal(bytesEqual(a, a.subarray(0, 63)), false);
    for (const i of [0, 31, 63]) {
      const b = a.slice();
      b[i]! ^= 0x01;
      assert.equal(bytesEqual(a, b), false, `byte ${i}`);
    }
  });
});
