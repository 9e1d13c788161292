// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha256, sha256Hex } from '../../../../shared/crypto/sha256.js';
import { toHex, utf8 } from '../../../../shared/encoding.js';

test('FIPS 180-4 examples (NIST CSRC "SHA256" example values)', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
});

test('a string is hashed as its UTF-8 bytes', () => {
  const text = 'evidence \u00e9\u20ac\ud83d\ude00';
  assert.deepEqual(sha256(text), sha256(utf8(text)));
  assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'));
});

test('agrees with node:crypto across block boundaries (lengths 0..130)', () => {
  for (let n = 0; n <= 130; n++) {
    const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
    assert.equal(toHex(sha256(data)), createHash('sha256').update(data).digest('hex'), `length ${n}`);
  }
});
