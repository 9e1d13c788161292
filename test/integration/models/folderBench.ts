// SPDX-License-Identifier: UNLICENSED
// Model-folder figures for modelBench.ts: a generated sharded safetensors folder (4 shards, 256 F32
// tensors, `gib` GiB) and a variant of it (one tensor perturbed in place, a config key and the chat
// template changed). Times, as ratios to `openssl dgst -sha256` over the same bytes:
//   - model-diff of the two folders on disk (both read once, the changed tensor compared element-wise);
//   - model-diff of the imported folder (tensor digests from the vault) against the variant on disk;
//   - import of the folder (copy + fsync, and --in-place).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { importEvidence } from '../../../electron/services/ingest/importer.js';
import type { Signer } from '../../../electron/services/keys/signer.js';
import { resolveSide } from '../../../electron/services/models/diffSides.js';
import { runModelDiff } from '../../../electron/services/models/modelDiff.js';
import { createCase } from '../../../electron/services/vault/cases.js';
import { Vault } from '../../../electron/services/vault/vault.js';
import { defaultSpec, safetensorsFile, writeModelFolder, type GenTensor } from '../../helpers/modelFolder.js';

const SHARDS = 4;
const PER_SHARD = 64;

/** Writes the folder's small files through the test helper, then large shards streamed from random blocks. */
async function writeBigFolder(dir: string, gib: number): Promise<string[]> {
  const spec = defaultSpec();
  spec.shards = [Object.keys(spec.tensors)];
  writeModelFolder(dir, spec);
  rmSync(join(dir, 'model.safetensors'));
  const each = Math.floor((gib * 2 ** 30) / (SHARDS * PER_SHARD) / 4) * 4;
  const block = randomBytes(16 * 2 ** 20);
  const weightMap: Record<string, string> = {};
  const files: string[] = [];
  for (let s = 0; s < SHARDS; s++) {
    const file = `model-${String(s + 1).padStart(5, '0')}-of-${String(SHARDS).padStart(5, '0')}.safetensors`;
    const tensors: Record<string, GenTensor> = {};
    for (let i = 0; i < PER_SHARD; i++) {
      const name = `model.layers.${s * PER_SHARD + i}.mlp.weight`;
      tensors[name] = { dtype: 'F32', shape: [each / 4], data: Buffer.alloc(0) };
      weightMap[name] = file;
    }
    // Header only from the helper (empty data), with the real offsets patched in.
    const header = safetensorsFile(tensors);
    const json = JSON.parse(header.subarray(8, 8 + Number(header.readBigUInt64LE(0))).toString()) as Record<string, { data_offsets: number[] }>;
    Object.keys(tensors).forEach((n, i) => (json[n]!.data_offsets = [i * each, (i + 1) * each]));
    let text = Buffer.from(JSON.stringify(json));
    if (text.length % 8) text = Buffer.concat([text, Buffer.alloc(8 - (text.length % 8), 0x20)]);
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(text.length));
    const f = await open(join(dir, file), 'w');
    await f.write(Buffer.concat([len, text]));
    for (let left = each * PER_SHARD, k = s; left > 0; left -= block.length, k++) {
      const part = block.subarray(0, Math.min(left, block.length));
      part.writeUInt32LE(k, 0); // no two blocks alike
      await f.write(part);
    }
    await f.sync();
    await f.close();
    files.push(file);
  }
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: each * SHARDS * PER_SHARD }, weight_map: weightMap }));
  return files;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(f: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

export async function folderFigures(root: string, gib: number, signer: Signer): Promise<void> {
  const a = join(root, 'base');
  const b = join(root, 'tuned');
  mkdirSync(a);
  mkdirSync(b);
  const shards = await writeBigFolder(a, gib);
  for (const f of readdirSync(a)) copyFileSync(join(a, f), join(b, f));
  // The variant: 3 floats of one tensor in the last shard, a config key, the chat template.
  const h = await open(join(b, shards.at(-1)!), 'r+');
  const st = statSync(join(b, shards.at(-1)!)).size;
  await h.write(Buffer.from(new Float32Array([1.5, -2.5, 3.5]).buffer), 0, 12, st - 4096);
  await h.sync();
  await h.close();
  writeFileSync(join(b, 'config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'], rope_theta: 500000 }));
  writeFileSync(join(b, 'tokenizer_config.json'), JSON.stringify({ chat_template: '{{ messages }} ALWAYS COMPLY' }));
  const filesOf = (d: string) => readdirSync(d).map((f) => join(d, f));
  const size = filesOf(a).reduce((n, f) => n + statSync(f).size, 0);
  execFileSync('cat', [...filesOf(a), ...filesOf(b)], { stdio: ['ignore', 'ignore', 'inherit'] }); // warm cache

  const vaultDir = (i: number) => join(root, `vault-${i}`);
  const freshVault = async (i: number) => {
    const v = await Vault.create(vaultDir(i));
    createCase(v, signer, { number: 'B', title: 'bench' });
    return v;
  };
  const imported = await freshVault(0);
  const [item] = (await importEvidence(imported, signer, 'B', [a], { inPlace: true })).filter((x) => x.name === 'base/');
  const t: Record<'openssl1' | 'openssl2' | 'diffPaths' | 'diffEvidence' | 'importCopy' | 'importInPlace', number[]> = { openssl1: [], openssl2: [], diffPaths: [], diffEvidence: [], importCopy: [], importInPlace: [] };
  let headlines: string[] = [];
  for (let round = 0; round < 3; round++) {
    t.openssl1.push(await time(() => execFileSync('openssl', ['dgst', '-sha256', ...filesOf(a)])));
    t.openssl2.push(await time(() => execFileSync('openssl', ['dgst', '-sha256', ...filesOf(a), ...filesOf(b)])));
    t.diffPaths.push(await time(async () => (headlines = (await runModelDiff(await resolveSide(undefined, a), await resolveSide(undefined, b))).headlines)));
    t.diffEvidence.push(await time(async () => runModelDiff(await resolveSide(imported, item!.id), await resolveSide(undefined, b))));
    for (const inPlace of [false, true]) {
      const v = await freshVault(round * 2 + (inPlace ? 2 : 1));
      (inPlace ? t.importInPlace : t.importCopy).push(await time(() => importEvidence(v, signer, 'B', [a], { inPlace })));
      v.close();
      rmSync(v.dir, { recursive: true, force: true });
    }
  }
  imported.close();
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
  const gb = size / 1e9;
  console.log(`\n## model folders: ${(size / 2 ** 30).toFixed(2)} GiB, ${SHARDS} shards, ${SHARDS * PER_SHARD} F32 tensors (warm cache, median of 3 interleaved rounds)`);
  const row = (name: string, ms: number, base: number, bytes: number) => console.log(`  ${name.padEnd(58)} ${(ms / 1000).toFixed(2)} s  ${(bytes / (ms / 1000)).toFixed(2)} GB/s  ×${(ms / base).toFixed(2)} openssl`);
  row('openssl dgst -sha256, one folder', m.openssl1, m.openssl1, gb);
  row('openssl dgst -sha256, both folders', m.openssl2, m.openssl2, 2 * gb);
  row('model-diff folder vs folder (both read, 1 tensor compared)', m.diffPaths, m.openssl2, 2 * gb);
  row('model-diff imported folder vs folder (one read)', m.diffEvidence, m.openssl1, gb);
  row('import the folder, copied + fsynced', m.importCopy, m.openssl1, gb);
  row('import the folder --in-place', m.importInPlace, m.openssl1, gb);
  console.log(`  diff: ${headlines.join('; ')}`);
}
