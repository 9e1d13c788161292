// SPDX-License-Identifier: UNLICENSED
// The model evidence detail on the real services and corpus files: the pickle scanner's verdict
// and the globals it found, the tensor table in pages (with a name filter) carrying the digests
// recorded at import, and a clear error for evidence that is not a model.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import { EvaultError } from '../../shared/errors.js';
import { corpusDir } from '../helpers/repoRoot.js';

const ctx = { transport: 'bridge' as const };
const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;

test('modelDetail and modelTensors: verdict with globals, paged tensors with digests', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-model-app-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  try {
    await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: null, organisation: null, passphrase: 'correct horse battery staple' });
    const c = await app.handlers.createCase(ctx, { number: 'M-1', title: 'Models', description: null });
    const text = join(root, 'notes.txt');
    writeFileSync(text, 'not a model\n');
    const items = await app.handlers.importEvidence(ctx, {
      importId: 'model-detail-1',
      caseId: c.id,
      paths: [join(corpusDir(), 'models', 'pickle', 'malicious0.pkl'), join(corpusDir(), 'models', 'onnx', 'light_resnet50.onnx'), text],
    });
    const [pkl, onnx, txt] = items;

    const p = await app.handlers.modelDetail(ctx, { caseId: c.id, evidenceId: pkl!.id });
    assert.equal(p.format, 'pickle');
    assert.equal(p.verdict, 'dangerous');
    assert.ok(p.inspection.dangerous?.includes('__builtin__.eval'), JSON.stringify(p.inspection.dangerous));
    assert.ok(p.inspection.globals?.includes('__builtin__.dict'));
    assert.match(p.inspection.scanner?.rulesHash ?? '', /^[0-9a-f]{64}$/);
    assert.equal(p.tensorCount, 0);
    assert.match(p.summary[1]!, /^verdict: DANGEROUS/);

    const o = await app.handlers.modelDetail(ctx, { caseId: c.id, evidenceId: onnx!.id });
    assert.equal(o.format, 'onnx');
    assert.equal(o.verdict, 'safe');
    // 269 initializers and the tensors held in node attributes (ConstantOfShape values).
    assert.ok(o.tensorCount >= 269, String(o.tensorCount));
    assert.equal('tensors' in o.inspection, false, 'the tensor list is served in pages, not with the detail');
    assert.match(o.weightsRoot ?? '', /^[0-9a-f]{64}$/);
    // Pages tile the table in ordinal order; together they are every tensor once.
    const all = [];
    for (let start = 0; start < o.tensorCount; start += 200) {
      const page = await app.handlers.modelTensors(ctx, { caseId: c.id, evidenceId: onnx!.id, start, count: 200 });
      assert.equal(page.total, o.tensorCount);
      assert.equal(page.start, start);
      all.push(...page.rows);
    }
    const first = { rows: all.slice(0, 200) };
    assert.deepEqual(all.map((r) => r.ordinal), Array.from({ length: o.tensorCount }, (_, i) => i));
    assert.ok(all.every((r) => /^[0-9a-f]{64}$/.test(r.sha256) && Array.isArray(r.shape)));
    assert.equal(o.parameters, all.reduce((n, r) => n + r.shape.reduce((a, b) => a * b, 1), 0));
    // The filter is a substring of the name; LIKE wildcards in it are literal.
    const name = first.rows[5]!.name;
    const filtered = await app.handlers.modelTensors(ctx, { caseId: c.id, evidenceId: onnx!.id, start: 0, count: 50, filter: name });
    assert.ok(filtered.total >= 1 && filtered.rows.every((r) => r.name.includes(name)));
    assert.equal((await app.handlers.modelTensors(ctx, { caseId: c.id, evidenceId: onnx!.id, start: 0, count: 50, filter: '%' })).total, 0);

    await assert.rejects(app.handlers.modelDetail(ctx, { caseId: c.id, evidenceId: txt!.id }), code('NOT_FOUND'));
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});
