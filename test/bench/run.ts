// SPDX-License-Identifier: UNLICENSED
// Evidence Vault benchmarks: hashing/import throughput against openssl and cp, and custody-log
// verification rate. Everything is measured in one run on one machine, in a temp folder that is
// removed at the end. Targets are reported as PASS/MISS; a MISS never fails the process, because
// a benchmark on a shared machine is a measurement, not a test. See docs/BENCHMARKS.md.
//
// Then it runs the model-forensics benchmark (test/integration/models/modelBench.ts) in a child process.
//
// Usage: node dist/test/bench/run.js [--size-mib N] [--events N] [--runs N] [--model-gib N] [--folder-gib N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { join } from 'node:path';
import { benchCustody } from './custodyBench.js';
import { benchSigner, writeRandomFile } from './fixtures.js';
import { benchIngest } from './ingestBench.js';
import { cacheResidency, loadAverage, machineInfo } from './machine.js';
import { timed } from './measure.js';
import { parseOptions } from './options.js';
import { formatTable, outcome, type Row } from './report.js';

const started = Date.now();
const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

function describeResidency(fraction: number | undefined): string {
  return fraction === undefined ? 'unknown (fincore not available)' : `${(fraction * 100).toFixed(1)}%`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const size = options.sizeMib * 2 ** 20;
  const dir = mkdtempSync(join(os.tmpdir(), 'evault-bench-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  try {
    // The source, one copy and a vault's copy can exist at once.
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
    if (free < 3 * size) throw new Error(`${dir} has ${(free / 2 ** 30).toFixed(1)} GiB free; --size-mib ${options.sizeMib} needs about ${((3 * size) / 2 ** 30).toFixed(1)} GiB`);

    console.log('Evidence Vault benchmark');
    console.log(`date:      ${new Date().toISOString()}`);
    console.log(`command:   node ${process.argv.slice(1).join(' ')}`);
    console.log(`settings:  file ${options.sizeMib} MiB, ${options.events} events, best of ${options.runs} runs`);
    for (const line of await machineInfo(dir)) console.log(line);

    const file = join(dir, 'evidence.bin');
    log(`generating ${options.sizeMib} MiB of pseudo-random bytes`);
    const gen = await timed(() => writeRandomFile(file, size));
    log(`generated in ${gen.seconds.toFixed(1)} s; creating and unlocking an examiner key (scrypt)`);
    const signer = await benchSigner(dir);

    const ingest = await benchIngest({ dir, file, size, signer, runs: options.runs, log });
    const residency = await cacheResidency(file, size);
    const custody = await benchCustody({ dir, signer, events: options.events, runs: options.runs, log });

    printSection(`1. Hashing and import of one ${options.sizeMib} MiB file (MB = 10^6 bytes)`, ingest);
    console.log(`   Page cache: caches cannot be dropped reliably here (no privilege over the host's cache), so`);
    console.log(`   the file is read once untimed before any measurement and every figure is hot-cache: CPU and`);
    console.log(`   memory bandwidth, not disk reads. Source residency after section 1: ${describeResidency(residency)}.`);
    console.log(`   Copies are written to the same filesystem; cp does not fsync, importEvidence does.`);
    printSection(`2. Custody-log verification (${options.events} appended notes + case.created)`, custody);

    const all = [...ingest, ...custody];
    const missed = all.filter((r) => outcome(r) === 'MISS');
    const targeted = all.filter((r) => outcome(r) !== 'info');
    console.log(`Load average at the end: ${loadAverage()}.`);
    console.log(`\nTargets: ${targeted.length - missed.length} of ${targeted.length} met${missed.length ? `; MISS: ${missed.map((r) => r.name).join('; ')}` : ''}.`);
  } finally {
    cleanup();
    log('temp folder removed');
  }
  if (options.modelGib > 0) {
    // Its own process and temp folder: the figures of docs/BENCHMARKS.md "Model forensics".
    console.log('\n3. Model forensics (modelBench.js)');
    log(`model benchmark: ${options.modelGib} GiB safetensors file, ${options.folderGib} GiB model folder`);
    const script = fileURLToPath(new URL('../integration/models/modelBench.js', import.meta.url));
    execFileSync(process.execPath, [script, '--big-gib', String(options.modelGib), '--folder-gib', String(options.folderGib)], { stdio: 'inherit' });
  }
}

function printSection(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}\n`);
  console.log(formatTable(rows));
  console.log('');
}

main().catch((err: unknown) => {
  console.error(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
