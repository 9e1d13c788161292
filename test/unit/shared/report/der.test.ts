// SPDX-License-Identifier: UNLICENSED
// DER (X.690) writer and reader: known-answer encodings from RFC 5652/5280 examples and OpenSSL,
// and malformed input refused with DerError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex, fromHex } from '../../../../shared/encoding.js';
import { DerError, children, integer, oid, readDer, readDerExact, readOid, readTime, sequence, setOf, time, tlv } from '../../../../shared/report/der.js';
import { ecdsaDerToRaw } from '../../../../shared/report/ecdsa.js';

test('OIDs encode as OpenSSL writes them and decode back', () => {
  // `openssl asn1parse -genstr OID:…` gives these bytes.
  const vectors: [string, string][] = [
    ['1.2.840.113549.1.7.2', '06092a864886f70d010702'],
    ['2.16.840.1.101.3.4.2.1', '0609608648016503040201'],
    ['1.2.840.10045.4.3.2', '06082a8648ce3d040302'],
    ['1.2.840.113549.1.9.16.2.47', '060b2a864886f70d010910022f'],
    ['2.5.4.3', '0603550403'],
  ];
  for (const [dotted, hex] of vectors) {
    assert.equal(toHex(oid(dotted)), hex, dotted);
    assert.equal(readOid(readDerExact(fromHex(hex))), dotted);
  }
});

test('INTEGER is minimal and positive; lengths use the short and long forms', () => {
  assert.equal(toHex(integer(0)), '020100');
  assert.equal(toHex(integer(127)), '02017f');
  assert.equal(toHex(integer(128)), '02020080');
  assert.equal(toHex(integer(new Uint8Array([0, 0, 1]))), '020101');
  assert.equal(toHex(tlv(0x04, new Uint8Array(200))).slice(0, 6), '0481c8');
  assert.equal(toHex(tlv(0x04, new Uint8Array(300))).slice(0, 8), '0482012c');
});

test('SET OF is sorted (X.690 §11.6); SEQUENCE keeps order', () => {
  const a = tlv(0x04, new Uint8Array([2]));
  const b = tlv(0x04, new Uint8Array([1]));
  assert.equal(toHex(setOf(a, b)), `3106${toHex(b)}${toHex(a)}`);
  assert.equal(toHex(sequence(a, b)), `3006${toHex(a)}${toHex(b)}`);
  assert.deepEqual(children(readDerExact(sequence(a, b))).map((c) => toHex(c.raw)), [toHex(a), toHex(b)]);
});

test('times: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
  const d = new Date('2026-11-23T10:00:00Z');
  assert.equal(new TextDecoder().decode(readDerExact(time(d)).content), '261123100000Z');
  assert.equal(readDerExact(time(new Date('2051-01-01T00:00:00Z'))).tag, 0x18);
  assert.equal(readTime(readDerExact(time(d))).toISOString(), d.toISOString());
});

test('malformed DER is refused, never read past the end', () => {
  for (const hex of ['', '30', '3005020101', '3080020101 0000'.replace(' ', ''), '1f0100', '3084ffffffff', '30810100']) {
    assert.throws(() => readDerExact(fromHex(hex)), DerError, hex);
  }
  assert.throws(() => readDerExact(fromHex('0201010000')), DerError, 'trailing bytes');
  assert.equal(readDer(fromHex('0201010000')).raw.length, 3);
});

test('ECDSA DER signatures convert to r‖s, rejecting negative or oversized integers', () => {
  const r = new Uint8Array(32).fill(0x81);
  const s = new Uint8Array([1, 2, 3]);
  const raw = ecdsaDerToRaw(sequence(integer(r), integer(s)))!;
  assert.equal(toHex(raw.subarray(0, 32)), toHex(r));
  assert.equal(toHex(raw.subarray(32)), `${'00'.repeat(29)}010203`);
  assert.equal(ecdsaDerToRaw(sequence(tlv(0x02, new Uint8Array([0x80])), integer(1))), null, 'negative r');
  assert.equal(ecdsaDerToRaw(sequence(integer(new Uint8Array(33).fill(1)), integer(1))), null, 'r too long');
  assert.equal(ecdsaDerToRaw(new Uint8Array([1, 2, 3])), null);
});
