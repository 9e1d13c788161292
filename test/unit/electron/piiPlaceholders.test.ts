// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../electron/services/vault/db.js';
import { MIGRATIONS } from '../../../electron/services/vault/migrations/index.js';
import { PlaceholderQueue } from '../../../electron/services/vault/queries/piiPlaceholders.js';

function numbers(db: Database.Database, caseId: string): Record<string, number> {
  const rows = db.prepare('SELECT type, value_hash, number FROM pii_placeholders WHERE case_id = ?').all(caseId) as { type: string; value_hash: string; number: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.type}:${r.value_hash}`, r.number]));
}

test('PlaceholderQueue numbers new values per type in first-seen order, after what the case already has', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  // Cases and evidence are not needed for numbering; foreign keys would ask for them.
  db.pragma('foreign_keys = OFF');
  const first = new PlaceholderQueue(db, 'c1');
  for (const [t, h] of [['pii.email', 'e1'], ['pii.ip', 'i1'], ['pii.email', 'e2'], ['pii.email', 'e1'], ['pii.ip', 'i2']]) first.queue(t!, h!);
  assert.equal(first.flush(), 4);
  assert.deepEqual(numbers(db, 'c1'), { 'pii.email:e1': 1, 'pii.email:e2': 2, 'pii.ip:i1': 1, 'pii.ip:i2': 2 });

  // A second import in the same case: known values keep their numbers, new ones continue the count.
  const second = new PlaceholderQueue(db, 'c1');
  for (const [t, h] of [['pii.email', 'e3'], ['pii.email', 'e2'], ['pii.ip', 'i3'], ['pii.email', 'e4'], ['pii.ip', 'i1']]) second.queue(t!, h!);
  assert.equal(second.flush(), 3);
  assert.deepEqual(numbers(db, 'c1'), { 'pii.email:e1': 1, 'pii.email:e2': 2, 'pii.email:e3': 3, 'pii.email:e4': 4, 'pii.ip:i1': 1, 'pii.ip:i2': 2, 'pii.ip:i3': 3 });

  // Another case numbers from 1 on its own.
  const other = new PlaceholderQueue(db, 'c2');
  other.queue('pii.email', 'e9');
  other.queue('pii.email', 'e1');
  assert.equal(other.flush(), 2);
  assert.deepEqual(numbers(db, 'c2'), { 'pii.email:e9': 1, 'pii.email:e1': 2 });
  // Nothing queued: nothing numbered.
  assert.equal(new PlaceholderQueue(db, 'c1').flush(), 0);
});
