// SPDX-License-Identifier: UNLICENSED
// A Hugging Face-style model folder imported as one unit: every file fingerprinted and inspected,
// the folder facts (config, tokenizer and chat template, generation config, model card) and the
// shard index checked against sharded safetensors, one weights root over all shards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEvidence, type ImportedItem } from '../../../electron/services/ingest/importer.js';
import { logEvents } from '../../../electron/services/vault/queries/events.js';
import { verifyVault } from '../../../electron/services/vault/verifyVault.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import type { ModelInspection } from '../../../shared/models/types.js';
import { weightsRoot } from '../../../shared/models/weights.js';
import { evault } from '../../helpers/cli.js';
import { CHAT_TEMPLATE, defaultSpec, writeModelFolder } from '../../helpers/modelFolder.js';
import { vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';

const sha = (x: Uint8Array | string) => createHash('sha256').update(x).digest('hex');

describe('model folders', () => {
  let f: VaultFixture;
  let items: ImportedItem[];
  let dir: string;
  before(async () => {
    f = await vaultFixture();
    dir = writeModelFolder(join(f.root, 'tiny-llama'));
    items = await importEvidence(f.vault, f.signer, 'CASE-1', [dir]);
  });
  after(() => f.cleanup());

  const folderItem = () => items.find((i) => i.name === 'tiny-llama/')!;
  const stored = (id: string) => JSON.parse(f.vault.db.prepare('SELECT inspection FROM model_meta WHERE evidence_id = ?').pluck().get(id) as string) as ModelInspection;

  test('every file is its own evidence item, and the folder one more', () => {
    assert.deepEqual(items.map((i) => i.name).sort(), ['tiny-llama/', ...['README.md', 'config.json', 'generation_config.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'model.safetensors.index.json', 'tokenizer.json', 'tokenizer_config.json'].map((n) => `tiny-llama/${n}`)].sort());
    assert.equal(items.filter((i) => i.model?.format === 'safetensors').length, 2);
    assert.equal(folderItem().model?.format, 'model-folder');
    assert.equal(folderItem().model?.tensors, 7);
  });

  test('the folder weights root covers every tensor of both shards, computed independently', () => {
    const spec = defaultSpec();
    const expected = weightsRoot(Object.entries(spec.tensors).map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape, sha256: sha(t.data) })));
    assert.equal(folderItem().model?.weightsRoot, expected);
    const ev = parseEvent(new Uint8Array(logEvents(f.vault.db, f.theCase.id).find((r) => r.evidence_id === folderItem().id && r.action === 'evidence.acquired')!.bytes));
    const model = ev.details.model as { weights: { root: string; tensors: number }; header: { architectures: string[]; chatTemplates: Record<string, string>; shardIndex: { shards: number; problems?: string[] } } };
    assert.equal(model.weights.root, expected);
    assert.deepEqual(model.header.architectures, ['LlamaForCausalLM']);
    assert.equal(model.header.chatTemplates.default, sha(CHAT_TEMPLATE));
    assert.equal(model.header.shardIndex.shards, 2);
    assert.equal(model.header.shardIndex.problems, undefined);
    const members = (ev.details.folder as { members: { name: string; evidence: string }[] }).members;
    assert.equal(members.length, 8);
    for (const m of members) assert.equal(items.find((i) => i.id === m.evidence)?.name, `tiny-llama/${m.name}`);
  });

  test('config, tokenizer, generation config and card facts', () => {
    const fv = stored(folderItem().id).folder!;
    assert.equal(fv.config?.modelType, 'llama');
    assert.deepEqual(fv.config?.dims, { hidden_size: 16, intermediate_size: 32, num_hidden_layers: 2, num_attention_heads: 2, num_key_value_heads: 1, vocab_size: 64, max_position_embeddings: 128, rope_theta: 10000 });
    assert.equal(fv.config?.sha256, sha(readFileSync(join(dir, 'config.json'))));
    assert.equal(fv.tokenizer?.tokenizerJson?.model, 'BPE');
    assert.equal(fv.tokenizer?.tokenizerJson?.vocabSize, 64);
    assert.equal(fv.tokenizer?.config?.eosToken, '</s>');
    assert.equal(fv.tokenizer?.config?.flat['chat_template.sha256'], JSON.stringify(sha(CHAT_TEMPLATE)));
    assert.equal(fv.generationConfig?.flat.temperature, '0.6');
    assert.equal(fv.card?.license, 'apache-2.0');
    assert.deepEqual(fv.card?.baseModel, ['meta-llama/Llama-3.2-1B']);
    assert.deepEqual(fv.card?.datasets, ['tatsu-lab/alpaca', 'openai/gsm8k']);
    assert.deepEqual(fv.card?.tags, ['text-generation', 'fine-tuned']);
    assert.deepEqual(fv.card?.nested, ['model-index']);
    assert.deepEqual(fv.shardIndex?.problems, []);
  });

  test('the same folder again is a duplicate; verify-vault re-hashes the folder manifest and its tensor rows', async () => {
    const again = await importEvidence(f.vault, f.signer, 'CASE-1', [dir]);
    assert.ok(again.every((i) => i.duplicate));
    assert.equal(again.find((i) => i.name === 'tiny-llama/')?.id, folderItem().id);
    const r = await verifyVault(f.vault.dir);
    assert.equal(r.ok, true, JSON.stringify(r.issues));
  });

  test('an index that sends a tensor to the wrong shard, omits one and names a missing shard is reported', async () => {
    const spec = defaultSpec();
    spec.editIndex = (index) => {
      index.weight_map['lm_head.weight'] = 'model-00001-of-00002.safetensors';
      delete index.weight_map['model.layers.0.mlp.up_proj.weight'];
      index.weight_map['extra.weight'] = 'model-00003-of-00003.safetensors';
    };
    const bad = writeModelFolder(join(f.root, 'bad-index'), spec);
    const r = evault(['inspect', bad, '--json']);
    const j = JSON.parse(r.stdout) as ModelInspection;
    assert.equal(j.format, 'model-folder');
    const problems = j.folder!.shardIndex!.problems.join('\n');
    assert.match(problems, /tensor lm_head.weight is in model-00002-of-00002.safetensors but the weight_map says model-00001-of-00002.safetensors/);
    assert.match(problems, /tensor model.layers.0.mlp.up_proj.weight in model-00001-of-00002.safetensors is not in the weight_map/);
    assert.match(problems, /shard model-00003-of-00003.safetensors is listed in the weight_map but not in the folder/);
    assert.match(problems, /weight_map sends lm_head.weight to model-00001-of-00002.safetensors, which does not hold it/);
  });

  test('evault inspect shows the folder view of the evidence item', () => {
    const r = evault(['inspect', folderItem().id], { EVAULT_VAULT: f.vault.dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /model folder tiny-llama: 8 files/);
    assert.match(r.stdout, /config: LlamaForCausalLM \(llama\), float32/);
    assert.match(r.stdout, /chat template default: sha256 [0-9a-f]{64} \(tokenizer_config.json\)/);
    assert.match(r.stdout, /model card: license apache-2.0, base model meta-llama\/Llama-3.2-1B, datasets tatsu-lab\/alpaca, openai\/gsm8k/);
    assert.match(r.stdout, /shard index model.safetensors.index.json: 7 tensors in 2 shards, total_size \d+ — consistent with the shards/);
    assert.match(r.stdout, new RegExp(`weights root ${folderItem().model!.weightsRoot} over 7 tensors in 2 file`));
  });

  test('a single-file folder without an index has the weights root of its one file', async () => {
    const spec = defaultSpec();
    spec.shards = [Object.keys(spec.tensors)];
    const one = writeModelFolder(join(f.root, 'single'), spec);
    const got = await importEvidence(f.vault, f.signer, 'CASE-1', [one]);
    const file = got.find((i) => i.name === 'single/model.safetensors')!;
    const folder = got.find((i) => i.name === 'single/')!;
    assert.equal(folder.model?.weightsRoot, file.model?.weightsRoot);
    assert.equal(folder.model?.weightsRoot, folderItem().model?.weightsRoot, 'same tensors sharded or not: same weights root');
  });

  test('broken descriptive files are folder problems, not import failures; named chat templates are digested one by one', async () => {
    const odd = writeModelFolder(join(f.root, 'odd'));
    writeFileSync(join(odd, 'config.json'), '{"architectures": [');
    writeFileSync(join(odd, 'generation_config.json'), '[1, 2]');
    writeFileSync(join(odd, 'tokenizer_config.json'), JSON.stringify({ chat_template: [{ name: 'default', template: 'A' }, { name: 'tool_use', template: 'B' }] }));
    writeFileSync(join(odd, 'README.md'), '---\nlicense: &x mit\ntags: *x\n---\n');
    const got = await importEvidence(f.vault, f.signer, 'CASE-1', [odd]);
    const fv = stored(got.find((i) => i.name === 'odd/')!.id).folder!;
    assert.equal(fv.config, undefined);
    assert.match(fv.problems.join('\n'), /config\.json is not valid JSON/);
    assert.match(fv.problems.join('\n'), /generation_config\.json is not a JSON object/);
    assert.deepEqual(fv.tokenizer?.chatTemplates, { default: sha('A'), tool_use: sha('B') });
    assert.equal(fv.card?.license, null);
    assert.equal(fv.card?.problems.length, 2);
    assert.ok(fv.weights, 'the weights root does not depend on the descriptive files');
    assert.equal((await verifyVault(f.vault.dir)).ok, true);
  });
});
