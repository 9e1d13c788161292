// SPDX-License-Identifier: UNLICENSED
// Examiner key identity: fingerprint and RFC 8410 PEM, checked against node:crypto and the openssl CLI.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ed25519PublicKeyFromPem,
  ed25519PublicKeyToPem,
  ed25519PublicKeyToSpkiDer,
  groupFingerprint,
  keyFingerprint,
} from '../../../../shared/crypto/keyFingerprint.js';
import { ed25519PublicKey, ed25519Sign } from '../../../../shared/crypto/ed25519.js';
import { fromHex, utf8 } from '../../../../shared/encoding.js';

// RFC 8032 §7.1 TEST 1.
const SEED = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const PUBLIC = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const noOpenssl = openssl.status === 0 ? false : 'the openssl CLI is not installed';

describe('fingerprint', () => {
  test('is lowercase hex SHA-256 of the raw 32-byte key', () => {
    const expected = createHash('sha256').update(PUBLIC).digest('hex');
    assert.equal(keyFingerprint(PUBLIC), expected);
    assert.match(keyFingerprint(PUBLIC), /^[0-9a-f]{64}$/);
  });

  test('groupFingerprint writes two lines of eight space-separated groups of four', () => {
    const fp = keyFingerprint(PUBLIC);
    const grouped = groupFingerprint(fp);
    assert.match(grouped, /^([0-9a-f]{4} ){7}[0-9a-f]{4}\n([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    assert.equal(grouped.replace(/\s/g, ''), fp);
    assert.equal(grouped.split('\n')[0], fp.slice(0, 32).match(/.{4}/g)!.join(' '));
  });
});

describe('PEM SubjectPublicKeyInfo (RFC 8410 §4)', () => {
  test('DER is the 12-byte Ed25519 SPKI prefix followed by the key', () => {
    const der = ed25519PublicKeyToSpkiDer(PUBLIC);
    assert.equal(Buffer.from(der).toString('hex'), `302a300506032b6570032100${Buffer.from(PUBLIC).toString('hex')}`);
    assert.throws(() => ed25519PublicKeyToSpkiDer(PUBLIC.subarray(0, 31)), TypeError);
    assert.throws(() => ed25519PublicKeyToSpkiDer(new Uint8Array(33)), TypeError);
  });

  test('round-trips and equals the PEM node:crypto exports for the same key', () => {
    for (let i = 0; i < 16; i++) {
      const key = i === 0 ? PUBLIC : ed25519PublicKey(new Uint8Array(randomBytes(32)));
      const pem = ed25519PublicKeyToPem(key);
      assert.deepEqual(ed25519PublicKeyFromPem(pem), key);
      const nodePem = createPublicKey({ key: Buffer.from(ed25519PublicKeyToSpkiDer(key)), format: 'der', type: 'spki' })
        .export({ format: 'pem', type: 'spki' })
        .toString();
      assert.equal(pem, nodePem);
    }
  });

  test('reading tolerates surrounding text and CRLF line ends', () => {
    const pem = ed25519PublicKeyToPem(PUBLIC);
    assert.deepEqual(ed25519PublicKeyFromPem(`examiner key:\r\n${pem.replace(/\n/g, '\r\n')}trailer`), PUBLIC);
  });

  test('rejects PEM that is not an Ed25519 public key', () => {
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const ed448 = generateKeyPairSync('ed448').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const priv = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const good = ed25519PublicKeyToPem(PUBLIC);
    const bad = [
      x25519, // same length, OID 1.3.101.110
      p256,
      ed448,
      priv, // a PRIVATE KEY block, not PUBLIC KEY
      '',
      'not a key',
      good.replace(/[A-Za-z0-9+/]{10}/, '!!!!!!!!!!'), // not base64
      good.replace('MCowBQYDK2VwAyEA', 'MCowBQYDK2VxAyEA'), // OID byte changed
    ];
    for (const pem of bad) assert.throws(() => ed25519PublicKeyFromPem(pem), TypeError, pem.slice(0, 40));
  });
});

describe('openssl CLI accepts our PEM', { skip: noOpenssl }, () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'evault-keyfp-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('openssl pkey -pubin reads it as an ED25519 public key', () => {
    const file = join(dir, 'key.pem');
    writeFileSync(file, ed25519PublicKeyToPem(PUBLIC));
    const check = spawnSync('openssl', ['pkey', '-pubin', '-in', file, '-noout'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    const text = spawnSync('openssl', ['pkey', '-pubin', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /ED25519 Public-Key/);
    // The key bytes follow "pub:" as indented colon-separated hex lines.
    const hexLines = text.stdout.split('\n').filter((line) => /^\s+[0-9a-f]{2}(:[0-9a-f]{2})*:?$/.test(line));
    assert.equal(hexLines.join('').replace(/[\s:]/g, ''), Buffer.from(PUBLIC).toString('hex'));
  });

  test('openssl pkeyutl -verify accepts a noble signature and refuses a tampered message', () => {
    const keyFile = join(dir, 'verify.pem');
    const msgFile = join(dir, 'msg');
    const sigFile = join(dir, 'sig');
    const message = utf8('evidence vault custody event\n');
    writeFileSync(keyFile, ed25519PublicKeyToPem(ed25519PublicKey(SEED)));
    writeFileSync(msgFile, message);
    writeFileSync(sigFile, ed25519Sign(message, SEED));
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', keyFile, '-rawin', '-in', msgFile, '-sigfile', sigFile];
    const ok = spawnSync('openssl', args, { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Signature Verified Successfully/);
    writeFileSync(msgFile, utf8('evidence vault custody event!'));
    const bad = spawnSync('openssl', args, { encoding: 'utf8' });
    assert.notEqual(bad.status, 0);
    assert.doesNotMatch(bad.stdout, /Verified Successfully/);
  });
});
