// SPDX-License-Identifier: UNLICENSED
// model-diff from the desktop app on the real services: two safetensors variants generated here
// (one tensor perturbed at known elements, one renamed, one added, a metadata key changed), compared
// as evidence items of one case and against a path; recorded as a signed finding; refused on a
// sealed case and for an item of another case. Also prints how long the event loop stalled while a
// 64 MiB changed tensor was compared (a figure, not an assertion: timings belong to benchmarks).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import { EvaultError } from '../../shared/errors.js';
import { f32Tensor, safetensorsFile, type GenTensor } from '../helpers/modelFolder.js';

const ctx = { transport: 'bridge' as const };
const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;
const PERTURBED = 'layers.1.mlp.weight';

function variants(big: number): { base: Record<string, GenTensor>; tuned: Record<string, GenTensor>; max: number } {
  const base: Record<string, GenTensor> = { 'embed.weight': f32Tensor([64, 16], 1), 'layers.0.attn.weight': f32Tensor([16, 16], 2), [PERTURBED]: f32Tensor([32, 16], 3), 'big.weight': f32Tensor([big], 4) };
  const data = Buffer.from(base[PERTURBED]!.data);
  const before = data.readFloatLE(40);
  data.writeFloatLE(before + 0.5, 40);
  const bigData = Buffer.from(base['big.weight']!.data);
  bigData.writeFloatLE(bigData.readFloatLE(bigData.length - 4) + 0.125, bigData.length - 4);
  const tuned: Record<string, GenTensor> = { 'embed.weight': base['embed.weight']!, 'layers.0.attn.weight_v2': base['layers.0.attn.weight']!, [PERTURBED]: { ...base[PERTURBED]!, data }, 'big.weight': { ...base['big.weight']!, data: bigData }, 'extra.bias': f32Tensor([16], 9) };
  return { base, tuned, max: Math.abs(data.readFloatLE(40) - before) };
}

test('modelDiff: evidence vs evidence and vs a path, recorded as a finding, refused when sealed', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-model-diff-app-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  try {
    await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: null, organisation: null, passphrase: 'correct horse battery staple' });
    const c = await app.handlers.createCase(ctx, { number: 'D-1', title: 'Diff', description: null });
    const v = variants(16 * 1024 * 1024); // 64 MiB changed float tensor
    const pa = join(root, 'base.safetensors');
    const pb = join(root, 'tuned.safetensors');
    writeFileSync(pa, safetensorsFile(v.base));
    writeFileSync(pb, safetensorsFile(v.tuned, { format: 'pt', note: 'fine-tuned' }));
    const [a, b] = await app.handlers.importEvidence(ctx, { importId: 'model-diff-1', caseId: c.id, paths: [pa, pb] });

    // The event loop keeps turning while the diff runs: sample it every 5 ms.
    let last = performance.now();
    let worst = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 5);
    const r = await app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherEvidenceId: b!.id });
    clearInterval(timer);
    console.log(`# modelDiff on 2 × ${(v.base['big.weight']!.data.length / 2 ** 20).toFixed(0)} MiB: ${r.ms} ms, longest event-loop stall ${worst.toFixed(1)} ms`);

    const t = r.diff.tensors;
    assert.deepEqual(t.renamed, [{ from: 'layers.0.attn.weight', to: 'layers.0.attn.weight_v2' }]);
    assert.deepEqual(t.added, ['extra.bias']);
    assert.deepEqual(t.removed, []);
    assert.equal(t.identical, 1);
    const changed = new Map(t.bytesChanged.map((x) => [x.name, x]));
    const p = changed.get(PERTURBED)!.elements!;
    assert.equal(p.elements, 512);
    assert.equal(p.differing, 1);
    assert.equal(p.maxAbsDiff, v.max);
    assert.equal(changed.get('big.weight')!.elements!.differing, 1);
    assert.deepEqual(r.diff.keys.added.map((k) => k.key), ['metadata.note']);
    assert.equal(r.diff.weightsIdentical, false);
    assert.ok(r.lines.some((l) => l.startsWith(`  changed  ${PERTURBED} F32 [32, 16]: 1 of 512 elements differ`)), r.lines.join('\n'));
    assert.equal(r.recorded, null);
    const before = (await app.handlers.custodyEvents(ctx, { caseId: c.id })).length;
    assert.equal(before, (await app.handlers.custodyEvents(ctx, { caseId: c.id })).length, 'a diff alone writes nothing');

    // Against a path on disk: the same diff.
    const byPath = await app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherPath: pb });
    assert.deepEqual(byPath.diff.tensors, r.diff.tensors);

    // Recorded: one signed finding.recorded event on the first item, carrying the summary.
    const rec = await app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherEvidenceId: b!.id, record: true });
    assert.ok(rec.recorded);
    const events = await app.handlers.custodyEvents(ctx, { caseId: c.id });
    assert.equal(events.length, before + 1);
    const ev = events.find((e) => e.seq === rec.recorded!.seq)!;
    assert.equal(ev.action, 'finding.recorded');
    assert.equal(ev.evidence, a!.id);
    assert.match(JSON.stringify(ev.details), /model\.diff/);

    // Errors: both or neither other side, another case's item, a missing path, a sealed case.
    await assert.rejects(app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id }), code('BAD_INPUT'));
    await assert.rejects(app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherEvidenceId: b!.id, otherPath: pb }), code('BAD_INPUT'));
    await assert.rejects(app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherPath: join(root, 'nope.safetensors') }), code('NOT_FOUND'));
    const c2 = await app.handlers.createCase(ctx, { number: 'D-2', title: 'Other', description: null });
    await assert.rejects(app.handlers.modelDiff(ctx, { caseId: c2.id, evidenceId: a!.id, otherEvidenceId: b!.id }), code('NOT_FOUND'));
    await app.handlers.sealCase(ctx, { caseId: c.id, reason: null });
    await assert.rejects(app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherEvidenceId: b!.id, record: true }), code('CASE_SEALED'));
    // Comparing stays possible on a sealed case (it writes nothing).
    assert.equal((await app.handlers.modelDiff(ctx, { caseId: c.id, evidenceId: a!.id, otherEvidenceId: b!.id })).recorded, null);
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});
