// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate } from '../../../electron/services/vault/db.js';
import { MIGRATIONS } from '../../../electron/services/vault/migrations/index.js';
import { PlaceholderNumbering } from '../../../electron/services/vault/queries/piiPlaceholders.js';
import { verifyPlaceholderNumbers } from '../../../electron/services/vault/verifyLogs.js';
import type { VerifyIssue } from '../../../shared/custody/verifyLog.js';

function issues(db: Database.Database): VerifyIssue[] {
  const found: VerifyIssue[] = [];
  verifyPlaceholderNumbers(db, found);
  return found;
}

function numbers(db: Database.Database, caseId: string): Record<string, number> {
  const rows = db.prepare('SELECT type, value_hash, number FROM pii_placeholders WHERE case_id = ?').all(caseId) as { type: string; value_hash: string; number: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.type}:${r.value_hash}`, r.number]));
}

test('PlaceholderNumbering numbers new values per type in first-seen order, after what the case already has; known values keep theirs', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  // Cases and evidence are not needed for numbering; foreign keys would ask for them.
  db.pragma('foreign_keys = OFF');
  const first = new PlaceholderNumbering(db, 'c1');
  for (const [t, h] of [['pii.email', 'e1'], ['pii.ip', 'i1'], ['pii.email', 'e2'], ['pii.email', 'e1'], ['pii.ip', 'i2']]) first.assign(t!, h!);
  assert.deepEqual(numbers(db, 'c1'), { 'pii.email:e1': 1, 'pii.email:e2': 2, 'pii.ip:i1': 1, 'pii.ip:i2': 2 });

  // A second import in the same case: known values keep their numbers, new ones continue the count.
  const second = new PlaceholderNumbering(db, 'c1');
  for (const [t, h] of [['pii.email', 'e3'], ['pii.email', 'e2'], ['pii.ip', 'i3'], ['pii.email', 'e4'], ['pii.ip', 'i1']]) second.assign(t!, h!);
  assert.deepEqual(numbers(db, 'c1'), { 'pii.email:e1': 1, 'pii.email:e2': 2, 'pii.email:e3': 3, 'pii.email:e4': 4, 'pii.ip:i1': 1, 'pii.ip:i2': 2, 'pii.ip:i3': 3 });

  // Another case numbers from 1 on its own.
  const other = new PlaceholderNumbering(db, 'c2');
  other.assign('pii.email', 'e9');
  other.assign('pii.email', 'e1');
  assert.deepEqual(numbers(db, 'c2'), { 'pii.email:e9': 1, 'pii.email:e1': 2 });
  // Numbers come from the counter read in the importing transaction. Rows slipped in behind its
  // back (impossible while it holds the write lock) would clash; verify-vault reports that.
  assert.deepEqual(issues(db), []);
  db.prepare("INSERT INTO pii_placeholders VALUES ('c3', 'pii.ip', 'x', 1)").run();
  const clash = new PlaceholderNumbering(db, 'c3');
  db.prepare("INSERT INTO pii_placeholders VALUES ('c3', 'pii.ip', 'y', 2)").run();
  clash.assign('pii.ip', 'z');
  assert.deepEqual(issues(db).map((i) => [i.code, i.log, i.found]), [['PLACEHOLDER_CLASH', 'c3', '2 values']]);
});
