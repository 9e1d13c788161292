// SPDX-License-Identifier: UNLICENSED
// Manifests from the desktop app on real files: a hashdeep manifest of a folder audits clean, then
// reports a changed, a moved, a new and a missing file after the folder is edited; an OpenSSF Model
// Signing bundle of a generated model folder, signed with the examiner's P-256 companion, verifies,
// and fails its FILES check after one byte of a shard flips. Manifests are never overwritten; a
// hashdeep manifest is written and checked while the vault is locked, an OMS bundle needs the key.
// Written with a case, either is recorded as a signed manifest.issued event in it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import { EvaultError } from '../../shared/errors.js';
import { writeModelFolder } from '../helpers/modelFolder.js';

const ctx = { transport: 'bridge' as const };
const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;

test('writeManifest and checkManifest: hashdeep audit and OpenSSF model signature', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-manifest-app-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  try {
    // hashdeep, before any identity exists (no vault, nothing signed).
    const dir = join(root, 'export');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    for (const [name, text] of [['a.txt', 'alpha\n'], ['b.txt', 'bravo\n'], ['sub/c.txt', 'charlie\n'], ['d.txt', 'delta\n']]) writeFileSync(join(dir, name!), text!);
    const hd = join(root, 'export.hashdeep');
    const w = await app.handlers.writeManifest(ctx, { path: dir, format: 'hashdeep', out: hd });
    assert.equal(w.files, 4);
    assert.match(readFileSync(hd, 'utf8'), /^%%%% HASHDEEP-1\.0\n%%%% size,md5,sha256,filename\n/);
    await assert.rejects(app.handlers.writeManifest(ctx, { path: dir, format: 'hashdeep', out: hd }), code('BAD_INPUT'));
    const clean = await app.handlers.checkManifest(ctx, { manifest: hd, dir });
    assert.equal(clean.format, 'hashdeep');
    assert.equal(clean.passed, true);
    assert.equal(clean.audit!.counts.matched, 4);

    writeFileSync(join(dir, 'a.txt'), 'ALPHA\n'); // changed
    renameSync(join(dir, 'sub', 'c.txt'), join(dir, 'c-moved.txt')); // moved
    writeFileSync(join(dir, 'e.txt'), 'echo\n'); // new
    unlinkSync(join(dir, 'd.txt')); // missing
    const edited = await app.handlers.checkManifest(ctx, { manifest: hd, dir });
    assert.equal(edited.passed, false);
    const status = Object.fromEntries(edited.audit!.files.map((f) => [f.name.slice(dir.length + 1), f.status]));
    assert.equal(status['c-moved.txt'], 'moved');
    assert.equal(status['e.txt'], 'new');
    assert.equal(status['b.txt'], 'matched');
    assert.ok(edited.audit!.missing.some((m) => m.endsWith('/d.txt')), JSON.stringify(edited.audit!.missing));
    assert.equal(status['a.txt'], 'changed', JSON.stringify(edited.audit!.files));
    await assert.rejects(app.handlers.checkManifest(ctx, { manifest: hd }), code('BAD_INPUT'));

    // OMS needs the unlocked examiner (its P-256 companion signs).
    const model = writeModelFolder(join(root, 'tiny-llama'));
    const oms = join(root, 'tiny-llama.sig');
    await assert.rejects(app.handlers.writeManifest(ctx, { path: model, format: 'oms', out: oms }), code('NO_KEY'));
    await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: null, organisation: null, passphrase: 'correct horse battery staple' });
    const s = await app.handlers.writeManifest(ctx, { path: model, format: 'oms', out: oms });
    assert.equal(s.format, 'oms');
    assert.ok(s.files >= 8, String(s.files));
    const good = await app.handlers.checkManifest(ctx, { manifest: oms, dir: model });
    assert.equal(good.format, 'oms');
    assert.equal(good.passed, true, JSON.stringify(good.checks));
    assert.ok(good.files.every((f) => f.status === 'match'));
    // One byte of a shard flipped: the signature still holds, the FILES check fails on that file.
    const shard = join(model, 'model-00002-of-00002.safetensors');
    const bytes = readFileSync(shard);
    bytes[bytes.length - 1]! ^= 0x01;
    writeFileSync(shard, bytes);
    const bad = await app.handlers.checkManifest(ctx, { manifest: oms, dir: model });
    assert.equal(bad.passed, false);
    assert.equal(bad.checks.find((c) => c.check === 'SIGNATURE')?.ok, true);
    assert.equal(bad.checks.find((c) => c.check === 'FILES')?.ok, false);
    assert.deepEqual(bad.files.filter((f) => f.status !== 'match').map((f) => [f.name, f.status]), [['model-00002-of-00002.safetensors', 'changed']]);
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('writeManifest with a case: recorded as a signed manifest.issued event; refused before writing when locked or sealed', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-manifest-case-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  const sha256 = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
  try {
    const model = writeModelFolder(join(root, 'tiny-llama'));
    const early = join(root, 'early.hashdeep');
    await assert.rejects(app.handlers.writeManifest(ctx, { path: model, format: 'hashdeep', out: early, caseId: 'nope' }), code('NO_KEY'));
    assert.equal(existsSync(early), false, 'nothing is written when it cannot be recorded');
    await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: null, organisation: null, passphrase: 'correct horse battery staple' });
    const c = await app.handlers.createCase(ctx, { number: 'M-1', title: 'Manifests', description: null });
    const before = (await app.handlers.custodyEvents(ctx, { caseId: c.id })).length;

    const hd = join(root, 'model.hashdeep');
    const w = await app.handlers.writeManifest(ctx, { path: model, format: 'hashdeep', out: hd, caseId: c.id });
    assert.equal(w.recorded?.caseNumber, 'M-1');
    const oms = join(root, 'model.sig');
    const s = await app.handlers.writeManifest(ctx, { path: model, format: 'oms', out: oms, caseId: c.id });
    const events = await app.handlers.custodyEvents(ctx, { caseId: c.id });
    const issued = events.filter((e) => e.action === 'manifest.issued');
    assert.deepEqual(issued.map((e) => [e.seq, e.hash]), [[w.recorded!.seq, w.recorded!.hash], [s.recorded!.seq, s.recorded!.hash]]);
    const [dh, dOms] = issued.map((e) => e.details as Record<string, unknown>);
    assert.deepEqual([dh!.format, dh!.files, dh!.path, dh!.out, dh!.sha256], ['hashdeep', w.files, model, hd, sha256(hd)]);
    assert.deepEqual([dOms!.format, dOms!.model, dOms!.out, dOms!.sha256], ['oms', 'tiny-llama', oms, sha256(oms)]);
    assert.match(String(dOms!.rootDigest), /^[0-9a-f]{64}$/);
    assert.equal(events.length, before + 2);

    // Without a case it is written and nothing is recorded, as before.
    await app.handlers.writeManifest(ctx, { path: model, format: 'hashdeep', out: join(root, 'loose.hashdeep') });
    assert.equal((await app.handlers.custodyEvents(ctx, { caseId: c.id })).length, before + 2);

    // A sealed case takes no new event, and the manifest is not written either.
    await app.handlers.sealCase(ctx, { caseId: c.id, reason: null });
    const late = join(root, 'late.hashdeep');
    await assert.rejects(app.handlers.writeManifest(ctx, { path: model, format: 'hashdeep', out: late, caseId: c.id }), code('CASE_SEALED'));
    assert.equal(existsSync(late), false);
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});
