// SPDX-License-Identifier: UNLICENSED
// Prints the PII accuracy table for docs/BENCHMARKS.md, and with --details every miss, false match
// and flagged look-alike (the corpus is synthetic, so printing values is harmless here).
// Usage: npx tsc -p tsconfig.test.json && node dist/test/unit/shared/pii/accuracyReport.js [--details]
import { join } from 'node:path';
import { corpusDir } from '../../../helpers/repoRoot.js';
import { measureAccuracy } from './accuracy.js';

// node --test treats every .js under a "test" directory as a test file: do nothing there.
if (process.env.NODE_TEST_CONTEXT === undefined) {
  const started = performance.now();
  const result = await measureAccuracy(join(corpusDir(), 'logs', 'ai'));
  const seconds = (performance.now() - started) / 1000;
  console.log('| type | labels | matches | true positives | recall | precision |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const s of result.scores) {
    console.log(`| ${s.type} | ${s.labels} | ${s.matches} | ${s.truePositives} | ${s.recall.toFixed(4)} | ${s.precision.toFixed(4)} |`);
  }
  console.log(`\n${result.fieldsScanned} fields scanned in ${seconds.toFixed(2)} s; look-alikes flagged: ${result.lookalikesFlagged.length}`);
  for (const f of result.files) console.log(`${f.name}: ${f.records} records (expected ${f.expectedRecords}); malformed labelled ${f.labelledMalformed.join(',')} / read ${f.readerMalformed.join(',')}`);
  if (process.argv.includes('--details')) {
    for (const m of result.missed) console.log(`MISSED ${m.type} ${m.subtype ?? ''} ${m.file}#${m.record}${m.field} [${m.start},${m.end}) ${JSON.stringify(m.value)}`);
    for (const p of result.falseMatches) console.log(`FALSE ${p.type} ${p.subtype ?? ''} ${p.file}#${p.record}${p.field} [${p.start},${p.end}) ${JSON.stringify(p.text)}`);
    for (const l of result.lookalikesFlagged) console.log(`LOOKALIKE ${l.resembles} ${l.file}#${l.record}${l.field} [${l.start},${l.end}) ${JSON.stringify(l.value)} (${l.why})`);
  }
}
