// SPDX-License-Identifier: UNLICENSED
// The OpenSSL-backed verifier must give the same verdicts as the shared @noble one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createNodeVerify, nodeSign, privateKeyFromSeed, rawPublicKey } from '../../../electron/services/keys/nodeEd25519.js';
import { ed25519PublicKey, ed25519Sign, ed25519Verify, isUsablePublicKey } from '../../../shared/crypto/ed25519.js';
import { fromHex } from '../../../shared/encoding.js';

test('node:crypto and noble agree on keys, signatures and verdicts', () => {
  const verify = createNodeVerify();
  for (let i = 0; i < 16; i++) {
    const seed = randomBytes(32);
    const key = privateKeyFromSeed(seed);
    const msg = randomBytes(i * 37);
    assert.deepEqual(rawPublicKey(key), ed25519PublicKey(seed));
    const sig = nodeSign(msg, key);
    assert.deepEqual(sig, ed25519Sign(msg, seed));
    assert.equal(verify(sig, msg, ed25519PublicKey(seed)), true);
    sig[i] = sig[i]! ^ 1;
    assert.equal(verify(sig, msg, ed25519PublicKey(seed)), false);
    assert.equal(ed25519Verify(sig, msg, ed25519PublicKey(seed)), false);
  }
});

test('a small-order public key is refused by both verifiers (the identity-key forgery)', () => {
  const verify = createNodeVerify();
  const identity = new Uint8Array(32);
  identity[0] = 1;
  const forged = new Uint8Array([...identity, ...new Uint8Array(32)]);
  assert.equal(isUsablePublicKey(identity), false);
  for (const m of [new Uint8Array(0), fromHex('deadbeef')]) {
    assert.equal(verify(forged, m, identity), false);
    assert.equal(ed25519Verify(forged, m, identity), false);
  }
  assert.equal(verify(new Uint8Array(64), new Uint8Array(0), new Uint8Array(31)), false, 'wrong key length');
  assert.equal(isUsablePublicKey(ed25519PublicKey(randomBytes(32))), true);
});
