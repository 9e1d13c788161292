// SPDX-License-Identifier: UNLICENSED
// RFC 3339 times with any offset, and wall times in IANA zones across daylight-saving changes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTimeZone, formatEntered, formatInZone, parseRfc3339, zoneOffsetMinutes } from '../../../../shared/incident/time.js';
import { EvaultError } from '../../../../shared/errors.js';

describe('parseRfc3339', () => {
  test('any offset gives the same instant, and the offset is kept', () => {
    const same = ['2026-11-20T08:15:00Z', '2026-11-20T09:15:00+01:00', '2026-11-20T13:45:00+05:30', '2026-11-20T00:15:00-08:00', '2026-11-20t08:15:00z', '2026-11-20 08:15:00Z'];
    for (const s of same) assert.equal(parseRfc3339(s).utc, '2026-11-20T08:15:00.000Z', s);
    assert.equal(parseRfc3339('2026-11-20T13:45:00+05:30').offset, '+05:30');
    assert.equal(parseRfc3339('2026-11-20T08:15:00z').offset, 'Z');
    assert.equal(parseRfc3339('2026-11-20T08:15:00-00:00').offset, '-00:00');
    assert.equal(formatEntered(parseRfc3339('2026-11-20T13:45:00+05:30')), '2026-11-20 13:45:00 +05:30');
  });

  test('fractions are kept to the millisecond; day boundaries cross correctly', () => {
    assert.equal(parseRfc3339('2026-12-31T23:30:00.1239-01:00').utc, '2027-01-01T00:30:00.123Z');
    assert.equal(parseRfc3339('2028-02-29T12:00:00Z').utc, '2028-02-29T12:00:00.000Z');
  });

  test('invalid dates, times and offsets are refused with BAD_INPUT', () => {
    for (const s of ['2026-11-20T08:15Z', '2026-11-20', '2026-13-01T00:00:00Z', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T08:15:00+24:00', '2026-11-20T08:15:00+0100', '2026-12-31T23:59:60Z', 'yesterday']) {
      assert.throws(() => parseRfc3339(s), (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT', s);
    }
  });
});

describe('time zones', () => {
  test('Europe/Berlin changes offset at 01:00 UTC on the last Sunday of March 2026', () => {
    assert.equal(zoneOffsetMinutes(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Berlin'), 60);
    assert.equal(zoneOffsetMinutes(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin'), 120);
    assert.equal(formatInZone('2026-03-29T01:30:00.000Z', 'Europe/Berlin'), '2026-03-29 03:30:00 +02:00 (Europe/Berlin)');
  });

  test('America/New_York falls back on 1 November 2026; Asia/Kolkata has a half-hour offset', () => {
    assert.equal(formatInZone('2026-11-01T05:30:00.000Z', 'America/New_York'), '2026-11-01 01:30:00 -04:00 (America/New_York)');
    assert.equal(formatInZone('2026-11-01T06:30:00.000Z', 'America/New_York'), '2026-11-01 01:30:00 -05:00 (America/New_York)');
    assert.equal(formatInZone('2026-11-01T06:30:00.000Z', 'Asia/Kolkata'), '2026-11-01 12:00:00 +05:30 (Asia/Kolkata)');
  });

  test('an unknown zone is BAD_INPUT', () => {
    assert.equal(checkTimeZone('Europe/Berlin'), 'Europe/Berlin');
    assert.throws(() => checkTimeZone('Mars/Olympus'), (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT');
  });
});
