// SPDX-License-Identifier: UNLICENSED
// The contract's handlers on the real services, without a browser: idle lock drops the key, an
// import in the worker thread reports progress and can be cancelled (nothing recorded), and
// revealing PII is a signed pii.revealed event (refused on a sealed case).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import type { VaultEvents } from '../../shared/api/contract.js';
import { EvaultError } from '../../shared/errors.js';
import { verifyReportFile } from '../../electron/services/report/verifyFile.js';
import { describeEvents } from '../../electron/services/report/collectCustody.js';

const ctx = { transport: 'bridge' as const };
const PASSPHRASE = 'correct horse battery staple';

async function fresh(idleLockMinutes = 15) {
  const root = mkdtempSync(join(tmpdir(), 'evault-app-'));
  const events: { name: string; payload: unknown }[] = [];
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser', idleLockMinutes });
  app.session.emit = <E extends keyof VaultEvents>(name: E, payload: VaultEvents[E]) => void events.push({ name, payload });
  const me = await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: null, organisation: 'Lab', passphrase: PASSPHRASE });
  const theCase = await app.handlers.createCase(ctx, { number: 'T-1', title: 'Test', description: null });
  return { root, app, events, me, theCase, cleanup: () => (app.session.close(), rmSync(root, { recursive: true, force: true })) };
}

const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;

test('idle timeout drops the key and tells the UI', { timeout: 60_000 }, async () => {
  const f = await fresh(0.002); // 120 ms
  try {
    assert.equal((await f.app.handlers.status(ctx)).unlocked?.organisation, 'Lab');
    // The first-run form's organisation is the key's own and is signed into examiner.registered.
    const registered = f.app.session.require().vault.db.prepare("SELECT bytes FROM events WHERE log = 'vault' AND action = 'examiner.registered'").all() as { bytes: Buffer }[];
    assert.deepEqual(registered.map((r) => JSON.parse(r.bytes.toString('utf8')).details.organisation), ['Lab']);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await f.app.handlers.status(ctx)).unlocked, null);
    assert.deepEqual(f.events.filter((e) => e.name === 'locked'), [{ name: 'locked', payload: { reason: 'idle' } }]);
    await assert.rejects(f.app.handlers.listCases(ctx), code('NO_KEY'));
    await assert.rejects(f.app.handlers.unlock(ctx, { fingerprint: f.me.fingerprint, passphrase: 'wrong passphrase' }), code('WRONG_PASSPHRASE'));
    await f.app.handlers.unlock(ctx, { fingerprint: f.me.fingerprint, passphrase: PASSPHRASE });
    assert.equal((await f.app.handlers.listCases(ctx)).length, 1);
  } finally {
    f.cleanup();
  }
});

test('an import in the worker thread reports progress and can be cancelled; nothing is recorded', { timeout: 120_000 }, async () => {
  const f = await fresh();
  try {
    const big = join(f.root, 'big.bin');
    writeFileSync(big, Buffer.alloc(256 * 1024 * 1024, 7));
    const importId = 'cancel-test-0001';
    const running = f.app.handlers.importEvidence(ctx, { importId, caseId: f.theCase.id, paths: [big] });
    // Cancel once hashing has visibly started.
    while (!f.events.some((e) => e.name === 'importProgress' && (e.payload as { bytesDone: number }).bytesDone > 0)) await new Promise((r) => setTimeout(r, 5));
    assert.equal(await f.app.handlers.cancelImport(ctx, { importId }), true);
    await assert.rejects(running, code('CANCELLED'));
    assert.equal((await f.app.handlers.listEvidence(ctx, { caseId: f.theCase.id })).length, 0);
    assert.ok(f.events.some((e) => e.name === 'importProgress' && (e.payload as { phase: string }).phase === 'cancelled'));
    // The vault is still writable afterwards (the worker released its lock).
    await f.app.handlers.addNote(ctx, { caseId: f.theCase.id, text: 'after a cancelled import' });
    const small = join(f.root, 'small.txt');
    writeFileSync(small, 'hello\n');
    const [item] = await f.app.handlers.importEvidence(ctx, { importId: 'small-import-1', caseId: f.theCase.id, paths: [small] });
    assert.equal(item!.sha256, '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03');
    const again = await f.app.handlers.importEvidence(ctx, { importId: 'small-import-2', caseId: f.theCase.id, paths: [small] });
    assert.equal(again[0]!.duplicate, true);
    const verified = await f.app.handlers.verifyVault(ctx, {});
    assert.equal(verified.ok, true, JSON.stringify(verified.checks.filter((c) => !c.ok)));
  } finally {
    f.cleanup();
  }
});

