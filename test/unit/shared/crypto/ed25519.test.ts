// SPDX-License-Identifier: UNLICENSED
// RFC 8032 §7.1 known answers, tamper checks, and a byte-for-byte cross-check against node:crypto.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { ed25519PublicKey, ed25519Sign, ed25519Verify } from '../../../../shared/crypto/ed25519.js';
import { fromHex, toHex } from '../../../../shared/encoding.js';

interface Vector {
  name: string;
  secret: string;
  public: string;
  message: string;
  signature: string;
}

// RFC 8032 §7.1 "Test Vectors for Ed25519".
const RFC8032: Vector[] = [
  {
    name: 'TEST 1',
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2',
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3',
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    name: 'TEST SHA(abc)',
    secret: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    public: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    // SHA-512("abc")
    message:
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    signature:
      'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
];

function flipBit(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const out = bytes.slice();
  out[index] = out[index]! ^ (1 << bit);
  return out;
}

// RFC 8410 PKCS#8 OneAsymmetricKey prefix for a 32-byte Ed25519 seed.
const PKCS8_ED25519_PREFIX = fromHex('302e020100300506032b657004220420');

function nodeKeys(seed: Uint8Array) {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: new Uint8Array(spki.subarray(spki.length - 32)) };
}

describe('RFC 8032 §7.1 test vectors', () => {
  for (const v of RFC8032) {
    const secret = fromHex(v.secret);
    const publicKey = fromHex(v.public);
    const message = fromHex(v.message);
    const signature = fromHex(v.signature);

    test(`${v.name}: public key, signature and verification`, () => {
      assert.equal(toHex(ed25519PublicKey(secret)), v.public);
      assert.equal(toHex(ed25519Sign(message, secret)), v.signature);
      assert.equal(ed25519Verify(signature, message, publicKey), true);
    });

    test(`${v.name}: one flipped bit in message, signature or key fails`, () => {
      if (message.length > 0) {
        for (const i of [0, message.length - 1]) assert.equal(ed25519Verify(signature, flipBit(message, i), publicKey), false);
      }
      assert.equal(ed25519Verify(signature, new Uint8Array([...message, 0]), publicKey), false, 'appended byte');
      for (const i of [0, 31, 32, 63]) {
        assert.equal(ed25519Verify(flipBit(signature, i), message, publicKey), false, `signature byte ${i}`);
      }
      for (const i of [0, 17, 31]) {
        assert.equal(ed25519Verify(signature, message, flipBit(publicKey, i)), false, `key byte ${i}`);
      }
    });

    test(`${v.name}: node:crypto (OpenSSL) derives the same key and signature`, () => {
      const keys = nodeKeys(secret);
      assert.equal(toHex(keys.publicKey), v.public);
      assert.equal(toHex(nodeSign(null, message, keys.privateKey)), v.signature);
    });
  }
});

test('TEST SHA(abc) message is SHA-512("abc")', () => {
  assert.equal(createHash('sha512').update('abc').digest('hex'), RFC8032[3]!.message);
});

describe('malformed input returns false, never throws', () => {
  const v = RFC8032[1]!;
  const message = fromHex(v.message);
  const signature = fromHex(v.signature);
  const publicKey = fromHex(v.public);

  test('wrong signature and key lengths', () => {
    for (const len of [0, 32, 63, 65, 128]) {
      const sig = new Uint8Array(len);
      sig.set(signature.subarray(0, Math.min(len, 64)));
      assert.equal(ed25519Verify(sig, message, publicKey), false, `signature length ${len}`);
    }
    for (const len of [0, 31, 33, 64]) {
      const key = new Uint8Array(len);
      key.set(publicKey.subarray(0, Math.min(len, 32)));
      assert.equal(ed25519Verify(signature, message, key), false, `key length ${len}`);
    }
  });

  test('keys that are not curve points, and random garbage', () => {
    for (let i = 0; i < 64; i++) {
      const key = new Uint8Array(randomBytes(32));
      const sig = new Uint8Array(randomBytes(64));
      assert.equal(ed25519Verify(sig, message, key), false);
    }
    assert.equal(ed25519Verify(signature, message, new Uint8Array(32).fill(0xff)), false);
  });

  test('non-canonical point encodings (y >= p, RFC 8032 §5.1.3) are rejected, as OpenSSL rejects them', () => {
    // y = p + 1 encodes the identity point non-canonically; as key and R with S = 0 it satisfies the
    // verification equation for any message, so ZIP-215 rules (noble's default) would accept it.
    const yPlusP = fromHex('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    const forged = new Uint8Array([...yPlusP, ...new Uint8Array(32)]);
    assert.equal(ed25519Verify(forged, message, yPlusP), false);
    const keyObject = createPublicKey({ key: Buffer.concat([fromHex('302a300506032b6570032100'), yPlusP]), format: 'der', type: 'spki' });
    assert.equal(nodeVerify(null, message, keyObject, forged), false);
  });

  test('a small-order public key does not verify a signature that fits every message', () => {
    const identity = new Uint8Array(32);
    identity[0] = 1; // the neutral point, canonically encoded
    const forged = new Uint8Array([...identity, ...new Uint8Array(32)]); // R = identity, S = 0
    for (const m of [message, new Uint8Array(0), fromHex('deadbeef')]) assert.equal(ed25519Verify(forged, m, identity), false);
  });

  test('S + L (a malleated signature, RFC 8032 §5.1.7 requires S < L) is rejected by noble and node', () => {
    // L = 2^252 + 27742317777372353535851937790883648493, little-endian in the signature's upper half.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(signature[32 + i]!);
    let big = s + L;
    const malleated = signature.slice();
    for (let i = 0; i < 32; i++) {
      malleated[32 + i] = Number(big & 255n);
      big >>= 8n;
    }
    assert.equal(ed25519Verify(malleated, message, publicKey), false);
    const keyObject = createPublicKey({ key: Buffer.concat([fromHex('302a300506032b6570032100'), publicKey]), format: 'der', type: 'spki' });
    assert.equal(nodeVerify(null, message, keyObject, malleated), false);
  });
});

describe('node:crypto cross-check', () => {
  test('noble and node:crypto produce byte-identical keys and signatures for random keys and messages', () => {
    for (let i = 0; i < 64; i++) {
      const seed = new Uint8Array(randomBytes(32));
      const message = new Uint8Array(randomBytes(i * 7));
      const keys = nodeKeys(seed);
      const ours = ed25519Sign(message, seed);
      const theirs = new Uint8Array(nodeSign(null, message, keys.privateKey));
      assert.equal(toHex(ed25519PublicKey(seed)), toHex(keys.publicKey), `seed ${toHex(seed)}`);
      assert.equal(toHex(ours), toHex(theirs), `seed ${toHex(seed)} message ${toHex(message)}`);
      assert.equal(ed25519Verify(theirs, message, keys.publicKey), true);
      assert.equal(nodeVerify(null, message, createPublicKey(keys.privateKey), ours), true);
    }
  });
});
