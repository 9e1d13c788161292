// SPDX-License-Identifier: UNLICENSED
// model-diff runs in a worker thread (modelDiffRunner.ts) and can be cancelled: on the real
// services, a cancelled diff asked to record a finding records nothing, the next diff runs, and bad
// cancelModelDiff input is refused by the contract's schema.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import { dispatch } from '../../shared/api/dispatch.js';
import { EvaultError } from '../../shared/errors.js';
import { f32Tensor, safetensorsFile } from '../helpers/modelFolder.js';

const ctx = { transport: 'bridge' as const };
const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;

test('cancelModelDiff: a cancelled diff records nothing; the next one runs; bad input is BAD_INPUT', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-model-diff-cancel-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  try {
    await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: null, organisation: null, passphrase: 'correct horse battery staple' });
    const c = await app.handlers.createCase(ctx, { number: 'DC-1', title: 'Diff cancel', description: null });
    const base = f32Tensor([1024 * 1024], 1);
    const changed = Buffer.from(base.data);
    changed.writeFloatLE(changed.readFloatLE(0) + 1, 0);
    writeFileSync(join(root, 'a.safetensors'), safetensorsFile({ 'w.weight': base }));
    writeFileSync(join(root, 'b.safetensors'), safetensorsFile({ 'w.weight': { ...base, data: changed } }));
    const [a, b] = await app.handlers.importEvidence(ctx, { importId: 'model-diff-cancel', caseId: c.id, paths: [join(root, 'a.safetensors'), join(root, 'b.safetensors')] });
    const before = (await app.handlers.custodyEvents(ctx, { caseId: c.id })).length;

    assert.equal(await app.handlers.cancelModelDiff(ctx, { caseId: c.id }), false, 'nothing to cancel');
    // The handler starts its worker before it first yields, so the cancel finds it running.
    const running = app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherEvidenceId: b!.id, record: true });
    assert.equal(await app.handlers.cancelModelDiff(ctx, { caseId: c.id }), true);
    await assert.rejects(running, (e: unknown) => code('CANCELLED')(e) && /nothing was recorded/.test((e as Error).message));
    assert.equal((await app.handlers.custodyEvents(ctx, { caseId: c.id })).length, before, 'no finding.recorded');
    assert.equal(await app.handlers.cancelModelDiff(ctx, { caseId: c.id }), false);

    const r = await app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherEvidenceId: b!.id, record: true });
    assert.equal(r.diff.tensors.bytesChanged.length, 1);
    assert.equal(r.diff.tensors.bytesChanged[0]!.elements?.differing, 1);
    assert.ok(r.recorded);
    assert.equal((await app.handlers.custodyEvents(ctx, { caseId: c.id })).length, before + 1);

    for (const bad of [[{ caseId: 1 }], [{}], [{ caseId: c.id, record: true }]]) {
      const res = await dispatch(app.handlers, 'cancelModelDiff', bad, ctx);
      assert.equal(!res.ok && res.error.code, 'BAD_INPUT', JSON.stringify(bad));
    }
    const unknown = await dispatch(app.handlers, 'cancelModelDiff', [{ caseId: 'no-such-case' }], ctx);
    assert.equal(!unknown.ok && unknown.error.code, 'NOT_FOUND');
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});
