// SPDX-License-Identifier: UNLICENSED
// Model-forensics figures for docs/BENCHMARKS.md (a benchmark, not a test; run by hand):
//   npx tsc -p tsconfig.test.json && node dist/test/integration/models/modelBench.js [--big-gib 2] [--folder-gib 1] [--keep]
// (`npm run bench` runs it after its own sections.)
// 1. pickle scan rate over the corpus (and over a generated 20,000-tensor state_dict pickle);
// 2. header-only inspection of 100 GiB sparse safetensors and GGUF files;
// 3. one streamed pass over a generated safetensors file (default 2 GiB, 300 tensors): file SHA-256
//    alone, plus per-tensor digests inline, plus per-tensor digests on a worker thread, each as a
//    ratio to `openssl dgst -sha256` on the same file (warm page cache; medians);
// 4. model folders (folderBench.ts): model-diff and folder import speed on a generated sharded model.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DigesterWorker } from '../../../electron/services/ingest/models/digesterWorker.js';
import { FileSource } from '../../../electron/services/ingest/models/fileSource.js';
import { inspectModelFile, nodeInflateRaw } from '../../../electron/services/ingest/models/inspectModelFile.js';
import { TensorDigester } from '../../../electron/services/ingest/models/tensorDigester.js';
import { inspectModel, inspectModelBytes } from '../../../shared/models/inspect.js';
import { scanPickles } from '../../../shared/models/pickle/scan.js';
import type { TensorInfo } from '../../../shared/models/types.js';
import { corpusDir } from '../../helpers/repoRoot.js';
import { GiB, sparseGguf, sparseSafetensors } from '../../unit/electron/models/sparse.js';
import { concat, enc, safetensors } from '../../unit/shared/models/build.js';
import { benchSigner } from '../../bench/fixtures.js';
import { folderFigures } from './folderBench.js';

const args = process.argv.slice(2);
const bigGiB = Number(args[args.indexOf('--big-gib') + 1] ?? 2) || 2;
const folderGiB = Number(args[args.indexOf('--folder-gib') + 1] ?? 1) || 1;
const keep = args.includes('--keep');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (f: () => Promise<unknown> | unknown) => async (): Promise<number> => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};
async function runs(n: number, f: () => Promise<number>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return median(out);
}

/** A protocol 2 state_dict pickle shaped like torch.save's data.pkl, with n tensors. */
function stateDictPickle(n: number): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.from([0x80, 2]), enc('ccollections\nOrderedDict\nq\x00)Rq\x01(')];
  const bin = (s: string): Uint8Array => concat([0x58], new Uint8Array(new Uint32Array([s.length]).buffer), enc(s));
  for (let i = 0; i < n; i++) {
    parts.push(
      bin(`model.layers.${i}.self_attn.q_proj.weight`),
      enc('ctorch._utils\n_rebuild_tensor_v2\n('),
      concat(enc('('), bin('storage'), enc('ctorch\nFloatStorage\n'), bin(String(i)), bin('cpu'), [0x4a, ...new Uint8Array(new Uint32Array([4096 * 4096]).buffer)], enc('tQ')),
      Uint8Array.from([0x4b, 0, 0x4d, 0, 0x10, 0x4d, 0, 0x10, 0x86, 0x4d, 0, 0x10, 0x4b, 1, 0x86, 0x89]),
      enc('ccollections\nOrderedDict\n)RtR'),
    );
  }
  parts.push(enc('u.'));
  return concat(...parts);
}

async function picklesFigures(): Promise<void> {
  const dir = join(corpusDir(), 'models', 'pickle');
  const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
  const bytes = files.reduce((n, f) => n + f.length, 0);
  const rounds = 50;
  await Promise.all(files.map((f) => inspectModelBytes(f, { inflateRaw: nodeInflateRaw }))); // warm up
  const inMemory = await runs(5, ms(async () => {
    for (let r = 0; r < rounds; r++) for (const f of files) await inspectModelBytes(f, { inflateRaw: nodeInflateRaw });
  }));
  const fromDisk = await runs(5, ms(async () => {
    for (let r = 0; r < rounds; r++) for (const f of readdirSync(dir)) await inspectModelFile(join(dir, f));
  }));
  const big = stateDictPickle(20_000);
  scanPickles(big);
  const bigMs = await runs(5, ms(() => scanPickles(big)));
  const v = scanPickles(big);
  console.log(`\n## pickle scan rate`);
  console.log(`corpus models/pickle: ${files.length} files, ${(bytes / 1e6).toFixed(3)} MB, ${rounds} rounds`);
  console.log(`  inspect (detect + scan) in memory: ${((files.length * rounds) / (inMemory / 1000)).toFixed(0)} files/s, ${((bytes * rounds) / 1e6 / (inMemory / 1000)).toFixed(1)} MB/s`);
  console.log(`  inspectModelFile from disk:        ${((files.length * rounds) / (fromDisk / 1000)).toFixed(0)} files/s, ${((bytes * rounds) / 1e6 / (fromDisk / 1000)).toFixed(1)} MB/s`);
  console.log(`generated state_dict pickle: 20,000 tensors, ${(big.length / 1e6).toFixed(1)} MB, verdict ${v.verdict}: ${bigMs.toFixed(0)} ms, ${(big.length / 1e6 / (bigMs / 1000)).toFixed(0)} MB/s`);
}

