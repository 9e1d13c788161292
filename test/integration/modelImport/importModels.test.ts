// SPDX-License-Identifier: UNLICENSED
// Model artifacts through the import: tensor digests from the single read, the weights root in the
// signed acquisition event, pickle verdicts as signed findings, verify-vault over tensor rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEvidence, type ImportedItem } from '../../../electron/services/ingest/importer.js';
import { logEvents } from '../../../electron/services/vault/queries/events.js';
import { verifyVault } from '../../../electron/services/vault/verifyVault.js';
import { Vault } from '../../../electron/services/vault/vault.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { weightsRoot } from '../../../shared/models/weights.js';
import { corpusDir } from '../../helpers/repoRoot.js';
import { vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';
import { evault } from '../../helpers/cli.js';

interface Label {
  path: string;
  expected: string;
}

/** A safetensors file written by hand: u64 LE header length, JSON header, raw data. */
function safetensors(tensors: Record<string, { dtype: string; shape: number[]; data: Buffer }>, metadata: Record<string, string>): Buffer {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([len, json, ...Object.values(tensors).map((t) => t.data)]);
}

describe('model evidence', () => {
  let f: VaultFixture;
  let corpusItems: ImportedItem[];
  before(async () => {
    f = await vaultFixture();
    corpusItems = await importEvidence(f.vault, f.signer, 'CASE-1', [join(corpusDir(), 'models')]);
  });
  after(() => f.cleanup());

  test('every labelled dangerous sample is flagged dangerous or suspicious in a signed finding, every safe one is safe', () => {
    const labels = JSON.parse(readFileSync(join(corpusDir(), 'labels.json'), 'utf8')) as Label[];
    const scans = new Map(
      logEvents(f.vault.db, f.theCase.id)
        .map((r) => parseEvent(new Uint8Array(r.bytes)))
        .filter((e) => e.action === 'finding.recorded' && e.details.type === 'model.pickle-scan')
        .map((e) => [e.evidence, e]),
    );
    let dangerous = 0;
    for (const label of labels) {
      const item = corpusItems.find((i) => `models/${i.name.slice('models/'.length)}` === label.path);
      assert.ok(item, label.path);
      if (label.expected === 'dangerous') {
        dangerous++;
        assert.ok(['dangerous', 'suspicious'].includes(String(item.model?.verdict)), `${label.path}: ${item.model?.verdict}`);
        const scan = scans.get(item.id);
        assert.ok(scan, `${label.path} has a signed scan finding`);
        assert.match(String(scan.details.rulesHash), /^[0-9a-f]{64}$/);
      }
      if (label.expected === 'safe') assert.equal(item.model?.verdict, 'safe', label.path);
    }
    assert.ok(dangerous >= 30);
  });

  test('the weights root in the signed event is the root over tensor digests computed independently', async () => {
    const a = Buffer.alloc(64 * 4);
    for (let i = 0; i < 64; i++) a.writeFloatLE(i / 7, i * 4);
    const b = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 251));
    const path = join(f.root, 'tiny.safetensors');
    writeFileSync(path, safetensors({ 'layer.weight': { dtype: 'F32', shape: [8, 8], data: a }, 'embed.bias': { dtype: 'U8', shape: [300], data: b } }, { source: 'test' }));
    const [item] = await importEvidence(f.vault, f.signer, 'CASE-1', [path]);
    const sha = (x: Buffer) => createHash('sha256').update(x).digest('hex');
    const expected = weightsRoot([
      { name: 'layer.weight', dtype: 'F32', shape: [8, 8], sha256: sha(a) },
      { name: 'embed.bias', dtype: 'U8', shape: [300], sha256: sha(b) },
    ]);
    assert.equal(item!.model!.weightsRoot, expected);
    const ev = parseEvent(new Uint8Array(logEvents(f.vault.db, f.theCase.id).find((r) => r.evidence_id === item!.id && r.action === 'evidence.acquired')!.bytes));
    const model = ev.details.model as { format: string; weights: { root: string; tensors: number } };
    assert.equal(model.format, 'safetensors');
    assert.equal(model.weights.root, expected);
    assert.equal(model.weights.tensors, 2);
  });

  test('evault inspect prints the format view; --json has format, verdict and globals', () => {
    const bad = corpusItems.find((i) => i.name === 'models/pickle/malicious0.pkl') ?? corpusItems.find((i) => i.model?.verdict === 'dangerous')!;
    const r = evault(['inspect', bad.id, '--json'], { EVAULT_VAULT: f.vault.dir });
    assert.equal(r.status, 1, 'a dangerous artifact exits 1');
    const j = JSON.parse(r.stdout);
    assert.equal(j.verdict, 'dangerous');
    assert.ok(Array.isArray(j.globals) && j.globals.length > 0);
    const file = evault(['inspect', join(corpusDir(), 'models', 'safetensors', 'overall.safetensors')]);
    assert.equal(file.status, 0);
    assert.match(file.stdout, /format: safetensors/);
  });

  test('a changed tensor digest row is caught by verify-vault', async () => {
    assert.equal((await verifyVault(f.vault.dir)).ok, true);
    f.vault.close();
    const db = new Database(join(f.vault.dir, 'vault.db'));
    db.exec('DROP TRIGGER model_tensors_no_update');
    db.prepare("UPDATE model_tensors SET sha256 = '00' || substr(sha256, 3) WHERE rowid = (SELECT min(rowid) FROM model_tensors)").run();
    db.close();
    const r = await verifyVault(f.vault.dir);
    assert.ok(r.issues.some((i) => i.code === 'RECORDS_MISMATCH' && /weights root/.test(i.message)), JSON.stringify(r.issues));
    f.vault = await Vault.open(f.vault.dir);
  });
});
