// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingLine, type StoredFinding } from '../../../../electron/services/ingest/logs/storedFinding.js';
import { canonicalize } from '../../../../shared/canonicalJson.js';

const base: StoredFinding = { type: 'ai.prompt_injection', rule: 'ai.injection.override', atlas: 'AML.T0051.000', severity: 'high', records: [12], field: '/prompt', start: 0, end: 33, explanation: 'Instruction override: "ignore all previous instructions".', score: 0.912345 };

test('a finding line is exactly canonicalize() of its ten fields, plus a newline', () => {
  const variants: StoredFinding[] = [
    base,
    { ...base, atlas: null, field: null, start: null, end: null, score: null },
    { ...base, records: [7, 3, 1_000_000], explanation: 'naïve “quotes”, \\ backslash, tab\t, newline\n, emoji 🙂, control \u0001', score: 1e-7 },
    { ...base, type: 'ai.burst', rule: 'ai.burst.user', severity: 'medium', records: [], score: 0 },
  ];
  for (const f of variants) {
    const expected = canonicalize({ type: f.type, rule: f.rule, atlas: f.atlas, severity: f.severity, records: f.records, field: f.field, start: f.start, end: f.end, explanation: f.explanation, score: f.score }) + '\n';
    assert.equal(findingLine(f), expected);
  }
});

test('a finding canonical JSON cannot carry is refused, as canonicalize() refuses it', () => {
  assert.throws(() => findingLine({ ...base, explanation: 'lone \uD800 surrogate' }), /lone surrogate/);
  assert.throws(() => findingLine({ ...base, score: Number.NaN }), /cannot canonicalize number/);
});
