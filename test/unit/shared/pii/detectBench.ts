// SPDX-License-Identifier: UNLICENSED
// Speed of detectPii: a measurement for docs/BENCHMARKS.md, not a test (timing asserts are flaky).
// 1. typical ~200-character texts with nothing to find (prose with a few numbers, ids, a URL);
// 2. the same with one PII value each;
// 3. every string field of the labelled corpus, as the importer would scan it, per field and per
//    record, with the cost of listing the fields (textFields) shown apart.
// Usage: npx tsc -p tsconfig.test.json && node dist/test/unit/shared/pii/detectBench.js
import { join } from 'node:path';
import { textFields } from '../../../../shared/logs/commonFields.js';
import { detectPii } from '../../../../shared/pii/detect.js';
import { corpusDir } from '../../../helpers/repoRoot.js';
import { readLogRecords } from '../../../../electron/services/ingest/logs/readLog.js';

const CLEAN = [
  'Summarise our Premier Account for a customer in 5 bullet points. Thanks! Please keep it under 120 words and mention the 2 branches that open on Saturdays; the FAQ is at https://help.example.com/faq.',
  'The deployment of build 2026.11.3 finished at 07:06:08 UTC with 0 errors: 14 pods restarted, latency p99 was 1282 ms, and the request id req_684c903b945309875b23f2cb is in the audit trail.',
  'Explain the difference between a liveness probe and a readiness probe. A slow start should fail readiness, not liveness; Kubernetes restarts a container only when the liveness check fails 3 times.',
  'Personal loans run from GBP 604.38 to €79,561.56. Your rate depends on your credit score; you can get a quote in the app without affecting it, and the offer is valid until 16.11.2026 at 17:00.',
];
const WITH_PII = [
  'Please update the contact for this account to maria.schulz+billing@example.org and confirm by SMS to +49 30 12345678 once the change is done. Thanks, the team at Ridgeline Capital in Frankfurt.',
  'The refund should go to DE89 3704 0044 0532 0130 00, not to the card 4111 1111 1111 1111 that was charged on 2026-11-16; the customer reference is NWB-C935126 and the case is urgent.',
];

function measure(label: string, texts: string[], minMs = 1500): void {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += detectPii(texts[i % texts.length]!).length; // warm-up (JIT)
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    let calls = 0;
    const started = performance.now();
    let elapsed = 0;
    do {
      for (const t of texts) sink += detectPii(t).length;
      calls += texts.length;
      elapsed = performance.now() - started;
    } while (elapsed < minMs / 5);
    rounds.push((elapsed * 1000) / calls);
  }
  rounds.sort((a, b) => a - b);
  const chars = texts.reduce((n, t) => n + t.length, 0) / texts.length;
  console.log(`${label}: median ${rounds[2]!.toFixed(2)} µs per call (best ${rounds[0]!.toFixed(2)}), mean length ${chars.toFixed(0)} chars, ${(1e6 / rounds[2]!).toFixed(0)} calls/s  [${sink % 2}]`);
}

// node --test treats every .js under a "test" directory as a test file: do nothing there.
if (process.env.NODE_TEST_CONTEXT === undefined) {
  measure('no PII, ~200 chars', CLEAN);
  measure('one or two PII values, ~200 chars', WITH_PII);
  const dir = join(corpusDir(), 'logs', 'ai');
  const fields: string[] = [];
  const records: unknown[] = [];
  for (const name of ['inference_audit.jsonl', 'chat_completions.jsonl', 'support_chatbot.csv']) {
    for await (const r of readLogRecords(join(dir, name))) if (r.value !== undefined) records.push(r.value);
  }
  for (const r of records) for (const f of textFields(r)) fields.push(f.text);
  measure(`corpus: all ${fields.length} string fields of ${records.length} records`, fields, 3000);
  const perRecord = (label: string, run: () => void) => {
    run();
    const started = performance.now();
    for (let k = 0; k < 5; k++) run();
    const us = ((performance.now() - started) * 1000) / (5 * records.length);
    console.log(`corpus, per record, ${label}: ${us.toFixed(2)} µs, ${(1e6 / us).toFixed(0)} records/s`);
  };
  perRecord('detectPii on every string field', () => {
    for (const f of fields) detectPii(f);
  });
  perRecord('textFields (shared/logs/commonFields.ts) alone', () => {
    for (const r of records) textFields(r);
  });
}
