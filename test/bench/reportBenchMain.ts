// SPDX-License-Identifier: UNLICENSED
// Runs the signed-report benchmark on its own and prints the figures (a measurement, not a test:
// a MISS never fails the process).
// Usage: node dist/test/bench/reportBenchMain.js [--evidence N (1000)] [--events N (10000)] [--runs N (2)]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir } from '../helpers/repoRoot.js';
import { benchSigner } from './fixtures.js';
import { machineInfo } from './machine.js';
import { REPORT_TARGETS, benchReport } from './reportBench.js';

const started = Date.now();
const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { evidence: { type: 'string', default: '1000' }, events: { type: 'string', default: '10000' }, runs: { type: 'string', default: '2' } }, strict: true });
  const dir = mkdtempSync(join(os.tmpdir(), 'evault-report-bench-'));
  try {
    console.log('Evidence Vault signed-report benchmark');
    console.log(`date:      ${new Date().toISOString()}`);
    for (const line of await machineInfo(dir)) console.log(line);
    const signer = await benchSigner(dir);
    const r = await benchReport({ dir, signer, keystoreDir: join(dir, 'keys'), evidence: Number(values.evidence), events: Number(values.events), runs: Number(values.runs), logFile: join(corpusDir(), 'logs', 'ai', 'inference_audit.jsonl'), log });
    const pages = spawnSync('pdfinfo', [join(dir, 'report-1.pdf')], { encoding: 'utf8' }).stdout?.match(/^Pages:\s+(\d+)/m)?.[1] ?? '?';
    const best = (xs: number[]) => Math.min(...xs);
    const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    console.log(`\ncase: ${r.evidence} evidence items, ${r.events} custody events in the report, ${r.findings} findings, ${pages} pages\n`);
    console.log('| measurement | best | all runs | target | result |');
    console.log('|---|---:|---|---:|---|');
    console.log(`| generate (checkpoint, collect, render, sign, write) | ${best(r.generate).toFixed(2)} s | ${r.generate.map((t) => t.toFixed(2)).join(', ')} | ≤ ${REPORT_TARGETS.generateSeconds} s | ${mark(best(r.generate) <= REPORT_TARGETS.generateSeconds)} |`);
    console.log(`| generate, CPU time of the process | ${best(r.generateCpu).toFixed(2)} s | ${r.generateCpu.map((t) => t.toFixed(2)).join(', ')} | (info) | - |`);
    console.log(`| file size | ${(r.bytes / 1e6).toFixed(2)} MB | ${r.bytes.toLocaleString('en-US')} bytes | ≤ 20 MB | ${mark(r.bytes <= REPORT_TARGETS.bytes)} |`);
    console.log(`| verify (all steps but evidence files) | ${best(r.verify).toFixed(2)} s | ${r.verify.map((t) => t.toFixed(2)).join(', ')} | ≤ ${REPORT_TARGETS.verifySeconds} s | ${mark(best(r.verify) <= REPORT_TARGETS.verifySeconds)} |`);
    console.log(`| verify with --evidence (re-hash ${r.evidence} files) | ${best(r.verifyWithEvidence).toFixed(2)} s | ${r.verifyWithEvidence.map((t) => t.toFixed(2)).join(', ')} | ≤ ${REPORT_TARGETS.verifySeconds} s | ${mark(best(r.verifyWithEvidence) <= REPORT_TARGETS.verifySeconds)} |`);
    console.log('\nmain thread while a report is made (the desktop app renders in a worker thread):\n');
    console.log('| rendering | total | gather | render + sign | write | longest event-loop stall |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const m of r.mainThread) console.log(`| ${m.mode} | ${m.seconds.toFixed(2)} s | ${m.collect.toFixed(2)} s | ${m.render.toFixed(2)} s | ${m.write.toFixed(2)} s | ${m.longestStallMs.toFixed(0)} ms |`);
    console.log(`\nall reports verified: ${r.ok ? 'yes' : 'NO'}; load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    if (!r.ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
