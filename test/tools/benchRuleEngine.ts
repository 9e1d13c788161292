// SPDX-License-Identifier: UNLICENSED
// Throughput and memory of the RuleEngine on short texts (a benchmark, not a test).
//   npx tsc -p tsconfig.test.json && node --expose-gc dist/test/tools/benchRuleEngine.js [records]
// Records are generated in chunks of 50,000 outside the timed section (5,000 users in 6 tenants,
// prompts and responses of 40-160 characters, a distinct e-mail address in every 20th response, a
// model change, one burst); only observe() and finish() are timed.
import type { PiiType } from '../../shared/findings.js';
import type { ObservedRecord } from '../../shared/rules/engine.js';
import { RuleEngine } from '../../shared/rules/engine.js';

const N = Number(process.argv[2] ?? 1_000_000);
const PROMPTS = [
  'What is the balance on my savings account?',
  'Draft a short reply thanking the customer for their patience.',
  'Summarise the attached claim notes in three bullet points for the adjuster.',
  'Explain the difference between a liveness probe and a readiness probe.',
  'Please ignore my previous message, I meant the current account.',
  'Give me six structured interview questions for a software engineer.',
  'Translate this sentence into German: the meeting is moved to Friday.',
  'How do I reset the password of the back-office portal?',
];
const RESPONSES = ['Your balance is shown in the app under Accounts.', 'Thanks for waiting, we have fixed the issue and refunded the fee.', 'Here are three bullet points: water damage, estimate pending, photos received.'];

let seed = 42;
const rand = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
};

function make(i: number): ObservedRecord {
  const burst = i >= N / 2 && i < N / 2 + 300;
  const user = burst ? 'usr_burst' : `usr_${rand(5000)}`;
  const email = `customer${i}@example.com`;
  const response = RESPONSES[rand(RESPONSES.length)]! + (i % 20 === 0 ? ` Contact: ${email}` : '');
  const pii: ObservedRecord['pii'] = i % 20 === 0 ? [{ type: 'pii.email' as PiiType, field: '/response', start: response.length - email.length, end: response.length, value: email }] : [];
  return {
    index: i,
    fields: {
      timestamp: new Date(Date.UTC(2026, 10, 16) + i * 500).toISOString(),
      tenant: `tenant-${rand(6)}`,
      user,
      model: i < N * 0.7 ? 'nw-assist-13b-2026.10.3' : 'nw-assist-13b-2026.11.0',
      prompt: `${PROMPTS[rand(PROMPTS.length)]} Ref ${i}.`,
      response,
    },
    pii,
    responsePointers: ['/response'],
    promptPointers: ['/prompt'],
  };
}

const CHUNK = 50_000;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().heapUsed;
const engine = new RuleEngine();
let ms = 0;
let baselineMs = 0;
let peakState = 0;
for (let from = 0; from < N; from += CHUNK) {
  const chunk = Array.from({ length: Math.min(CHUNK, N - from) }, (_, k) => make(from + k));
  // Baseline in the same run: JSON.parse of each record's JSON text (a floor any import pays).
  const lines = chunk.map((r) => JSON.stringify(r));
  const b0 = performance.now();
  let parsed = 0;
  for (const l of lines) parsed += (JSON.parse(l) as { index: number }).index & 1;
  baselineMs += performance.now() - b0;
  if (parsed < 0) console.log(parsed);
  const t0 = performance.now();
  for (const r of chunk) engine.observe(r);
  ms += performance.now() - t0;
  peakState = Math.max(peakState, process.memoryUsage().heapUsed - before);
}
const t1 = performance.now();
const findings = engine.finish();
ms += performance.now() - t1;
gc?.();
const after = process.memoryUsage().heapUsed;
const counts: Record<string, number> = {};
for (const f of findings) counts[f.type] = (counts[f.type] ?? 0) + 1;
const rate = (t: number): string => Math.round(N / (t / 1000)).toLocaleString('en-US');
console.log(`${N} records in ${(ms / 1000).toFixed(2)} s: ${rate(ms)} records/s (baseline JSON.parse of the same records: ${rate(baselineMs)} records/s; engine time = ${(ms / baselineMs).toFixed(2)} x baseline)`);
console.log(`heap: peak ~${(peakState / 1e6).toFixed(0)} MB above the start (sampled per chunk; includes one chunk of generated records and garbage), ${((after - before) / 1e6).toFixed(0)} MB after finish and GC (the engine state and the findings)`);
console.log(`state: ${JSON.stringify(engine.stateSize())}; findings: ${JSON.stringify(counts)}`);
