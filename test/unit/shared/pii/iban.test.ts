// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ibanChecksumValid, validIban } from '../../../../shared/pii/iban.js';
import { found, foundOf } from './found.js';

const ibans = (text: string) => foundOf('pii.iban', text);

// Examples from the SWIFT IBAN Registry and ISO 13616-1.
const REGISTRY_EXAMPLES = [
  'GB82 WEST 1234 5698 7654 32',
  'DE89 3704 0044 0532 0130 00',
  'FR14 2004 1010 0505 0001 3M02 606',
  'NL91 ABNA 0417 1643 00',
  'CH93 0076 2011 6238 5295 7',
  'ES91 2100 0418 4502 0005 1332',
  'IT60 X054 2811 1010 0000 0123 456',
  'BE68 5390 0754 7034',
  'NO93 8601 1117 947',
  'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
];

test('IBAN: ISO 7064 MOD 97-10 check and the registry length per country', () => {
  for (const iban of REGISTRY_EXAMPLES) {
    const compact = iban.replace(/ /g, '');
    assert.ok(ibanChecksumValid(compact), iban);
    assert.ok(validIban(compact), iban);
  }
  assert.ok(!validIban('GB82WEST12345698765433')); // check digits wrong
  assert.ok(!validIban('GB82WEST123456987654')); // GB is 22 characters
  assert.ok(!validIban('XX82WEST12345698765432')); // no such country in the registry
  assert.ok(!validIban('gb82west12345698765432')); // the standard is upper case
});

test('IBAN: paper format in groups of four and electronic format, in text', () => {
  for (const iban of REGISTRY_EXAMPLES) {
    assert.deepEqual(found(`pay to ${iban}, ref 7`), [['pii.iban', iban, iban.slice(0, 2).toLowerCase()]], iban);
    const compact = iban.replace(/ /g, '');
    assert.deepEqual(ibans(`IBAN:${compact}.`), [compact], compact);
  }
  // An IBAN that ends on a group boundary, followed by a word, and by another group of digits.
  assert.deepEqual(ibans('ES91 2100 0418 4502 0005 1332 EUR'), ['ES91 2100 0418 4502 0005 1332']);
  assert.deepEqual(ibans('ES91 2100 0418 4502 0005 1332 2026'), []);
});

/** The IBAN for a country and BBAN, with its check digits computed (ISO 13616-1 §7). */
function withCheckDigits(country: string, bban: string): string {
  const digits = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  return country + String(98 - rem).padStart(2, '0') + bban;
}

test('IBAN: the BBAN must have its country\'s structure, even when the check digits are right', () => {
  assert.ok(validIban(withCheckDigits('GB', 'WEST12345698765432')));
  assert.ok(!validIban(withCheckDigits('GB', '123412345698765432'))); // GB bank code is four letters
  assert.ok(!validIban(withCheckDigits('DE', '37040044053201300A'))); // DE is 18 digits
  assert.ok(!validIban(withCheckDigits('NL', 'ABNA04171643'))); // NL is 4a10n: 14 characters
  assert.deepEqual(ibans(`id ${withCheckDigits('BA', '6583EE2B87E845E0')} ok`), []); // an upper-case hex id
  assert.deepEqual(ibans(`id ${withCheckDigits('BA', '1290079401028494')} ok`), [withCheckDigits('BA', '1290079401028494')]);
});

test('IBAN: wrong check digits, wrong length and glued text are not IBANs', () => {
  for (const text of [
    'GB82 WEST 1234 5698 7654 33',
    'GB82 WEST 1234 5698 7654 3', // one character short
    'GB82 WEST 1234 5698 7654 321', // one too many
    'GB82WEST1234569876543',
    'DE89 3704 0044 0532 0130 0',
    'XGB82WEST12345698765432',
    'GB82WEST12345698765432X',
    'GB82WEST12345698765432x',
    'DE00 3704 0044 0532 0130 00',
  ]) {
    assert.deepEqual(ibans(text), [], text);
  }
});
