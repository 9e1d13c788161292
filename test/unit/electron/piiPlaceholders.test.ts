// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { migrate } from '../../../electron/services/vault/db.js';
import { MIGRATIONS } from '../../../electron/services/vault/migrations/index.js';
import { PlaceholderNumbering, piiValueHash } from '../../../electron/services/vault/queries/piiPlaceholders.js';
import { verifyPlaceholderNumbers } from '../../../electron/services/vault/verifyLogs.js';
import type { VerifyIssue } from '../../../shared/custody/verifyLog.js';

function issues(db: Database.Database): VerifyIssue[] {
  const found: VerifyIssue[] = [];
  verifyPlaceholderNumbers(db, found);
  return found;
}

/** A value hash (32 hex digits) standing for a short name, and back. */
const names = new Map<string, string>();
function h(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32);
  names.set(hex, name);
  return hex;
}

function numbers(db: Database.Database, caseId: string): Record<string, number> {
  const rows = db.prepare('SELECT type, value_hash, number FROM pii_placeholders WHERE case_id = ?').all(caseId) as { type: string; value_hash: Buffer; number: number }[];
  return Object.fromEntries(rows.map((r) => [`${r.type}:${names.get(r.value_hash.toString('hex')) ?? r.value_hash.toString('hex')}`, r.number]));
}

test('PlaceholderNumbering numbers new values per type in first-seen order, after what the case already has; known values keep theirs', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  // Cases and evidence are not needed for numbering; foreign keys would ask for them.
  db.pragma('foreign_keys = OFF');
  const first = new PlaceholderNumbering(db, 'c1');
  for (const [t, v] of [['pii.email', 'e1'], ['pii.ip', 'i1'], ['pii.email', 'e2'], ['pii.email', 'e1'], ['pii.ip', 'i2']]) first.assign(t!, h(v!));
  assert.deepEqual(numbers(db, 'c1'), { 'pii.email:e1': 1, 'pii.email:e2': 2, 'pii.ip:i1': 1, 'pii.ip:i2': 2 });

  // A second import in the same case: known values keep their numbers, new ones continue the count.
  const second = new PlaceholderNumbering(db, 'c1');
  for (const [t, v] of [['pii.email', 'e3'], ['pii.email', 'e2'], ['pii.ip', 'i3'], ['pii.email', 'e4'], ['pii.ip', 'i1']]) second.assign(t!, h(v!));
  assert.deepEqual(numbers(db, 'c1'), { 'pii.email:e1': 1, 'pii.email:e2': 2, 'pii.email:e3': 3, 'pii.email:e4': 4, 'pii.ip:i1': 1, 'pii.ip:i2': 2, 'pii.ip:i3': 3 });

  // Another case numbers from 1 on its own.
  const other = new PlaceholderNumbering(db, 'c2');
  other.assign('pii.email', h('e9'));
  other.assign('pii.email', h('e1'));
  assert.deepEqual(numbers(db, 'c2'), { 'pii.email:e9': 1, 'pii.email:e1': 2 });
  // Numbers come from the counter read in the importing transaction. Rows slipped in behind its
  // back (impossible while it holds the write lock) would clash; verify-vault reports that.
  assert.deepEqual(issues(db), []);
  db.prepare("INSERT INTO pii_placeholders VALUES ('c3', 'pii.ip', ?, 1)").run(Buffer.from(h('x'), 'hex'));
  const clash = new PlaceholderNumbering(db, 'c3');
  db.prepare("INSERT INTO pii_placeholders VALUES ('c3', 'pii.ip', ?, 2)").run(Buffer.from(h('y'), 'hex'));
  clash.assign('pii.ip', h('z'));
  assert.deepEqual(issues(db).map((i) => [i.code, i.log, i.found]), [['PLACEHOLDER_CLASH', 'c3', '2 values']]);
});

test('a value hash is stored as 16 bytes; anything else is refused before it reaches the table', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  db.pragma('foreign_keys = OFF');
  const numbering = new PlaceholderNumbering(db, 'c');
  const salted = piiValueHash('salt', 'pii.email', 'Ana@Example.org');
  assert.match(salted, /^[0-9a-f]{32}$/);
  numbering.assign('pii.email', salted);
  assert.deepEqual(db.prepare('SELECT length(value_hash) AS n, hex(value_hash) AS x FROM pii_placeholders').get(), { n: 16, x: salted.toUpperCase() });
  for (const bad of ['e1', salted + '00', 'zz'.repeat(16)]) assert.throws(() => numbering.assign('pii.email', bad), /32 hex digits/, bad);
  assert.throws(() => db.prepare("INSERT INTO pii_placeholders VALUES ('c', 'pii.ip', x'00', 1)").run(), /CHECK constraint failed/);
});
