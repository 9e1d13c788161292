// SPDX-License-Identifier: UNLICENSED
// Log import benchmark (issue 9): a generated inference log of N records (default 1,000,000,
// ~0.5 GB) imported end to end — parsing, PII scan, rules, indexing, records root — compared with
// baselines measured in the same run: `wc -l`, a plain JSON.parse of every line, and the SQLite
// floor — the same prepared rows (row, indexes, FTS5 text) inserted into a fresh vault with nothing
// else (floorChild.ts). Then search latency by session id and by free text. Prints; never fails on
// a missed target.
// Usage: node dist/test/bench/logs/logsBench.js [--records N]
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Keystore } from '../../../electron/services/keys/keystore.js';
import { createCase } from '../../../electron/services/vault/cases.js';
import { searchRecords } from '../../../electron/services/vault/logSearch.js';
import { Vault } from '../../../electron/services/vault/vault.js';
import { writeInferenceLog } from './generate.js';
import type { ThreadCpu } from './threadCpu.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

async function jsonParseAll(path: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line) JSON.parse(line);
    n++;
  }
  return n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Inserts the rows an import would store, prepared beforehand, into a fresh vault (floorChild.ts). */
async function sqliteFloor(dir: string, signer: Awaited<ReturnType<Keystore['unlock']>>, file: string): Promise<{ seconds: number; records: number; cpuSeconds: number }> {
  const vault = await Vault.create(join(dir, 'floor-vault'));
  const theCase = createCase(vault, signer, { number: 'BENCH-FLOOR', title: 'SQLite floor' });
  vault.close();
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('./floorChild.js', import.meta.url)), vault.dir, theCase.id, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`SQLite floor failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { seconds: number; records: number; cpuSeconds: number };
}

export async function benchLogs(records: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'evault-logbench-'));
  const out: string[] = [];
  try {
    const file = join(dir, 'inference.jsonl');
    const bytes = await writeInferenceLog(file, records);
    execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] }); // warm the page cache
    let t = performance.now();
    execFileSync('wc', ['-l', file]);
    const wc = (performance.now() - t) / 1000;
    t = performance.now();
    await jsonParseAll(file);
    const parse = (performance.now() - t) / 1000;

    const keystoreDir = join(dir, 'keys');
    const ks = new Keystore(keystoreDir);
    const info = await ks.create({ name: 'Benchmark', passphrase: 'benchmark passphrase' });
    const signer = await ks.unlock(info.fingerprint, 'benchmark passphrase');
    const vault = await Vault.create(join(dir, 'vault'));
    const theCase = createCase(vault, signer, { number: 'BENCH-LOGS', title: 'log import benchmark' });
    vault.close();
    const child = spawnSync(process.execPath, [fileURLToPath(new URL('./importChild.js', import.meta.url)), vault.dir, keystoreDir, info.fingerprint, theCase.id, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`import failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout) as { seconds: number; records: number; findings: number; pii: number; cpuSeconds: number; maxRssKiB: number; threads: ThreadCpu | null };
    const floor = await sqliteFloor(dir, signer, file);

    const v = await Vault.open(vault.dir);
    const sessions = Array.from({ length: 25 }, (_, i) => `sess_${Math.floor(((i * 7919) % records) / 12)}`);
    const bySession = sessions.map((s) => {
      const t0 = performance.now();
      const found = searchRecords(v, theCase.id, { query: s, field: 'session', limit: 100 });
      if (found.length === 0) throw new Error(`no records for ${s}`);
      return performance.now() - t0;
    });
    const phrases = ['refund policy', 'delayed delivery', 'pricing tiers', 'system prompt', 'quarterly report'];
    const byText = phrases.map((q) => {
      const t0 = performance.now();
      searchRecords(v, theCase.id, { query: q, limit: 100 });
      return performance.now() - t0;
    });
    v.close();

    const rate = result.records / result.seconds;
    out.push(`Log import: ${records.toLocaleString('en')} records, ${(bytes / 1e6).toFixed(0)} MB JSONL`);
    out.push(`  baseline wc -l:                ${wc.toFixed(2)} s (${(records / wc).toFixed(0)} records/s)`);
    out.push(`  baseline JSON.parse per line:  ${parse.toFixed(2)} s (${(records / parse).toFixed(0)} records/s)`);
    out.push(`  import end to end:             ${result.seconds.toFixed(2)} s = ${rate.toFixed(0)} records/s  [target >= 50,000: ${rate >= 50_000 ? 'PASS' : 'MISS'}]`);
    out.push(`    = ${(result.seconds / parse).toFixed(1)}x the JSON.parse baseline, ${(result.seconds / wc).toFixed(0)}x wc -l`);
    out.push(`    = ${(result.seconds / floor.seconds).toFixed(2)}x the SQLite floor; CPU ${result.cpuSeconds.toFixed(1)} s (all threads) = ${((result.cpuSeconds / result.records) * 1e6).toFixed(0)} µs per record`);
    if (result.threads) {
      const [worker = 0, ...rest] = result.threads.others;
      out.push(`    CPU per thread: importer (owns the database) ${result.threads.main.toFixed(1)} s, analysis worker (busiest other) ${worker.toFixed(1)} s, all others ${rest.reduce((a, b) => a + b, 0).toFixed(1)} s`);
    }
    out.push(`  SQLite floor (prepared rows, indexes, FTS5; one transaction): ${floor.seconds.toFixed(2)} s = ${(floor.records / floor.seconds).toFixed(0)} records/s; CPU ${((floor.cpuSeconds / floor.records) * 1e6).toFixed(0)} µs per record`);
    out.push(`    ${result.pii.toLocaleString('en')} PII matches, ${result.findings.toLocaleString('en')} findings`);
    out.push(`  peak RSS of the import process: ${(result.maxRssKiB / 1024).toFixed(0)} MiB  [target <= 400 MiB: ${result.maxRssKiB / 1024 <= 400 ? 'PASS' : 'MISS'}]`);
    out.push(`  search by session id: median ${median(bySession).toFixed(1)} ms, max ${Math.max(...bySession).toFixed(1)} ms over ${bySession.length} queries  [target <= 50 ms: ${Math.max(...bySession) <= 50 ? 'PASS' : 'MISS'}]`);
    out.push(`  search free text:     median ${median(byText).toFixed(1)} ms, max ${Math.max(...byText).toFixed(1)} ms over ${byText.length} queries  [target <= 50 ms: ${Math.max(...byText) <= 50 ? 'PASS' : 'MISS'}]`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lines = await benchLogs(arg('--records', 1_000_000));
  for (const l of lines) console.log(l);
}
