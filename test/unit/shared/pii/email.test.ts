// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, foundOf } from './found.js';

const emails = (text: string) => foundOf('pii.email', text);

test('e-mail: addresses in running text, with the sentence punctuation left out', () => {
  assert.deepEqual(found('Contact john.doe@example.com today'), [['pii.email', 'john.doe@example.com']]);
  assert.deepEqual(emails('write to a+tag@sub.example.co.uk.'), ['a+tag@sub.example.co.uk']);
  assert.deepEqual(emails("reply to 'Maria_Schulz@Example.DE', thanks"), ['Maria_Schulz@Example.DE']);
  assert.deepEqual(emails('<first.m.last@mail-server.example.org>'), ['first.m.last@mail-server.example.org']);
  assert.deepEqual(emails('mailto:o\'brien@example.ie'), ["o'brien@example.ie"]);
  assert.deepEqual(emails('user%relay@example.com and x-y_z@xn--bcher-kva.example'), ['user%relay@example.com', 'x-y_z@xn--bcher-kva.example']);
  assert.deepEqual(emails('a@b.co,c@d.io;e@f.dev'), ['a@b.co', 'c@d.io', 'e@f.dev']);
});

test('e-mail: shapes RFC 5322 / RFC 1035 rule out are not matched', () => {
  for (const text of [
    '@dataclass',
    'ping @northwind_help on social',
    'npm i @contoso/ui-kit',
    'john@localhost',
    'john@example',
    'john@example.c',
    'john..doe@example.com',
    '.john@example.com',
    'john.@example.com',
    'john@-example.com',
    'john@example-.com',
    'john@example..com',
    'lodash@4.17.21',
    'user@exämple.com',
    'a@b',
    'x@123.456',
  ]) {
    assert.deepEqual(emails(text), [], text);
  }
});
