// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EvaultError } from '../../../../shared/errors.js';
import { detectPii } from '../../../../shared/pii/detect.js';
import { canonicalIpv6, canonicalPii } from '../../../../shared/pii/normalize.js';
import { Redactor, type RedactorState } from '../../../../shared/pii/redact.js';

const FIXED: RedactorState = { version: 1, salt: '00112233445566778899aabbccddeeff', counts: {}, entries: {} };

test('placeholders: typed, numbered per type in first-seen order, same value → same placeholder', () => {
  const r = new Redactor();
  assert.equal(r.placeholder('pii.email', 'a@example.com'), '[EMAIL#1]');
  assert.equal(r.placeholder('pii.email', 'b@example.com'), '[EMAIL#2]');
  assert.equal(r.placeholder('pii.phone', '+442079460958'), '[PHONE#1]');
  assert.equal(r.placeholder('pii.email', 'a@example.com'), '[EMAIL#1]');
  assert.equal(r.placeholder('pii.credit_card', '4111111111111111'), '[CARD#1]');
  assert.equal(r.placeholder('pii.us_ssn', '536-22-1234'), '[SSN#1]');
  assert.equal(r.placeholder('pii.iban', 'DE89370400440532013000'), '[IBAN#1]');
  assert.equal(r.placeholder('pii.ip', '10.0.0.1'), '[IP#1]');
  assert.equal(r.placeholder('pii.secret', 'AKIAIOSFODNN7EXAMPLE'), '[SECRET#1]');
  // The same characters as two types are two values.
  assert.equal(r.placeholder('pii.phone', '536-22-1234'), '[PHONE#2]');
});

test('placeholders: one value written two ways is one value', () => {
  const r = new Redactor();
  assert.equal(r.placeholder('pii.credit_card', '4111 1111 1111 1111'), r.placeholder('pii.credit_card', '4111-1111-1111-1111'));
  assert.equal(r.placeholder('pii.iban', 'GB82 WEST 1234 5698 7654 32'), r.placeholder('pii.iban', 'GB82WEST12345698765432'));
  assert.equal(r.placeholder('pii.email', 'Maria.Schulz@Example.org'), r.placeholder('pii.email', 'maria.schulz@example.org'));
  assert.equal(r.placeholder('pii.phone', '+44 (0)20 7946 0958'), r.placeholder('pii.phone', '+442079460958'));
  assert.equal(r.placeholder('pii.ip', '2001:0DB8:0000:0000:0000:0000:0000:0001'), r.placeholder('pii.ip', '2001:db8::1'));
  assert.notEqual(r.placeholder('pii.phone', '020 7946 0958'), r.placeholder('pii.phone', '+442079460958')); // no country context
});

