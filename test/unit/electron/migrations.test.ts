// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../electron/services/vault/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/services/vault/migrations/index.js';

function freshDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

test('migrations are numbered 1..n and bring a new database to the current schema version', () => {
  MIGRATIONS.forEach((m, i) => assert.equal(m.version, i + 1));
  const db = freshDb();
  migrate(db, MIGRATIONS);
  assert.equal(schemaVersion(db), SCHEMA_VERSION);
  const strict = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT'").all() as { name: string }[];
  assert.deepEqual(strict.map((r) => r.name).sort(), ['case_pii_salt', 'cases', 'checkpoints', 'events', 'evidence', 'examiners', 'findings', 'log_meta', 'log_records', 'model_meta', 'model_tensors', 'pii_placeholders', 'vault_info']);
});

test('every ordinary table has both append-only triggers', () => {
  const db = freshDb();
  migrate(db, MIGRATIONS);
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT'").all() as { name: string }[]).map((r) => r.name);
  const triggers = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string }[]).map((r) => r.name));
  for (const t of tables) {
    assert.ok(triggers.has(`${t}_no_update`) && triggers.has(`${t}_no_delete`), t);
  }
});

test('a database from a newer schema is refused with DB_FROM_FUTURE', () => {
  const db = freshDb();
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  assert.throws(() => migrate(db, MIGRATIONS), (e: Error & { code?: string }) => e.code === 'DB_FROM_FUTURE' && /newer/.test(e.message));
});

test('pending migrations run in one transaction: a failing migration leaves version and schema untouched', () => {
  const db = freshDb();
  const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, update: (d: Database.Database) => d.exec('CREATE TABLE half (x INTEGER) STRICT; SELECT no_such_function();') }];
  assert.throws(() => migrate(db, broken));
  assert.equal(schemaVersion(db), 0);
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  assert.equal(tables.n, 0);
});

