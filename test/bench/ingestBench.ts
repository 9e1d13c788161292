// SPDX-License-Identifier: UNLICENSED
// Section 1: hashing and importing one large file, against openssl and cp as baselines.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fingerprintFile } from '../../electron/services/ingest/fingerprint.js';
import { importEvidence } from '../../electron/services/ingest/importer.js';
import type { Signer } from '../../electron/services/keys/signer.js';
import { createCase } from '../../electron/services/vault/cases.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { flushDirtyPages, runCommand, runRounds, timed, type Trial } from './measure.js';
import type { Row } from './report.js';

export interface IngestContext {
  dir: string;
  file: string;
  size: number;
  signer: Signer;
  runs: number;
  log: (line: string) => void;
}

const OPENSSL = 'openssl dgst -sha256';
const CP_DGST = 'cp + openssl dgst';
const CP_SYNC_DGST = 'cp + fsync copy + openssl dgst';
const CP_SYNC = 'cp + fsync copy, no hashing';
const FP = 'fingerprintFile (in place)';
const FP_COPY = 'fingerprintFile + copyTo';
const IMPORT_IN_PLACE = 'importEvidence --in-place';
const IMPORT_COPY = 'importEvidence (copy)';

/** "SHA2-256(path)= hex" (OpenSSL 3) or "SHA256(path)= hex" (1.1): the digest is the last word. */
function parseDigest(output: string): string {
  const digest = output.trim().split(/\s+/).pop() ?? '';
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new Error(`cannot read a SHA-256 digest from openssl output: ${output}`);
  return digest;
}

