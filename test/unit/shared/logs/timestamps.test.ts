// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTimestamp } from '../../../../shared/logs/timestamps.js';

/** What the canonical fast path must agree with: a value is kept only if a Date round trip gives it back. */
function roundTrip(v: string): string | undefined {
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return d.getUTCFullYear() >= 1970 && d.toISOString() === v ? v : undefined;
}

test('an already-canonical time is kept exactly when every field is in range', () => {
  assert.equal(normalizeTimestamp('2026-11-01T00:00:00.250Z'), '2026-11-01T00:00:00.250Z');
  assert.equal(normalizeTimestamp('2024-02-29T23:59:59.999Z'), '2024-02-29T23:59:59.999Z'); // leap year
  assert.equal(normalizeTimestamp('2000-02-29T12:00:00.000Z'), '2000-02-29T12:00:00.000Z'); // divisible by 400
  assert.equal(normalizeTimestamp('1970-01-01T00:00:00.000Z'), '1970-01-01T00:00:00.000Z');
  // Out of range: not returned as it is.
  for (const bad of ['2023-02-29T00:00:00.000Z', '1900-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-01-00T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T00:60:00.000Z', '1969-12-31T23:59:59.999Z']) {
    assert.notEqual(normalizeTimestamp(bad), bad, bad);
  }
});

test('a leap second still rolls over to the next minute through the general path', () => {
  assert.equal(normalizeTimestamp('2016-12-31T23:59:60.000Z'), '2017-01-01T00:00:00.000Z');
});

test('the fast path agrees with a Date round trip on 20,000 canonical-shaped strings', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pad = (v: number, n: number) => String(v).padStart(n, '0');
  let kept = 0;
  for (let i = 0; i < 20_000; i++) {
    const v = `${pad(1960 + rnd(450), 4)}-${pad(rnd(14), 2)}-${pad(rnd(33), 2)}T${pad(rnd(26), 2)}:${pad(rnd(62), 2)}:${pad(rnd(62), 2)}.${pad(rnd(1000), 3)}Z`;
    const expected = roundTrip(v);
    if (expected !== undefined) {
      kept++;
      assert.equal(normalizeTimestamp(v), v, v);
    } else {
      assert.notEqual(normalizeTimestamp(v), v, v);
    }
  }
  assert.ok(kept > 5_000, `enough valid samples (${kept})`);
});