test('append-only triggers reject UPDATE and DELETE on every table', () => {
  const db = freshDb();
  migrate(db, MIGRATIONS);
  const fp = 'a'.repeat(64);
  db.prepare("INSERT INTO vault_info VALUES ('v', 't')").run();
  db.prepare('INSERT INTO examiners (fingerprint, public_key, name, role, registered_seq) VALUES (?, zeroblob(32), ?, NULL, 1)').run(fp, 'E');
  db.prepare("INSERT INTO cases VALUES ('c', 'N-1', 'T', NULL, 't', ?)").run(fp);
  db.prepare("INSERT INTO evidence VALUES ('e', 'c', 'n', 'file', 1, ?, NULL, NULL, 1, '/x', 't', ?, 2)").run('b'.repeat(64), fp);
  db.prepare("INSERT INTO events VALUES ('c', 1, 'c', 'x', ?, NULL, 't', x'00', 'h', x'00')").run(fp);
  db.prepare("INSERT INTO checkpoints (log, size, root, note, signer, issued_at) VALUES ('c', 1, 'r', 'n', ?, 't')").run(fp);
  for (const table of ['vault_info', 'examiners', 'cases', 'evidence', 'events', 'checkpoints']) {
    assert.throws(() => db.prepare(`UPDATE ${table} SET rowid = rowid`).run(), /append-only/, table);
    assert.throws(() => db.prepare(`DELETE FROM ${table}`).run(), /append-only/, table);
    assert.equal((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, 1, table);
  }
});

test('the query plans use the intended indexes', () => {
  const db = freshDb();
  migrate(db, MIGRATIONS);
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
  assert.match(plan("SELECT seq, hash FROM events WHERE log = 'x' ORDER BY seq DESC LIMIT 1"), /USING (INDEX|PRIMARY KEY) sqlite_autoindex_events_1/);
  assert.match(plan("SELECT * FROM evidence WHERE case_id = 'c' AND sha256 = 'h'"), /sqlite_autoindex_evidence_2/);
  assert.match(plan("SELECT * FROM checkpoints WHERE log = 'x' ORDER BY id"), /checkpoints_by_log|INTEGER PRIMARY KEY/);
  assert.match(plan("SELECT * FROM events WHERE evidence_id = 'e'"), /events_by_evidence/);
  // Log evidence: a record's PII matches come from its own row, found by (evidence_id, idx).
  assert.match(plan("SELECT * FROM pii_matches WHERE evidence_id = 'e' AND idx = 3"), /SEARCH r USING INDEX sqlite_autoindex_log_records_1 \(evidence_id=\? AND idx=\?\)/);
  assert.match(plan("SELECT * FROM log_records WHERE session = 's' ORDER BY id"), /log_records_session/);
  assert.match(plan("SELECT * FROM log_records WHERE request_id = 'q'"), /log_records_request/);
  // Time ranges and the timeline need no ts index: they reach a case's rows by evidence or id.
  assert.match(plan("SELECT * FROM log_records r JOIN evidence e ON e.id = r.evidence_id WHERE e.case_id = 'c' AND r.ts >= 'a' AND r.ts IS NOT NULL"), /SEARCH r USING INDEX sqlite_autoindex_log_records_1 \(evidence_id=\?\)/);
  assert.match(plan("SELECT * FROM log_records r JOIN evidence e ON e.id = r.evidence_id WHERE r.user = 'u' AND e.case_id = 'c' AND r.ts >= 'a'"), /SEARCH r USING INDEX log_records_user/);
  assert.match(plan("SELECT number FROM pii_placeholders WHERE case_id = 'c' AND type = 't' AND value_hash = x'00'"), /SEARCH pii_placeholders USING PRIMARY KEY/);
});

test('pii_matches reads the matches packed in each log record, one row per match in record order', () => {
  const db = freshDb();
  db.pragma('foreign_keys = OFF');
  migrate(db, MIGRATIONS);
  const insert = db.prepare('INSERT INTO log_records (evidence_id, idx, offset, length, line, leaf, pii) VALUES (?, ?, 0, 1, 1, zeroblob(32), ?)');
  insert.run('e', 0, JSON.stringify([['/prompt', 'pii.email', 3, 20, null], ['/response', 'pii.secret', 0, 51, 'openai']]));
  insert.run('e', 1, null);
  insert.run('e', 2, JSON.stringify([['/a~1b', 'pii.ip', 7, 14, null]]));
  assert.deepEqual(db.prepare('SELECT * FROM pii_matches ORDER BY idx, n').all(), [
    { evidence_id: 'e', idx: 0, n: 0, field: '/prompt', type: 'pii.email', start: 3, end: 20, subtype: null },
    { evidence_id: 'e', idx: 0, n: 1, field: '/response', type: 'pii.secret', start: 0, end: 51, subtype: 'openai' },
    { evidence_id: 'e', idx: 2, n: 0, field: '/a~1b', type: 'pii.ip', start: 7, end: 14, subtype: null },
  ]);
  assert.throws(() => db.prepare('DELETE FROM pii_matches').run(), /cannot modify pii_matches because it is a view/);
});

test('schema 5 keeps every placeholder of a schema-4 vault, its append-only triggers, and drops only the number index', () => {
  const db = freshDb();
  db.pragma('foreign_keys = OFF');
  migrate(db, MIGRATIONS.slice(0, 4));
  // Schema 4 kept the full SHA-256 in hex; schema 5 keeps its first 16 bytes.
  const h1 = 'ab'.repeat(16) + 'cd'.repeat(16);
  const h2 = '01'.repeat(32);
  const insert = db.prepare('INSERT INTO pii_placeholders (case_id, type, value_hash, number) VALUES (?, ?, ?, ?)');
  insert.run('c', 'pii.email', h1, 1);
  insert.run('c', 'pii.email', h2, 2);
  insert.run('c', 'pii.ip', h1, 1);
  const before = db.prepare('SELECT case_id, type, substr(value_hash, 1, 32) AS h, number FROM pii_placeholders ORDER BY case_id, type, h').all();
  const indexesBefore = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'pii_placeholders'").pluck().get() as number;
  migrate(db, MIGRATIONS);
  assert.equal(schemaVersion(db), 5);
  assert.deepEqual(db.prepare('SELECT case_id, type, lower(hex(value_hash)) AS h, number FROM pii_placeholders ORDER BY case_id, type, h').all(), before);
  assert.deepEqual(db.prepare('SELECT DISTINCT typeof(value_hash) AS t, length(value_hash) AS n FROM pii_placeholders').all(), [{ t: 'blob', n: 16 }]);
  assert.equal(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'pii_placeholders'").pluck().get(), indexesBefore - 1, 'the UNIQUE (case_id, type, number) index is gone');
  assert.throws(() => db.prepare('UPDATE pii_placeholders SET number = 9 WHERE number = 1').run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM pii_placeholders').run(), /append-only/);
  assert.throws(() => insert.run('c', 'pii.email', Buffer.from(h1.slice(0, 32), 'hex'), 7), /UNIQUE constraint failed: pii_placeholders.case_id, pii_placeholders.type, pii_placeholders.value_hash/, 'a value still has one number');
  assert.equal(db.prepare('SELECT count(*) FROM pii_placeholders').pluck().get(), 3);
});
