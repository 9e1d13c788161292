// SPDX-License-Identifier: UNLICENSED
// The model detail of a model folder on the real services: a sharded folder generated here is
// imported as one unit; its detail carries the folder view (files, config, tokenizer and chat-template
// digests, card front matter, shard-index check, weights root) and each member linked to its own
// evidence item, whose model detail opens.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import { CHAT_TEMPLATE, writeModelFolder } from '../helpers/modelFolder.js';

const ctx = { transport: 'bridge' as const };

test('modelDetail of a model folder: folder facts and members linked to their evidence items', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-model-folder-app-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  try {
    await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: null, organisation: null, passphrase: 'correct horse battery staple' });
    const c = await app.handlers.createCase(ctx, { number: 'F-1', title: 'Folder', description: null });
    const dir = writeModelFolder(join(root, 'tiny-llama'));
    await app.handlers.importEvidence(ctx, { importId: 'model-folder-1', caseId: c.id, paths: [dir] });
    const items = await app.handlers.listEvidence(ctx, { caseId: c.id });
    const candidates = [];
    for (const e of items.filter((x) => x.kind === 'model')) {
      const d = await app.handlers.modelDetail(ctx, { caseId: c.id, evidenceId: e.id });
      if (d.format === 'model-folder') candidates.push(d);
    }
    assert.equal(candidates.length, 1);
    const d = candidates[0]!;
    const f = d.inspection.folder!;
    assert.ok(f.shardIndex && f.shardIndex.problems.length === 0, JSON.stringify(f.shardIndex));
    assert.equal(f.shardIndex.shards.length, 2);
    assert.deepEqual(f.config?.architectures, ['LlamaForCausalLM']);
    assert.equal(f.tokenizer?.chatTemplates?.default, createHash('sha256').update(CHAT_TEMPLATE).digest('hex'));
    assert.equal(f.card?.license, 'apache-2.0');
    assert.equal(f.generationConfig?.flat.temperature, '0.6');
    assert.equal(f.weights?.root, d.weightsRoot);

    // Every file of the folder is linked to an evidence item of the case; the shards open their detail.
    const members = d.members!;
    assert.deepEqual(members.map((m) => m.name).sort(), f.files.map((x) => x.name).sort());
    const ids = new Set(items.map((e) => e.id));
    assert.ok(members.every((m) => ids.has(m.evidenceId)), 'each member is an evidence item of the case');
    const shards = members.filter((m) => m.model);
    assert.deepEqual(shards.map((m) => m.name).sort(), f.shardIndex.shards.slice().sort());
    const shard = await app.handlers.modelDetail(ctx, { caseId: c.id, evidenceId: shards[0]!.evidenceId });
    assert.equal(shard.format, 'safetensors');
    assert.equal(shard.members, null);
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});
