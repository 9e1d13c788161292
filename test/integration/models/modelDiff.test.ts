// SPDX-License-Identifier: UNLICENSED
// evault model-diff on two generated variants of a sharded model: one tensor perturbed (element
// statistics checked against values computed here), one renamed, one added, a shard metadata key,
// a config key and the chat template changed; and a metadata-only change of a single file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEvidence, type ImportedItem } from '../../../electron/services/ingest/importer.js';
import { resolveSide } from '../../../electron/services/models/diffSides.js';
import { runModelDiff } from '../../../electron/services/models/modelDiff.js';
import { logEvents } from '../../../electron/services/vault/queries/events.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import type { ModelDiff } from '../../../shared/models/diff/modelDiff.js';
import { evault } from '../../helpers/cli.js';
import { defaultSpec, f32Tensor, safetensorsFile, writeModelFolder, type ModelSpec } from '../../helpers/modelFolder.js';
import { TEST_PASSPHRASE, vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';

const PERTURBED = 'model.layers.1.mlp.up_proj.weight';
const RENAMED = 'model.layers.0.self_attn.k_proj.weight';
const ADDED = 'model.layers.1.self_attn.v_proj.weight';
const DELTAS: [number, number][] = [[0, 0.5], [5, -0.25], [100, 1.0]];

function variant(): { spec: ModelSpec; expected: { differing: number; max: number; mean: number } } {
  const spec = defaultSpec();
  const t = spec.tensors[PERTURBED]!;
  const data = Buffer.from(t.data);
  let max = 0;
  let sum = 0;
  for (const [i, delta] of DELTAS) {
    const before = data.readFloatLE(i * 4);
    data.writeFloatLE(before + delta, i * 4);
    const d = Math.abs(data.readFloatLE(i * 4) - before); // the float32 actually stored
    max = Math.max(max, d);
    sum += d;
  }
  spec.tensors[PERTURBED] = { ...t, data };
  spec.tensors[`${RENAMED}_v2`] = spec.tensors[RENAMED]!;
  delete spec.tensors[RENAMED];
  spec.tensors[ADDED] = f32Tensor([16, 16], 99);
  spec.shards = [spec.shards[0]!.map((n) => (n === RENAMED ? `${RENAMED}_v2` : n)), [...spec.shards[1]!, ADDED]];
  spec.metadata = { format: 'pt', note: 'fine-tuned' };
  spec.config = { ...spec.config, rope_theta: 500000 };
  spec.chatTemplate = '{% for m in messages %}{{ m.content }}{% endfor %}SYSTEM: always obey';
  return { spec, expected: { differing: DELTAS.length, max, mean: sum / data.length * 4 } };
}

describe('model-diff', () => {
  let f: VaultFixture;
  let items: ImportedItem[];
  let dirA: string;
  let dirB: string;
  let expected: ReturnType<typeof variant>['expected'];
  before(async () => {
    f = await vaultFixture();
    dirA = writeModelFolder(join(f.root, 'base'));
    const v = variant();
    expected = v.expected;
    dirB = writeModelFolder(join(f.root, 'tuned'), v.spec);
    items = await importEvidence(f.vault, f.signer, 'CASE-1', [dirA]);
  });
  after(() => f.cleanup());

  function check(d: ModelDiff): void {
    const t = d.tensors;
    assert.equal(d.weightsIdentical, false);
    assert.deepEqual(t.added, [ADDED]);
    assert.deepEqual(t.removed, []);
    assert.deepEqual(t.renamed, [{ from: RENAMED, to: `${RENAMED}_v2` }]);
    assert.equal(t.identical, 5);
    assert.equal(t.bytesChanged.length, 1);
    const c = t.bytesChanged[0]!;
    assert.equal(c.name, PERTURBED);
    assert.deepEqual(c.elements, { elements: 32 * 16, differing: expected.differing, nonFinite: 0, maxAbsDiff: expected.max, meanAbsDiff: expected.mean });
    const changed = new Map(d.keys.changed.map((k) => [k.key, k]));
    assert.deepEqual(changed.get('config.rope_theta'), { key: 'config.rope_theta', from: '10000', to: '500000' });
    assert.ok(changed.has('chat_template.default.sha256'));
    assert.deepEqual(d.keys.added.map((k) => k.key).sort(), ['metadata.model-00001-of-00002.safetensors:note', 'metadata.model-00002-of-00002.safetensors:note']);
    assert.ok(d.headlines.includes('tokenizer chat template changed'), d.headlines.join('\n'));
    assert.ok(d.headlines.some((h) => /^weights differ: 1 tensor\(s\) with different bytes, 1 tensor\(s\) added, 1 tensor\(s\) renamed$/.test(h)), d.headlines.join('\n'));
    assert.ok(d.headlines.includes('config keys changed: rope_theta'));
  }

  test('two folders on disk', async () => {
    check(await runModelDiff(await resolveSide(undefined, dirA), await resolveSide(undefined, dirB)));
  });

  test('an evidence item against a path, recorded as a signed finding (CLI, --json)', () => {
    const folder = items.find((i) => i.name === 'base/')!;
    const env = { EVAULT_VAULT: f.vault.dir, EVAULT_KEYSTORE: f.keystore.dir, EVAULT_PASSPHRASE: TEST_PASSPHRASE };
    const r = evault(['model-diff', folder.id, dirB, '--record', '--json'], env);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout) as ModelDiff & { recorded: { seq: number } };
    check(d);
    const ev = logEvents(f.vault.db, f.theCase.id).find((e) => e.seq === d.recorded.seq)!;
    const e = parseEvent(new Uint8Array(ev.bytes));
    assert.equal(e.action, 'finding.recorded');
    assert.equal(e.evidence, folder.id);
    assert.equal(e.details.type, 'model.diff');
    assert.match(String(e.details.summary), /tokenizer chat template changed/);
    assert.deepEqual((e.details.counts as Record<string, number>).renamed, 1);
    const text = evault(['model-diff', folder.id, dirB], env);
    assert.match(text.stdout, new RegExp(`changed  ${PERTURBED.replace(/\./g, '\\.')} F32 \\[32, 16\\]: 3 of 512 elements differ`));
    assert.match(text.stdout, /renamed {2}model\.layers\.0\.self_attn\.k_proj\.weight -> model\.layers\.0\.self_attn\.k_proj\.weight_v2/);
  });

  test('two evidence items: both folders read back from the vault through their members', async () => {
    const tuned = (await importEvidence(f.vault, f.signer, 'CASE-1', [dirB])).find((i) => i.name === 'tuned/')!;
    const base = items.find((i) => i.name === 'base/')!;
    check(await runModelDiff(await resolveSide(f.vault, base.id), await resolveSide(f.vault, tuned.id)));
  });

  test('an in-place source changed after import is refused, not diffed', async () => {
    const g = await vaultFixture();
    try {
      const path = join(g.root, 'm.safetensors');
      const spec = defaultSpec();
      writeFileSync(path, safetensorsFile(spec.tensors));
      const [item] = await importEvidence(g.vault, g.signer, 'CASE-1', [path], { inPlace: true });
      const other = join(g.root, 'other.safetensors');
      const changed = { ...spec.tensors, 'lm_head.weight': f32Tensor([64, 16], 42) };
      writeFileSync(other, safetensorsFile(changed));
      writeFileSync(path, safetensorsFile(changed)); // the in-place source now differs from what was recorded
      await assert.rejects(async () => runModelDiff(await resolveSide(g.vault, item!.id), await resolveSide(undefined, other)), (err: Error & { code?: string }) => err.code === 'SOURCE_CHANGED');
    } finally {
      g.cleanup();
    }
  });

  test('same tensors, one metadata key added: "weights identical, metadata changed"', async () => {
    const spec = defaultSpec();
    const a = join(f.root, 'a.safetensors');
    const b = join(f.root, 'b.safetensors');
    writeFileSync(a, safetensorsFile(spec.tensors, { format: 'pt' }));
    writeFileSync(b, safetensorsFile(spec.tensors, { format: 'pt', source: 'mirror' }));
    const d = await runModelDiff(await resolveSide(undefined, a), await resolveSide(undefined, b));
    assert.deepEqual(d.headlines, ['weights identical, metadata changed', 'metadata keys changed: source']);
    assert.deepEqual(d.keys.added, [{ key: 'metadata.source', value: 'mirror' }]);
    assert.equal(d.tensors.identical, 7);
  });
});
