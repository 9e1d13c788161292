// SPDX-License-Identifier: UNLICENSED
// Findings recorded only as signed events (a recorded model diff, a pickle scan at import) are
// listed with the log findings: by listFindings (the UI's list) and by `evault findings --json`,
// which keeps the documented keys of log findings and gives the new ones the same keys, record null.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importEvidence, type ImportedItem } from '../../../electron/services/ingest/importer.js';
import { resolveSide } from '../../../electron/services/models/diffSides.js';
import { recordModelDiff, runModelDiff } from '../../../electron/services/models/modelDiff.js';
import { listFindings, type FindingJson } from '../../../electron/services/vault/findingsList.js';
import { corpusDir } from '../../helpers/repoRoot.js';
import { evault } from '../../helpers/cli.js';
import { defaultSpec, f32Tensor, writeModelFolder } from '../../helpers/modelFolder.js';
import { TEST_PASSPHRASE, vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';

/** The keys issue 9 documents for `evault findings --json`. */
const DOCUMENTED = ['evidence', 'evidence_name', 'record', 'type', 'rule', 'atlas', 'field', 'start', 'end'];

describe('recorded findings in the findings list', () => {
  let f: VaultFixture;
  let items: ImportedItem[];
  let diffSeq = 0;
  let diffHash = '';
  before(async () => {
    f = await vaultFixture();
    const base = writeModelFolder(join(f.root, 'base'));
    const spec = defaultSpec();
    spec.tensors['model.layers.1.self_attn.v_proj.weight'] = f32Tensor([16, 16], 7);
    spec.shards = [spec.shards[0]!, [...spec.shards[1]!, 'model.layers.1.self_attn.v_proj.weight']];
    const tuned = writeModelFolder(join(f.root, 'tuned'), spec);
    items = await importEvidence(f.vault, f.signer, 'CASE-1', [base, tuned, join(corpusDir(), 'models', 'pickle', 'malicious0.pkl'), join(corpusDir(), 'logs', 'ai', 'support_chatbot.csv')]);
    const a = await resolveSide(f.vault, items.find((i) => i.name === 'base/')!.id);
    const b = await resolveSide(f.vault, items.find((i) => i.name === 'tuned/')!.id);
    const { event, hash } = recordModelDiff(f.vault, f.signer, await runModelDiff(a, b), a, b);
    diffSeq = event.seq;
    diffHash = hash;
  });
  after(() => f.cleanup());

  test('a recorded model diff is listed with both evidence items, its summary, who/when and the event hash', () => {
    const diffs = listFindings(f.vault, f.theCase.id).filter((x) => x.type === 'model.diff');
    assert.equal(diffs.length, 1);
    const d = diffs[0]!;
    assert.equal(d.record, null);
    assert.deepEqual(d.records, []);
    assert.deepEqual(d.items, [
      { evidence: items.find((i) => i.name === 'base/')!.id, name: 'base/' },
      { evidence: items.find((i) => i.name === 'tuned/')!.id, name: 'tuned/' },
    ]);
    assert.equal(d.evidence_name, 'base/');
    assert.match(d.explanation, /weights differ: .*1 tensor\(s\) added/);
    assert.equal(d.severity, 'medium', 'differing weights');
    assert.equal(d.seq, diffSeq);
    assert.equal(d.hash, diffHash);
    assert.equal(d.actor, f.signer.fingerprint);
    assert.match(d.rule, /^evault-model-diff\//);
  });

  test('the pickle scan of a model file is listed as a high-severity finding naming the dangerous global', () => {
    const scans = listFindings(f.vault, f.theCase.id, 'model.pickle-scan');
    const pkl = scans.find((x) => x.evidence_name === 'malicious0.pkl');
    assert.ok(pkl, scans.map((x) => x.evidence_name).join(', '));
    assert.equal(pkl.severity, 'high');
    assert.match(pkl.explanation, /^pickle verdict dangerous: .*eval/);
    assert.ok(scans.every((x) => x.type === 'model.pickle-scan'));
  });

  test('evault findings --json: log findings keep their keys and come first; recorded ones have the same keys with record null', () => {
    const env = { EVAULT_VAULT: f.vault.dir, EVAULT_KEYSTORE: f.keystore.dir, EVAULT_PASSPHRASE: TEST_PASSPHRASE };
    const r = evault(['findings', 'CASE-1', '--json'], env);
    assert.equal(r.status, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as FindingJson[];
    const firstRecorded = rows.findIndex((x) => x.record === null);
    assert.ok(firstRecorded > 0, 'the CSV log has PII findings before the recorded ones');
    assert.ok(rows.slice(0, firstRecorded).every((x) => typeof x.record === 'number' && (x.type.startsWith('pii.') || x.type.startsWith('ai.'))));
    assert.ok(rows.slice(firstRecorded).every((x) => x.record === null), 'recorded findings come after every log finding');
    for (const x of rows) for (const k of DOCUMENTED) assert.ok(k in x, `${x.type} has ${k}`);
    assert.deepEqual(
      rows.filter((x) => x.record === null).map((x) => x.type).sort(),
      ['model.diff', 'model.pickle-scan'],
    );
    const only = JSON.parse(evault(['findings', 'CASE-1', '--type', 'model.diff', '--json'], env).stdout) as FindingJson[];
    assert.deepEqual(only.map((x) => [x.type, x.seq, x.field, x.start, x.end, x.atlas]), [['model.diff', diffSeq, null, null, null, null]]);
    const text = evault(['findings', 'CASE-1', '--type', 'model.diff'], env);
    assert.match(text.stdout, /^model\.diff\s+base\/ vs tuned\/ {2}\(event #\d+\)/m);
  });

  test('an unknown --type is refused with the kinds that exist', () => {
    assert.throws(() => listFindings(f.vault, f.theCase.id, 'model.nope'), (e: Error & { code?: string }) => e.code === 'BAD_INPUT' && /model\.diff, model\.pickle-scan/.test(e.message));
  });
});
