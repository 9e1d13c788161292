// SPDX-License-Identifier: UNLICENSED
// PII accuracy on the labelled corpus ../shared/corpus/logs/ai (issue 9): recall and precision of
// every PII type at least 0.98. The figures go in docs/BENCHMARKS.md ("PII detection accuracy");
// print them with dist/test/unit/shared/pii/accuracyReport.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { corpusDir } from '../../../helpers/repoRoot.js';
import { measureAccuracy, type Accuracy } from './accuracy.js';

const THRESHOLD = 0.98;
let result: Accuracy | undefined;
const accuracy = async (): Promise<Accuracy> => (result ??= await measureAccuracy(join(corpusDir(), 'logs', 'ai')));

test('the corpus is read as its labels describe it (record counts, malformed records)', async () => {
  const { files } = await accuracy();
  assert.equal(files.length, 3);
  for (const f of files) {
    assert.equal(f.records, f.expectedRecords, f.name);
    assert.deepEqual(f.readerMalformed, f.labelledMalformed, f.name);
  }
});

test(`recall and precision ≥ ${THRESHOLD} for every PII type`, async (t) => {
  const { scores, missed, falseMatches } = await accuracy();
  for (const s of scores) {
    t.diagnostic(`${s.type}: ${s.truePositives}/${s.labels} found (recall ${s.recall.toFixed(4)}), ${s.truePositives}/${s.matches} right (precision ${s.precision.toFixed(4)})`);
  }
  // Locations only: the values are synthetic, but the habit of not printing them is worth keeping.
  const where = (x: { type: string; file: string; record: number; field: string; start: number; end: number }) => `${x.type} ${x.file}#${x.record}${x.field} [${x.start},${x.end})`;
  for (const s of scores) {
    assert.ok(s.labels > 0, `${s.type} has labels`);
    assert.ok(s.recall >= THRESHOLD, `${s.type} recall ${s.recall.toFixed(4)}; missed: ${missed.filter((m) => m.type === s.type).slice(0, 10).map(where).join('; ')}`);
    assert.ok(s.precision >= THRESHOLD, `${s.type} precision ${s.precision.toFixed(4)}; false: ${falseMatches.filter((m) => m.type === s.type).slice(0, 10).map(where).join('; ')}`);
  }
});

test('look-alikes (invalid under a published rule) are not flagged', async (t) => {
  const { lookalikesFlagged } = await accuracy();
  t.diagnostic(`look-alikes flagged: ${lookalikesFlagged.length}`);
  assert.deepEqual(
    lookalikesFlagged.map((l) => `${l.resembles} ${l.file}#${l.record}${l.field} [${l.start},${l.end}): ${l.why}`),
    [],
  );
});
