// SPDX-License-Identifier: UNLICENSED
// Tamper tests: each change to a vault behind its back must be caught by verify-vault, naming the item.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { chmodSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEvidence, type ImportedItem } from '../../electron/services/ingest/importer.js';
import { addNote } from '../../electron/services/vault/cases.js';
import { issueCheckpoint } from '../../electron/services/vault/custodyLog.js';
import { verifyVault, type VaultVerification } from '../../electron/services/vault/verifyVault.js';
import { vaultFixture, type VaultFixture } from '../helpers/vaultFixture.js';

describe('verify-vault catches tampering', () => {
  let f: VaultFixture;
  let items: ImportedItem[];
  let caseId: string;

  beforeEach(async () => {
    f = await vaultFixture();
    caseId = f.theCase.id;
    writeFileSync(join(f.root, 'a.txt'), 'plain text one\nplain text two\n');
    writeFileSync(join(f.root, 'b.bin'), Buffer.from('model bytes'));
    items = await importEvidence(f.vault, f.signer, caseId, [join(f.root, 'a.txt'), join(f.root, 'b.bin')]);
    addNote(f.vault, f.signer, caseId, 'first note'); // seq 4
    issueCheckpoint(f.vault.db, f.signer, f.vault.id, caseId); // covers 1..4, appends seq 5
    addNote(f.vault, f.signer, caseId, 'second note'); // seq 6
    f.vault.close();
  });
  afterEach(() => f.cleanup());

  /** Opens vault.db behind the app's back, with the append-only trigger of `table` dropped. */
  function raw(table: string, change: (db: Database.Database) => void): void {
    const db = new Database(join(f.vault.dir, 'vault.db'));
    db.exec(`DROP TRIGGER ${table}_no_update; DROP TRIGGER ${table}_no_delete;`);
    change(db);
    db.close();
  }
  const codesAt = (r: VaultVerification) => r.issues.map((i) => `${i.code}@${i.seq ?? '-'}`).sort();

  test('an untouched vault verifies clean', async () => {
    const r = await verifyVault(f.vault.dir);
    assert.deepEqual(r.issues, []);
    assert.equal(r.ok, true);
    assert.deepEqual(r.counts, { logs: 2, events: 8, evidence: 2, objects: 2, checkpoints: 1 });
  });

  test('one edited byte of an event: hash and signature fail at that seq, and the checkpoint root no longer matches', async () => {
    raw('events', (db) => {
      const row = db.prepare('SELECT bytes FROM events WHERE log = ? AND seq = 4').get(caseId) as { bytes: Buffer };
      const edited = Buffer.from(row.bytes.toString('utf8').replace('first note', 'forst note'));
      db.prepare('UPDATE events SET bytes = ? WHERE log = ? AND seq = 4').run(edited, caseId);
    });
    const r = await verifyVault(f.vault.dir);
    assert.equal(r.ok, false);
    assert.deepEqual(codesAt(r), ['CHAIN_BROKEN@5', 'EVENT_HASH_MISMATCH@4', 'ROOT_MISMATCH@4', 'SIGNATURE_INVALID@4']);
    assert.ok(r.issues.every((i) => i.log === caseId));
  });

  test('a deleted event row: the gap and the broken link are reported where they are', async () => {
    raw('events', (db) => db.prepare('DELETE FROM events WHERE log = ? AND seq = 3').run(caseId));
    const r = await verifyVault(f.vault.dir);
    const codes = codesAt(r);
    assert.ok(codes.includes('SEQ_GAP@4'), codes.join());
    assert.ok(codes.includes('CHAIN_BROKEN@4'), codes.join());
    assert.ok(codes.includes('ROOT_MISMATCH@4'), codes.join());
    const gap = r.issues.find((i) => i.code === 'SEQ_GAP')!;
    assert.equal(gap.expected, '3');
    assert.equal(gap.found, '4');
  });

  test('a deleted evidence row is caught from its signed acquisition event', async () => {
    raw('evidence', (db) => db.prepare('DELETE FROM evidence WHERE id = ?').run(items[1]!.id));
    const r = await verifyVault(f.vault.dir);
    assert.deepEqual(codesAt(r), ['EVIDENCE_MISSING@3']);
    assert.equal(r.issues[0]!.evidence, items[1]!.id);
  });

  test('an evidence row whose digest was rewritten no longer matches its signed event', async () => {
    raw('evidence', (db) => db.prepare('UPDATE evidence SET sha256 = ? WHERE id = ?').run('0'.repeat(64), items[0]!.id));
    const r = await verifyVault(f.vault.dir);
    assert.ok(codesAt(r).includes('EVIDENCE_MISMATCH@2'), codesAt(r).join());
  });

  test('one flipped byte of a stored object is caught, naming the object and both digests', async () => {
    const object = join(f.vault.dir, 'objects', 'sha256', items[1]!.sha256.slice(0, 2), items[1]!.sha256.slice(2));
    chmodSync(object, 0o644);
    const bytes = readFileSync(object);
    bytes[3] = bytes[3]! ^ 0x01;
    writeFileSync(object, bytes);
    const r = await verifyVault(f.vault.dir);
    assert.deepEqual(codesAt(r), ['OBJECT_HASH_MISMATCH@3']);
    assert.equal(r.issues[0]!.object, object);
    assert.equal(r.issues[0]!.expected, items[1]!.sha256);
    assert.notEqual(r.issues[0]!.found, items[1]!.sha256);
  });

  test('a truncated vault.db is reported as DB_CORRUPT, not a crash', async () => {
    const db = join(f.vault.dir, 'vault.db');
    truncateSync(db, Math.floor(statSync(db).size / 2));
    const r = await verifyVault(f.vault.dir);
    assert.equal(r.ok, false);
    assert.ok(r.issues.some((i) => i.code === 'DB_CORRUPT'), JSON.stringify(r.issues));
  });

  test('two swapped signatures fail at both events', async () => {
    raw('events', (db) => {
      const s2 = (db.prepare('SELECT signature FROM events WHERE log = ? AND seq = 2').get(caseId) as { signature: Buffer }).signature;
      const s3 = (db.prepare('SELECT signature FROM events WHERE log = ? AND seq = 3').get(caseId) as { signature: Buffer }).signature;
      db.prepare('UPDATE events SET signature = ? WHERE log = ? AND seq = 2').run(s3, caseId);
      db.prepare('UPDATE events SET signature = ? WHERE log = ? AND seq = 3').run(s2, caseId);
    });
    const r = await verifyVault(f.vault.dir);
    assert.deepEqual(codesAt(r), ['SIGNATURE_INVALID@2', 'SIGNATURE_INVALID@3']);
  });

  test('a forged checkpoint signature is caught', async () => {
    raw('checkpoints', (db) => {
      const { note } = db.prepare('SELECT note FROM checkpoints').get() as { note: string };
      db.prepare('UPDATE checkpoints SET note = ?').run(note.replace(/\n4\n/, '\n3\n'));
    });
    const r = await verifyVault(f.vault.dir);
    assert.deepEqual(codesAt(r), ['CHECKPOINT_INVALID@4']);
  });

  test('events removed from the end together with the vault\'s checkpoints: only a checkpoint kept outside shows it', async () => {
    const db0 = new Database(join(f.vault.dir, 'vault.db'), { readonly: true });
    const { note } = db0.prepare('SELECT note FROM checkpoints').get() as { note: string };
    db0.close();
    raw('events', (db) => db.prepare('DELETE FROM events WHERE log = ? AND seq >= 3').run(caseId));
    raw('checkpoints', (db) => db.prepare('DELETE FROM checkpoints').run());
    raw('evidence', (db) => db.prepare('DELETE FROM evidence WHERE id = ?').run(items[1]!.id));
    // Inside the vault nothing contradicts the shortened log: a consistent prefix is still consistent.
    assert.deepEqual((await verifyVault(f.vault.dir)).issues, []);
    const r = await verifyVault(f.vault.dir, { externalCheckpoints: [{ note, source: 'report-2026-001.checkpoint' }] });
    assert.deepEqual(codesAt(r), ['ROOT_MISMATCH@4']);
    assert.match(r.issues[0]!.message, /covers 4 events but the log now has 2: events were removed/);
  });

  test('an external checkpoint from another vault or with a bad signature is rejected', async () => {
    const db0 = new Database(join(f.vault.dir, 'vault.db'), { readonly: true });
    const { note } = db0.prepare('SELECT note FROM checkpoints').get() as { note: string };
    db0.close();
    const otherVault = note.replace(/^evidence-vault\/[0-9a-f-]+\//, 'evidence-vault/00000000-0000-0000-0000-000000000000/');
    const forged = note.replace(/\n4\n/, '\n3\n');
    const r = await verifyVault(f.vault.dir, { externalCheckpoints: [{ note: otherVault, source: 'a' }, { note: forged, source: 'b' }, { note: 'garbage', source: 'c' }] });
    assert.deepEqual(r.issues.map((i) => `${i.code}:${i.object ?? ''}`).sort(), ['CHECKPOINT_INVALID:a', 'CHECKPOINT_INVALID:b', 'CHECKPOINT_INVALID:c']);
    assert.equal((await verifyVault(f.vault.dir, { externalCheckpoints: [{ note, source: 'ok' }] })).ok, true);
  });
});