test('another examiner unlocking during an import: the worker is refused the new key, nothing is recorded', { timeout: 120_000 }, async () => {
  const f = await fresh();
  try {
    // A second examiner on this machine; then the first unlocks again and starts an import.
    const other = await f.app.handlers.createIdentity(ctx, { name: 'Other Examiner', role: null, organisation: 'Lab', passphrase: PASSPHRASE });
    // The other examiner's key is unlocked now (what unlock() does, less its slow key derivation),
    // so the switch below lands while the import is still hashing, before the worker signs.
    const otherSigner = await f.app.session.keystore.unlock(other.fingerprint, PASSPHRASE);
    const otherIdentity = await f.app.session.summary(await f.app.session.keystore.find(other.fingerprint));
    await f.app.handlers.unlock(ctx, { fingerprint: f.me.fingerprint, passphrase: PASSPHRASE });
    const big = join(f.root, 'big.bin');
    writeFileSync(big, Buffer.alloc(192 * 1024 * 1024, 9));
    const running = f.app.handlers.importEvidence(ctx, { importId: 'switch-test-01', caseId: f.theCase.id, paths: [big] });
    // Once hashing has visibly started: lock, and the other examiner unlocks.
    while (!f.events.some((e) => e.name === 'importProgress' && (e.payload as { bytesDone: number }).bytesDone > 0)) await new Promise((r) => setTimeout(r, 5));
    await f.app.handlers.lock(ctx);
    await f.app.session.start(otherSigner, otherIdentity);
    assert.equal((await f.app.handlers.status(ctx)).unlocked?.fingerprint, other.fingerprint);
    await assert.rejects(running, (e: unknown) => e instanceof EvaultError && e.code === 'NO_KEY');
    assert.equal((await f.app.handlers.listEvidence(ctx, { caseId: f.theCase.id })).length, 0, 'no evidence recorded');
    assert.ok(!(await f.app.handlers.custodyEvents(ctx, { caseId: f.theCase.id })).some((e) => e.action === 'evidence.acquired'), 'no acquisition event');
    const verified = await f.app.handlers.verifyVault(ctx, {});
    assert.equal(verified.ok, true, JSON.stringify(verified.checks.filter((c) => !c.ok)));
  } finally {
    f.cleanup();
  }
});

test('revealing PII appends a signed pii.revealed event that verify-vault and the report accept', { timeout: 60_000 }, async () => {
  const f = await fresh();
  try {
    const log = join(f.root, 'a.jsonl');
    writeFileSync(log, [JSON.stringify({ timestamp: '2026-11-16T01:54:14.685Z', user_id: 'u1', prompt: 'mail me at ana@example.org' }), JSON.stringify({ timestamp: '2026-11-16T01:55:00.000Z', user_id: 'u2', prompt: 'nothing personal' })].join('\n') + '\n');
    const [item] = await f.app.handlers.importEvidence(ctx, { importId: 'reveal-test-2', caseId: f.theCase.id, paths: [log] });
    const before = (await f.app.handlers.custodyEvents(ctx, { caseId: f.theCase.id })).length;
    // A record without PII: nothing to reveal, nothing recorded.
    await f.app.handlers.revealRecord(ctx, { caseId: f.theCase.id, evidenceId: item!.id, record: 1, reason: null });
    assert.equal((await f.app.handlers.custodyEvents(ctx, { caseId: f.theCase.id })).length, before);
    const shown = await f.app.handlers.revealRecord(ctx, { caseId: f.theCase.id, evidenceId: item!.id, record: 0, reason: 'identify the customer' });
    assert.match(shown.text, /ana@example\.org/);
    const events = await f.app.handlers.custodyEvents(ctx, { caseId: f.theCase.id });
    assert.equal(events.length, before + 1);
    const e = events.at(-1)!;
    assert.equal(e.action, 'pii.revealed');
    assert.equal(e.evidence, item!.id);
    assert.deepEqual(e.details, { record: 0, piiTypes: ['pii.email'], reason: 'identify the customer' });
    const verified = await f.app.handlers.verifyVault(ctx, {});
    assert.equal(verified.ok, true, JSON.stringify(verified.checks.filter((c) => !c.ok)));
    // The report lists it in its custody table and verifies.
    const out = join(f.root, 'r.pdf');
    const r = await f.app.handlers.issueReport(ctx, { caseId: f.theCase.id, sections: ['custody'], reveal: false, organisation: null, classification: null, out, passphrase: PASSPHRASE });
    const check = await verifyReportFile({ pdf: out, sig: `${out}.sig` });
    assert.equal(check.ok, true, JSON.stringify(check.steps.filter((s) => s.status === 'failed')));
    assert.ok(r.events >= before + 1);
    const [described] = describeEvents([{ type: 'evault.custody.v1', case: f.theCase.id, seq: 9, at: e.at, actor: e.actor, action: 'pii.revealed', evidence: item!.id, details: e.details as { [k: string]: string | number | string[] | null }, prev: '0'.repeat(64) }], [{ seq: 9, bytes: new Uint8Array(0), hash: 'ab'.repeat(32), signature: new Uint8Array(64) }], new Map([[item!.id, 'a.jsonl']]));
    assert.equal(described!.summary, 'a.jsonl: record 0 shown unredacted (pii.email): identify the customer');
  } finally {
    f.cleanup();
  }
});

test('revealing PII is refused on a sealed case (it could not be recorded)', { timeout: 60_000 }, async () => {
  const f = await fresh();
  try {
    const log = join(f.root, 'a.jsonl');
    writeFileSync(log, JSON.stringify({ timestamp: '2026-11-16T01:54:14.685Z', user_id: 'u1', prompt: 'mail me at ana@example.org' }) + '\n');
    const [item] = await f.app.handlers.importEvidence(ctx, { importId: 'reveal-test-1', caseId: f.theCase.id, paths: [log] });
    const page = await f.app.handlers.logRecords(ctx, { caseId: f.theCase.id, evidenceId: item!.id, start: 0, count: 10 });
    assert.match(page.records[0]!.text, /\[EMAIL#1\]/);
    assert.deepEqual(page.records[0]!.pii, ['pii.email']);
    await f.app.handlers.sealCase(ctx, { caseId: f.theCase.id, reason: null });
    await assert.rejects(f.app.handlers.revealRecord(ctx, { caseId: f.theCase.id, evidenceId: item!.id, record: 0, reason: null }), code('CASE_SEALED'));
  } finally {
    f.cleanup();
  }
});
