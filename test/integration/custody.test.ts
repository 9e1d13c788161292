// SPDX-License-Identifier: UNLICENSED
// The custody log end to end: chain, checkpoints, proofs checked by shared/ code, sealing, transfer.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEvidence } from '../../electron/services/ingest/importer.js';
import { addNote, ensureExaminer, sealCase, transferCustody } from '../../electron/services/vault/cases.js';
import { checkpointOrigin, noteKeyName } from '../../shared/custody/names.js';
import { issueCheckpoint } from '../../electron/services/vault/custodyLog.js';
import { exportEvidence, verifyEvidence } from '../../electron/services/vault/evidenceActions.js';
import { proveConsistency, proveInclusion } from '../../electron/services/vault/proofs.js';
import { logEvents } from '../../electron/services/vault/queries/events.js';
import { Keystore } from '../../electron/services/keys/keystore.js';
import { ed25519Verify } from '../../shared/crypto/ed25519.js';
import { verifyConsistency, verifyInclusion } from '../../shared/crypto/merkle.js';
import { parseCheckpoint, verifyNote } from '../../shared/crypto/signedNote.js';
import { GENESIS_PREV } from '../../shared/custody/event.js';
import { parseEvent } from '../../shared/custody/verifyLog.js';
import { fromHex, toHex } from '../../shared/encoding.js';
import { TEST_PASSPHRASE, tempDir, vaultFixture, type VaultFixture } from '../helpers/vaultFixture.js';

