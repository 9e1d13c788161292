// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validSsn } from '../../../../shared/pii/ssn.js';
import { found, foundOf } from './found.js';

const ssns = (text: string) => foundOf('pii.us_ssn', text);

test('SSN: AAA-GG-SSSS or with spaces, one kind of separator', () => {
  assert.deepEqual(found('SSN 536-22-1234.'), [['pii.us_ssn', '536-22-1234']]);
  assert.deepEqual(ssns('ssn: 386 14 5497; 001-01-0001 and 899-99-9999'), ['386 14 5497', '001-01-0001', '899-99-9999']);
  assert.deepEqual(ssns('536-22 1234 or 536 22-1234'), []);
  assert.deepEqual(ssns('536221234'), []);
});

test('SSN: areas 000, 666 and 900–999, group 00 and serial 0000 are never issued', () => {
  assert.ok(validSsn('001', '01', '0001'));
  assert.ok(validSsn('665', '99', '9999'));
  assert.ok(validSsn('667', '10', '1000'));
  assert.ok(validSsn('899', '01', '0001'));
  for (const [a, g, s] of [
    ['000', '12', '3456'],
    ['666', '12', '3456'],
    ['900', '12', '3456'],
    ['999', '99', '9999'],
    ['943', '70', '1234'], // an ITIN, not an SSN
    ['123', '00', '4567'],
    ['123', '45', '0000'],
    ['078', '05', '1120'], // voided (advertised in wallets in 1938)
  ] as const) {
    assert.ok(!validSsn(a, g, s), `${a}-${g}-${s}`);
    assert.deepEqual(ssns(`id ${a}-${g}-${s}`), []);
  }
});

test('SSN: not a piece of a longer number', () => {
  for (const text of ['1536-22-1234', '536-22-12345', '536-22-1234-5', '2026-11-1234', '536-22-1234.5', 'A536-22-1234']) {
    assert.deepEqual(ssns(text), [], text);
  }
});
