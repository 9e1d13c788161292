// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PiiMatch } from '../../../../shared/findings.js';
import { detectPii, resolveOverlaps } from '../../../../shared/pii/detect.js';
import { found } from './found.js';

test('nothing in empty, short or ordinary text', () => {
  assert.deepEqual(detectPii(''), []);
  assert.deepEqual(detectPii('a@b'), []);
  assert.deepEqual(
    detectPii('The deployment of build 2026.11.3 finished at 07:06:08 UTC with 0 errors: 14 pods restarted, p99 1282 ms, request req_684c903b945309875b23f2cb.'),
    [],
  );
});

test('matches come sorted by start, without overlaps, as UTF-16 offsets', () => {
  const text = '😀 Maria (maria@example.org, +49 30 12345678) paid with 4111 1111 1111 1111 from 10.0.0.7 — SSN 536-22-1234, IBAN DE89370400440532013000.';
  const matches = detectPii(text);
  assert.deepEqual(
    matches.map((m) => [m.type, text.slice(m.start, m.end)]),
    [
      ['pii.email', 'maria@example.org'],
      ['pii.phone', '+49 30 12345678'],
      ['pii.credit_card', '4111 1111 1111 1111'],
      ['pii.ip', '10.0.0.7'],
      ['pii.us_ssn', '536-22-1234'],
      ['pii.iban', 'DE89370400440532013000'],
    ],
  );
  // The emoji is two UTF-16 code units.
  assert.equal(matches[0]!.start, 10);
  for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1]!.end <= matches[i]!.start);
});

test('overlaps: the containing kind wins', () => {
  // A card number and an e-mail address inside a private key block: one secret.
  const pem = '-----BEGIN PRIVATE KEY-----\n4111111111111111\nmaria@example.org\n-----END PRIVATE KEY-----';
  assert.deepEqual(found(pem), [['pii.secret', pem, 'private_key']]);
  // A phone number as the local part of an e-mail address: the address.
  assert.deepEqual(found('+4930123456789@example.com'), [['pii.email', '+4930123456789@example.com']]);
  // An IPv4-mapped IPv6 address: one IPv6 match, not its IPv4 tail as well.
  assert.deepEqual(found('::ffff:192.0.2.128'), [['pii.ip', '::ffff:192.0.2.128', 'ipv6']]);
  // A UK mobile number is also a valid German-looking grouping: reported once.
  assert.deepEqual(found('07700 900123'), [['pii.phone', '07700 900123', 'uk']]);
});

test('resolveOverlaps: rank by kind, then length, then position', () => {
  const m = (type: PiiMatch['type'], start: number, end: number): PiiMatch => ({ type, start, end });
  assert.deepEqual(resolveOverlaps([m('pii.phone', 5, 20), m('pii.iban', 0, 22), m('pii.credit_card', 5, 24)]), [m('pii.iban', 0, 22)]);
  assert.deepEqual(resolveOverlaps([m('pii.ip', 0, 7), m('pii.ip', 0, 18), m('pii.phone', 20, 30)]), [m('pii.ip', 0, 18), m('pii.phone', 20, 30)]);
  assert.deepEqual(resolveOverlaps([m('pii.phone', 10, 20), m('pii.phone', 0, 12), m('pii.phone', 19, 30)]), [m('pii.phone', 0, 12), m('pii.phone', 19, 30)]);
  assert.deepEqual(resolveOverlaps([m('pii.ip', 30, 40), m('pii.email', 0, 5)]), [m('pii.email', 0, 5), m('pii.ip', 30, 40)]);
});

test('long and hostile inputs finish quickly (no super-linear backtracking)', () => {
  const inputs = [
    '1 '.repeat(50_000),
    '1-'.repeat(50_000),
    '+1 '.repeat(30_000),
    '9'.repeat(100_000),
    'a'.repeat(50_000) + '@' + 'b.'.repeat(50_000),
    ':'.repeat(100_000),
    '1:'.repeat(50_000),
    'DE89 '.repeat(20_000),
    'e' + 'y'.repeat(100_000) + '.',
    'eyJ' + 'A'.repeat(50_000) + '.' + 'B'.repeat(50_000) + '.',
    '-----BEGIN PRIVATE KEY-----\n' + 'QUJD\n'.repeat(20_000),
    '(0)'.repeat(30_000),
    // Many matches that overlap in pairs (an IPv6 address and its embedded IPv4 address).
    '::ffff:10.0.0.1 '.repeat(20_000),
  ];
  for (const text of inputs) {
    const started = performance.now();
    detectPii(text);
    const ms = performance.now() - started;
    // A generous bound: a linear scan of 100k characters takes a few ms; a quadratic one takes minutes.
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms for input starting ${JSON.stringify(text.slice(0, 12))}`);
  }
});