describe('custody log', () => {
  let f: VaultFixture;
  beforeEach(async () => {
    f = await vaultFixture();
  });
  afterEach(() => f.cleanup());

  test('events form a hash chain with seq 1, 2, 3… and the required fields', () => {
    addNote(f.vault, f.signer, 'CASE-1', 'a');
    addNote(f.vault, f.signer, 'CASE-1', 'b');
    const rows = logEvents(f.vault.db, f.theCase.id);
    const events = rows.map((r) => parseEvent(new Uint8Array(r.bytes)));
    assert.deepEqual(events.map((e) => [e.seq, e.action]), [[1, 'case.created'], [2, 'note.added'], [3, 'note.added']]);
    assert.equal(events[0]!.prev, GENESIS_PREV);
    assert.equal(events[1]!.prev, rows[0]!.hash);
    assert.equal(events[2]!.prev, rows[1]!.hash);
    for (const e of events) {
      assert.equal(e.type, 'evault.custody.v1');
      assert.equal(e.case, f.theCase.id);
      assert.equal(e.actor, f.signer.fingerprint);
      assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const vaultLog = logEvents(f.vault.db, 'vault').map((r) => parseEvent(new Uint8Array(r.bytes)));
    assert.equal(vaultLog[0]!.action, 'examiner.registered');
    assert.equal(vaultLog[0]!.details.publicKey, toHex(f.signer.publicKey));
  });

  test('a checkpoint is a C2SP signed note over origin, size and root, and proofs verify against it', () => {
    for (let i = 0; i < 6; i++) addNote(f.vault, f.signer, 'CASE-1', `note ${i}`);
    const first = issueCheckpoint(f.vault.db, f.signer, f.vault.id, f.theCase.id);
    assert.equal(first.size, 7);
    assert.ok(verifyNote(first.note, noteKeyName(f.signer.fingerprint), f.signer.publicKey, ed25519Verify));
    const body = parseCheckpoint(first.note.slice(0, first.note.indexOf('\n\n') + 1));
    assert.equal(body.origin, checkpointOrigin(f.vault.id, f.theCase.id));
    assert.equal(toHex(body.root), first.root);

    for (let seq = 1; seq <= 7; seq++) {
      const p = proveInclusion(f.vault, f.theCase.id, seq, first.size);
      assert.equal(p.rootHash, first.root);
      assert.ok(verifyInclusion(p.leafIndex, p.treeSize, fromHex(p.leafHash), p.proof.map(fromHex), body.root), `seq ${seq}`);
    }
    for (let i = 0; i < 5; i++) addNote(f.vault, f.signer, 'CASE-1', `later ${i}`);
    const second = issueCheckpoint(f.vault.db, f.signer, f.vault.id, f.theCase.id);
    const c = proveConsistency(f.vault, f.theCase.id, first.size, second.size);
    assert.equal(c.oldRoot, first.root);
    assert.equal(c.newRoot, second.root);
    assert.ok(verifyConsistency(first.size, second.size, fromHex(first.root), fromHex(second.root), c.proof.map(fromHex)));
    assert.equal(verifyConsistency(first.size, second.size, fromHex(second.root), fromHex(second.root), c.proof.map(fromHex)), false);
  });

  test('proof requests outside the log are clear BAD_INPUT errors', () => {
    assert.throws(() => proveInclusion(f.vault, f.theCase.id, 99), (e: Error & { code?: string }) => e.code === 'BAD_INPUT');
    assert.throws(() => proveConsistency(f.vault, f.theCase.id, 5, 2), (e: Error & { code?: string }) => e.code === 'BAD_INPUT');
  });

  test('a sealed case refuses changes but still allows verification and export', async () => {
    const src = join(f.root, 'e.txt');
    writeFileSync(src, 'evidence');
    const [item] = await importEvidence(f.vault, f.signer, 'CASE-1', [src]);
    sealCase(f.vault, f.signer, 'CASE-1', 'investigation closed');
    assert.throws(() => addNote(f.vault, f.signer, 'CASE-1', 'late'), (e: Error & { code?: string }) => e.code === 'CASE_SEALED');
    await assert.rejects(importEvidence(f.vault, f.signer, 'CASE-1', [src]), (e: Error & { code?: string }) => e.code === 'CASE_SEALED');
    const [v] = await verifyEvidence(f.vault, f.signer, 'CASE-1');
    assert.equal(v!.outcome, 'match');
    const out = join(f.root, 'exported.txt');
    const exported = await exportEvidence(f.vault, f.signer, 'CASE-1', item!.id, out);
    assert.equal(readFileSync(out, 'utf8'), 'evidence');
    await assert.rejects(exportEvidence(f.vault, f.signer, 'CASE-1', item!.id, out), (e: Error & { code?: string }) => e.code === 'ALREADY_EXISTS');
    const actions = logEvents(f.vault.db, f.theCase.id).map((r) => r.action);
    assert.deepEqual(actions.slice(-3), ['case.sealed', 'evidence.verified', 'evidence.exported']);
    assert.equal(exported.seq, actions.length);
  });

  test('custody transfers to a registered examiner and names both parties', async () => {
    const ks = new Keystore(tempDir('evault-keys2-'));
    const info = await ks.create({ name: 'Second Examiner', passphrase: TEST_PASSPHRASE });
    const other = await ks.unlock(info.fingerprint, TEST_PASSPHRASE);
    assert.throws(() => transferCustody(f.vault, f.signer, 'CASE-1', other.fingerprint, null), (e: Error & { code?: string }) => e.code === 'NOT_FOUND');
    assert.equal(ensureExaminer(f.vault, other), true);
    assert.equal(ensureExaminer(f.vault, other), false, 'registration happens once');
    const { event } = transferCustody(f.vault, f.signer, 'CASE-1', other.fingerprint, 'shift change');
    assert.deepEqual(event.details, { from: f.signer.fingerprint, to: other.fingerprint, toName: 'Second Examiner', reason: 'shift change' });
    addNote(f.vault, other, 'CASE-1', 'received');
    assert.equal(parseEvent(new Uint8Array(logEvents(f.vault.db, f.theCase.id).at(-1)!.bytes)).actor, other.fingerprint);
  });

  test('a tampered evidence copy is recorded as a mismatch by verify-evidence', async () => {
    const src = join(f.root, 'in-place.txt');
    writeFileSync(src, 'original');
    await importEvidence(f.vault, f.signer, 'CASE-1', [src], { inPlace: true });
    writeFileSync(src, 'altered!');
    const [v] = await verifyEvidence(f.vault, f.signer, 'CASE-1');
    assert.equal(v!.outcome, 'mismatch');
    const last = parseEvent(new Uint8Array(logEvents(f.vault.db, f.theCase.id).at(-1)!.bytes));
    assert.equal(last.action, 'evidence.verified');
    assert.equal(last.details.outcome, 'mismatch');
  });
});
