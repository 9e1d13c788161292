// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, foundOf } from './found.js';

const phones = (text: string) => foundOf('pii.phone', text);

test('phone: E.164 and international notation, at most 15 digits', () => {
  assert.deepEqual(found('call +14155550129 now'), [['pii.phone', '+14155550129', 'e164']]);
  assert.deepEqual(phones('Tel. +44 20 7946 0958.'), ['+44 20 7946 0958']);
  assert.deepEqual(phones('Tel. +44 (0)20 7946 0958'), ['+44 (0)20 7946 0958']);
  assert.deepEqual(phones('+49 30 12345678, +33 1 23 45 67 89'), ['+49 30 12345678', '+33 1 23 45 67 89']);
  assert.deepEqual(phones('+1 (415) 555-0129'), ['+1 (415) 555-0129']);
  assert.deepEqual(phones('+493040292813 +353 1 234 5678'), ['+493040292813', '+353 1 234 5678']);
});

test('phone: US national formats follow the NANP (no N11, no 1xx/0xx area or exchange)', () => {
  assert.deepEqual(found('(415) 555-0129'), [['pii.phone', '(415) 555-0129', 'us']]);
  assert.deepEqual(phones('415-555-0129 or 415.555.0129 or 415 555 0129'), ['415-555-0129', '415.555.0129', '415 555 0129']);
  assert.deepEqual(phones('1-800-555-0199'), ['1-800-555-0199']);
  for (const text of ['123-456-7890', '415-155-0129', '911-555-0129', '415-911-0129', '495-555-0129', '415-555-01299', '555-0129', '415-555.0129']) {
    assert.deepEqual(phones(text), [], text);
  }
});

test('phone: UK, German and French national formats', () => {
  assert.deepEqual(found('020 7946 0958'), [['pii.phone', '020 7946 0958', 'uk']]);
  assert.deepEqual(phones('0117 496 0661, 07700 900123, 01632 960123, 0800 123 456'), ['0117 496 0661', '07700 900123', '01632 960123', '0800 123 456']);
  assert.deepEqual(found('030 12345678'), [['pii.phone', '030 12345678', 'de']]);
  assert.deepEqual(phones('0211 9657944, 089/1234567, 0151-23456789'), ['0211 9657944', '089/1234567', '0151-23456789']);
  assert.deepEqual(found('01 23 45 67 89'), [['pii.phone', '01 23 45 67 89', 'fr']]);
  assert.deepEqual(phones('06.12.34.56.78 ou 04-65-71-95-02'), ['06.12.34.56.78', '04-65-71-95-02']);
  // Area codes in parentheses, as the UK and German conventions also write them.
  assert.deepEqual(phones('(020) 7946 0958, (0117) 496 0661, (0211) 9657944, (030) 12345678'), ['(020) 7946 0958', '(0117) 496 0661', '(0211) 9657944', '(030) 12345678']);
  assert.deepEqual(phones('Tel.020 7946 0958'), ['020 7946 0958']);
});

test('phone: numbers that are not phone numbers', () => {
  for (const text of [
    '+49663775451490090', // 17 digits: E.164 allows at most 15
    '+4422765921518611',
    '+1 123 555 0129', // NANP area codes do not start with 1
    '+33 0 12 34 56 78', // French numbers after +33 do not start with 0
    '+1234567', // too short
    '2026-11-16T07:06:08.067Z',
    '16.11.2026 07:06',
    'build 2026.10.3, version 10.0.19041.1',
    'order 4155550129 and invoice 0123456789',
    'from 192.168.100.200 and 10.1.2.3',
    'the unix time 1794812869',
    '01 23 45 67 89 10', // one pair too many for a French number
    'ref 020 7946 0958 1234',
    'ORD-0211-9657944',
    '0 1234 5678',
  ]) {
    assert.deepEqual(phones(text), [], text);
  }
  // A card number is a card, not a phone number.
  assert.deepEqual(found('4111 1111 1111 1111'), [['pii.credit_card', '4111 1111 1111 1111', 'visa']]);
});
