// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardScheme, luhnValid } from '../../../../shared/pii/card.js';
import { found, foundOf } from './found.js';

const cards = (text: string) => foundOf('pii.credit_card', text);

/** Appends the Luhn check digit to a partial number. */
function withCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return partial + d;
  throw new Error('unreachable');
}

test('Luhn: the published test numbers pass, a changed digit fails', () => {
  for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '79927398713']) assert.ok(luhnValid(n), n);
  for (const n of ['4111111111111112', '5555555555554445', '79927398710']) assert.ok(!luhnValid(n), n);
});

test('card: issuer prefixes and lengths (Visa 13/16/19, Mastercard 51–55 and 2221–2720, Amex 34/37, Discover 6011/644–649/65)', () => {
  assert.equal(cardScheme('4111111111111111'), 'visa');
  assert.equal(cardScheme('4222222222222'), 'visa');
  assert.equal(cardScheme(withCheckDigit('411111111111111111')), 'visa');
  assert.equal(cardScheme('5555555555554444'), 'mastercard');
  assert.equal(cardScheme('2223003122003222'), 'mastercard');
  assert.equal(cardScheme('2720990000000000'), 'mastercard');
  assert.equal(cardScheme('2721000000000000'), undefined);
  assert.equal(cardScheme('2220990000000000'), undefined);
  assert.equal(cardScheme('378282246310005'), 'amex');
  assert.equal(cardScheme('341111111111111'), 'amex');
  assert.equal(cardScheme('6011111111111117'), 'discover');
  assert.equal(cardScheme('6445644564456445'), 'discover');
  assert.equal(cardScheme('6500000000000002'), 'discover');
  assert.equal(cardScheme('6431111111111111'), undefined);
  assert.equal(cardScheme('41111111111111'), undefined); // Visa is never 14 digits
  assert.equal(cardScheme('5111111111111'), undefined); // Mastercard is always 16
  assert.equal(cardScheme('3782822463100051'), undefined); // Amex is always 15
  assert.equal(cardScheme('0516111827643117'), undefined); // major industry identifier 0
});

test('card: compact, in groups of four, or Amex 4-6-5', () => {
  assert.deepEqual(found('card 4111111111111111 on file'), [['pii.credit_card', '4111111111111111', 'visa']]);
  assert.deepEqual(cards('4111 1111 1111 1111, 4111-1111-1111-1111.'), ['4111 1111 1111 1111', '4111-1111-1111-1111']);
  assert.deepEqual(found('Amex 3782 822463 10005'), [['pii.credit_card', '3782 822463 10005', 'amex']]);
  assert.deepEqual(found('MC 2223 0031 2200 3222'), [['pii.credit_card', '2223 0031 2200 3222', 'mastercard']]);
  assert.deepEqual(found('Discover 6011-0009-9013-9424'), [['pii.credit_card', '6011-0009-9013-9424', 'discover']]);
  assert.deepEqual(cards('Visa 4222222222222 (13 digits)'), ['4222222222222']);
  const v19 = withCheckDigit('411111111111111111');
  assert.deepEqual(cards(`Visa ${v19.replace(/(\d{4})(?=\d)/g, '$1 ')}`), [v19.replace(/(\d{4})(?=\d)/g, '$1 ')]);
  assert.deepEqual(cards('4111 1111 1111 1111 12/29'), ['4111 1111 1111 1111']);
});

test('card: Luhn failures, wrong lengths, unknown issuers and longer digit runs are not cards', () => {
  for (const text of [
    '4111111111111112', // Luhn
    '3797 794078 49089', // Amex prefix, Luhn fails
    '4075-441195-9590', // Luhn-valid 14 digits with a Visa prefix
    '41137766336805',
    '0565263125205402', // no card starts with 0
    '1234 5678 9012 3456',
    '3530111333300000', // JCB: not a scheme this detector knows
    '4111 1111 1111 1111 1111', // 20 digits in fours: part of something longer
    '4111 1111-1111 1111', // mixed separators
    '5555 555555 554444', // Mastercard is not printed 4-6-5
    'x4111111111111111',
    '4111111111111111.50',
    'id 94111111111111111',
  ]) {
    assert.deepEqual(cards(text), [], text);
  }
});