export async function benchIngest(ctx: IngestContext): Promise<Row[]> {
  const { dir, file, signer } = ctx;
  const scratch = join(dir, 'scratch');
  await fs.mkdir(scratch);
  // Untimed warm-up: reads the whole file, so it is in the page cache for every trial, and gives
  // the digest every trial must reproduce (a fast wrong answer is not a result).
  ctx.log('warm-up: reading the file once through openssl (untimed)');
  const expected = parseDigest(await runCommand('openssl', ['dgst', '-sha256', file]));
  const check = (what: string, sha256: string | undefined) => {
    if (sha256 !== expected) throw new Error(`${what} computed SHA-256 ${sha256}, openssl ${expected}`);
  };
  const dgst = async (): Promise<number> => {
    const t = await timed(() => runCommand('openssl', ['dgst', '-sha256', file]));
    check(OPENSSL, parseDigest(t.value));
    return t.seconds;
  };
  const inPlaceVault = await Vault.create(join(dir, 'vault-in-place'));
  let serial = 0;

  const trials: Trial[] = [
    { name: OPENSSL, run: dgst },
    {
      name: CP_DGST,
      run: async () => {
        const copy = join(scratch, 'cp-copy');
        const cp = await timed(() => runCommand('cp', [file, copy]));
        const seconds = cp.seconds + (await dgst());
        await fs.rm(copy);
        await flushDirtyPages();
        return seconds;
      },
    },
    {
      // cp leaves its copy in dirty pages; importEvidence fsyncs its copy before recording it. This
      // row is the like-for-like durable baseline (coreutils "sync FILE" is fsync(2) on FILE).
      name: CP_SYNC_DGST,
      run: async () => {
        const copy = join(scratch, 'cp-copy');
        const cp = await timed(async () => {
          await runCommand('cp', [file, copy]);
          await runCommand('sync', [copy]);
        });
        const seconds = cp.seconds + (await dgst());
        await fs.rm(copy);
        await flushDirtyPages();
        return seconds;
      },
    },
    {
      // The floor of any durable copy on this disk: nothing hashed at all. When it is slower than
      // cp + dgst, no import that fsyncs its copy can meet the "faster than cp + dgst" target.
      name: CP_SYNC,
      run: async () => {
        const copy = join(scratch, 'cp-copy');
        const cp = await timed(async () => {
          await runCommand('cp', [file, copy]);
          await runCommand('sync', [copy]);
        });
        await fs.rm(copy);
        await flushDirtyPages();
        return cp.seconds;
      },
    },
    {
      name: FP,
      run: async () => {
        const t = await timed(() => fingerprintFile(file));
        check(FP, t.value.sha256);
        return t.seconds;
      },
    },
    {
      name: IMPORT_IN_PLACE,
      run: async () => {
        // A fresh case each run: the same content twice in one case is recorded as a duplicate.
        const theCase = createCase(inPlaceVault, signer, { number: `BENCH-IN-PLACE-${++serial}`, title: 'in-place import benchmark' });
        const t = await timed(() => importEvidence(inPlaceVault, signer, theCase.number, [file], { inPlace: true }));
        const item = t.value[0];
        if (t.value.length !== 1 || !item || item.duplicate || item.stored) throw new Error(`${IMPORT_IN_PLACE} did not record one new in-place item`);
        check(IMPORT_IN_PLACE, item.sha256);
        return t.seconds;
      },
    },
    {
      name: FP_COPY,
      run: async () => {
        const copy = join(scratch, 'fp-copy');
        const t = await timed(() => fingerprintFile(file, { copyTo: copy }));
        check(FP_COPY, t.value.sha256);
        await fs.rm(copy);
        await flushDirtyPages();
        return t.seconds;
      },
    },
    {
      name: IMPORT_COPY,
      run: async () => {
        // A fresh vault each run, on the same filesystem as the source, so nothing is deduplicated.
        const vaultDir = join(dir, `vault-copy-${++serial}`);
        const vault = await Vault.create(vaultDir);
        try {
          const theCase = createCase(vault, signer, { number: 'BENCH-COPY', title: 'copying import benchmark' });
          const t = await timed(() => importEvidence(vault, signer, theCase.number, [file]));
          const item = t.value[0];
          if (t.value.length !== 1 || !item || item.duplicate || !item.stored) throw new Error(`${IMPORT_COPY} did not store one new item`);
          check(IMPORT_COPY, item.sha256);
          return t.seconds;
        } finally {
          vault.close();
          await fs.rm(vaultDir, { recursive: true, force: true });
          await flushDirtyPages();
        }
      },
    },
  ];

  let times: Map<string, number[]>;
  try {
    times = await runRounds(trials, ctx.runs, ctx.log);
  } finally {
    inPlaceVault.close();
  }
  const of = (name: string) => times.get(name)!;
  const bestOf = (name: string) => Math.min(...of(name));
  const work = { amount: ctx.size, unit: 'bytes' as const };
  const vsOpenssl = { name: OPENSSL, seconds: bestOf(OPENSSL), compare: 'speed' as const };
  const vsCp = { name: CP_DGST, seconds: bestOf(CP_DGST), compare: 'time' as const };
  const vsDurableCp = { name: CP_SYNC_DGST, seconds: bestOf(CP_SYNC_DGST), compare: 'time' as const };
  return [
    { name: `${OPENSSL} (baseline)`, times: of(OPENSSL), work },
    { name: FP, times: of(FP), work, baseline: vsOpenssl, target: { on: 'ratio', atLeast: 0.9 } },
    { name: IMPORT_IN_PLACE, times: of(IMPORT_IN_PLACE), work, baseline: vsOpenssl, target: { on: 'ratio', atLeast: 0.9 } },
    { name: `${CP_DGST} (baseline)`, times: of(CP_DGST), work },
    { name: `${CP_SYNC_DGST} (baseline)`, times: of(CP_SYNC_DGST), work },
    { name: `${CP_SYNC} (floor of a durable copy)`, times: of(CP_SYNC), work, baseline: vsCp },
    { name: FP_COPY, times: of(FP_COPY), work, baseline: vsCp },
    { name: IMPORT_COPY, times: of(IMPORT_COPY), work, baseline: vsCp, target: { on: 'ratio', below: 1 } },
    { name: `${IMPORT_COPY}, durable baseline`, times: of(IMPORT_COPY), work, baseline: vsDurableCp },
    { name: `${IMPORT_COPY}, vs the durable-copy floor`, times: of(IMPORT_COPY), work, baseline: { name: CP_SYNC, seconds: bestOf(CP_SYNC), compare: 'time' as const } },
  ];
}