async function sparseFigures(dir: string): Promise<void> {
  const st = join(dir, 'sparse.safetensors');
  await sparseSafetensors(st, 100 * GiB, 300);
  const gg = join(dir, 'sparse.gguf');
  await sparseGguf(gg, 100 * GiB, 300);
  console.log(`\n## header-only inspection of 100 GiB sparse files (300 tensors; median of 7)`);
  for (const path of [st, gg]) {
    let read = 0;
    const t = await runs(7, ms(async () => {
      const src = await FileSource.open(path);
      await inspectModel(src, { inflateRaw: nodeInflateRaw });
      read = src.bytesRead;
      await src.close();
    }));
    console.log(`  ${path.endsWith('gguf') ? 'GGUF       ' : 'safetensors'} ${(statSync(path).size / GiB).toFixed(1)} GiB: ${t.toFixed(2)} ms, ${read} bytes read`);
  }
}

/** The importer's read loop (fingerprint.ts): 4 MiB chunks, the next read in flight while this one is hashed. */
async function onePass(path: string, onChunk?: (chunk: Buffer, offset: number) => Promise<void> | void): Promise<string> {
  const handle = await open(path, 'r');
  const file = createHash('sha256');
  const CHUNK = 4 * 1024 * 1024;
  const readAt = async (pos: number): Promise<Buffer> => {
    const b = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(b, 0, CHUNK, pos);
    return b.subarray(0, bytesRead);
  };
  let pos = 0;
  let pending = readAt(0);
  for (;;) {
    const chunk = await pending;
    if (chunk.length === 0) break;
    pending = readAt(pos + chunk.length);
    file.update(chunk);
    await onChunk?.(chunk, pos);
    pos += chunk.length;
  }
  await handle.close();
  return file.digest('hex');
}

async function bigFileFigures(dir: string): Promise<void> {
  const path = join(dir, 'big.safetensors');
  const count = 300;
  const total = bigGiB * GiB;
  const each = Math.floor((total - 64 * 1024) / count / 8) * 8;
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  for (let i = 0; i < count; i++) header[`model.layers.${i}.mlp.weight`] = { dtype: 'F32', shape: [each / 4], data_offsets: [i * each, (i + 1) * each] };
  const head = safetensors(header, new Uint8Array(0));
  const f = await open(path, 'w');
  await f.write(head);
  const block = randomBytes(16 * 1024 * 1024);
  for (let left = each * count; left > 0; left -= block.length) await f.write(block.subarray(0, Math.min(left, block.length)));
  await f.close();
  const size = statSync(path).size;
  const tensors: TensorInfo[] = (await inspectModelFile(path)).tensors!;
  execFileSync('cat', [path], { stdio: ['ignore', 'ignore', 'inherit'] }); // warm the page cache
  // Interleaved rounds, so a burst of load from elsewhere hits every variant alike; medians reported.
  const times: Record<'openssl' | 'plain' | 'inline' | 'worker', number[]> = { openssl: [], plain: [], inline: [], worker: [] };
  let root = '';
  for (let round = 0; round < 5; round++) {
    times.openssl.push(await ms(() => execFileSync('openssl', ['dgst', '-sha256', path]))());
    times.plain.push(await ms(() => onePass(path))());
    times.inline.push(
      await ms(async () => {
        const d = new TensorDigester(tensors, size);
        await onePass(path, (c, o) => d.update(c, o));
        d.finish();
      })(),
    );
    times.worker.push(
      await ms(async () => {
        const d = DigesterWorker.start(tensors, size);
        await onePass(path, (c, o) => d.update(c, o));
        root = (await d.finish()).weightsRoot;
      })(),
    );
  }
  const [openssl, plain, inline, worker] = [median(times.openssl), median(times.plain), median(times.inline), median(times.worker)];
  const gb = size / 1e9;
  console.log(`\n## one pass over a ${(size / GiB).toFixed(2)} GiB safetensors file, ${count} tensors (warm cache, median of 5 interleaved rounds; ${cpus().length} cores)`);
  const row = (name: string, t: number) => console.log(`  ${name.padEnd(48)} ${(t / 1000).toFixed(2)} s  ${(gb / (t / 1000)).toFixed(2)} GB/s  ×${(t / openssl).toFixed(2)}`);
  row('openssl dgst -sha256', openssl);
  row('file SHA-256 (the importer read loop)', plain);
  row('+ per-tensor digests inline (same thread)', inline);
  row('+ per-tensor digests on a worker thread', worker);
  console.log(`  weights root ${root}`);
}

const dir = mkdtempSync(join(tmpdir(), 'evault-model-bench-'));
try {
  await picklesFigures();
  await sparseFigures(dir);
  await bigFileFigures(dir);
  rmSync(join(dir, 'big.safetensors'), { force: true });
  await folderFigures(dir, folderGiB, await benchSigner(dir));
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
await writeFile(join(tmpdir(), 'evault-model-bench.done'), new Date().toISOString());