test('canonical forms: RFC 5952 for IPv6', () => {
  assert.equal(canonicalIpv6('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
  assert.equal(canonicalIpv6('2001:0db8::0001'), '2001:db8::1');
  assert.equal(canonicalIpv6('2001:db8:0:0:0:0:2:1'), '2001:db8::2:1');
  assert.equal(canonicalIpv6('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  assert.equal(canonicalIpv6('2001:DB8::'), '2001:db8::');
  assert.equal(canonicalIpv6('0:0:0:0:0:FFFF:c000:0280'), '::ffff:192.0.2.128');
  assert.equal(canonicalIpv6('fe80:0:0:0:1ff:fe23:4567:890a'), 'fe80::1ff:fe23:4567:890a');
  assert.equal(canonicalPii('pii.secret', '-----BEGIN PRIVATE KEY-----\r\nAB\r\n-----END PRIVATE KEY-----\n'), '-----BEGIN PRIVATE KEY-----\nAB\n-----END PRIVATE KEY-----');
});

test('redact: replaces each match, in any order given', () => {
  const text = 'Mail maria@example.org or call +49 30 12345678; again: maria@example.org from 10.0.0.7.';
  const r = new Redactor();
  assert.equal(r.redact(text, detectPii(text).reverse()), 'Mail [EMAIL#1] or call [PHONE#1]; again: [EMAIL#1] from [IP#1].');
  assert.equal(r.redact('no findings', []), 'no findings');
  assert.equal(r.redact('10.0.0.8 then 10.0.0.7', detectPii('10.0.0.8 then 10.0.0.7')), '[IP#2] then [IP#1]');
});

test('redact: bad spans are refused with a coded error that does not carry the text', () => {
  const r = new Redactor();
  const text = 'secret maria@example.org';
  for (const matches of [
    [{ type: 'pii.email', start: 7, end: 40 }],
    [{ type: 'pii.email', start: 7, end: 7 }],
    [{ type: 'pii.email', start: -1, end: 3 }],
    [
      { type: 'pii.email', start: 7, end: 24 },
      { type: 'pii.ip', start: 10, end: 12 },
    ],
  ] as const) {
    assert.throws(
      () => r.redact(text, matches),
      (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT' && !e.message.includes('maria') && !e.message.includes('secret'),
    );
  }
  assert.throws(() => r.placeholder('pii.nope' as 'pii.email', 'maria@example.org'), (e: unknown) => e instanceof EvaultError && !e.message.includes('maria'));
});

test('state: round-trips through JSON, keeps numbering, holds no raw value', () => {
  const r = new Redactor(FIXED);
  r.placeholder('pii.email', 'maria@example.org');
  r.placeholder('pii.us_ssn', '536-22-1234');
  const saved = JSON.parse(JSON.stringify(r)) as RedactorState;
  const text = JSON.stringify(saved);
  for (const raw of ['maria', 'example.org', '536', '1234']) assert.ok(!text.includes(raw), raw);
  assert.deepEqual(Object.values(saved.entries).sort(), ['EMAIL#1', 'SSN#1']);
  assert.deepEqual(saved.counts, { EMAIL: 1, SSN: 1 });

  const again = new Redactor(saved);
  assert.equal(again.placeholder('pii.us_ssn', '536 22 1234'), '[SSN#1]');
  assert.equal(again.placeholder('pii.email', 'other@example.org'), '[EMAIL#2]');
  // The caller's object is not mutated.
  assert.deepEqual(saved.counts, { EMAIL: 1, SSN: 1 });
});

test('state: keys are salted per case, so two cases cannot be linked by them', () => {
  const a = new Redactor();
  const b = new Redactor();
  a.placeholder('pii.us_ssn', '536-22-1234');
  b.placeholder('pii.us_ssn', '536-22-1234');
  assert.notEqual(a.toJSON().salt, b.toJSON().salt);
  assert.notDeepEqual(Object.keys(a.toJSON().entries), Object.keys(b.toJSON().entries));
  // With the same salt the keys agree (the state is deterministic given its salt).
  const c = new Redactor(FIXED);
  const d = new Redactor(FIXED);
  c.placeholder('pii.us_ssn', '536-22-1234');
  d.placeholder('pii.us_ssn', '536-22-1234');
  assert.deepEqual(c.toJSON(), d.toJSON());
});

test('state: malformed saved states are refused with BAD_INPUT', () => {
  const key = 'a'.repeat(64);
  const bad: unknown[] = [
    null,
    'state',
    { ...FIXED, version: 2 },
    { ...FIXED, salt: 'xyz' },
    { ...FIXED, counts: null },
    { ...FIXED, entries: null },
    { ...FIXED, counts: { EMAIL: -1 } },
    { ...FIXED, counts: { NAME: 1 } },
    { ...FIXED, counts: { EMAIL: 1 }, entries: { [key]: 'EMAIL#2' } },
    { ...FIXED, counts: { EMAIL: 1 }, entries: { nothex: 'EMAIL#1' } },
    { ...FIXED, counts: { EMAIL: 1 }, entries: { [key]: 'maria@example.org' } },
    { ...FIXED, counts: { EMAIL: 2 }, entries: { [key]: 'EMAIL#1', ['b'.repeat(64)]: 'EMAIL#1' } },
  ];
  for (const state of bad) {
    assert.throws(
      () => new Redactor(state as RedactorState),
      (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT' && !e.message.includes('maria'),
      JSON.stringify(state),
    );
  }
});
