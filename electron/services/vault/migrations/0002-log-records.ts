// SPDX-License-Identifier: UNLICENSED
// Schema version 2: log evidence — one row per record (offset, length, leaf hash, common fields,
// its PII matches), a contentless FTS5 index of record text, per-log metadata and rule findings.
// Changed before any release (no vault in use has it): PII matches moved from a table of one row
// per match into the record's row, and the FTS5 index buffers more terms per flush — together they
// halve the database work of a log import (docs/BENCHMARKS.md, "Log import (issue 9)"); an
// (evidence_id, ts) index that no query needed was dropped.
import type { Database } from 'better-sqlite3';

const APPEND_ONLY_TABLES = ['log_meta', 'log_records', 'case_pii_salt', 'pii_placeholders', 'findings'];

export default function updateToSchemaVersion2(db: Database): void {
  db.exec(`
    CREATE TABLE log_meta (
      evidence_id TEXT PRIMARY KEY REFERENCES evidence(id) DEFERRABLE INITIALLY DEFERRED,
      format TEXT NOT NULL,
      gzip INTEGER NOT NULL CHECK (gzip IN (0, 1)),
      columns TEXT,
      records INTEGER NOT NULL,
      malformed INTEGER NOT NULL,
      records_root TEXT NOT NULL,
      first_ts TEXT,
      last_ts TEXT,
      assumed_year INTEGER
    ) STRICT;

    -- The rowid is also the FTS rowid of the record's text.
    CREATE TABLE log_records (
      id INTEGER PRIMARY KEY,
      evidence_id TEXT NOT NULL REFERENCES evidence(id) DEFERRABLE INITIALLY DEFERRED,
      idx INTEGER NOT NULL,
      offset INTEGER NOT NULL,
      length INTEGER NOT NULL,
      line INTEGER NOT NULL,
      leaf BLOB NOT NULL CHECK (length(leaf) = 32),
      malformed TEXT,
      schema TEXT,
      ts TEXT,
      tenant TEXT,
      user TEXT,
      session TEXT,
      request_id TEXT,
      model TEXT,
      action TEXT,
      status TEXT,
      source_ip TEXT,
      -- Where PII is in the record, as a JSON array of [field, type, start, end, subtype] (field a
      -- JSON Pointer, start/end a UTF-16 span); NULL when there is none. Read through pii_matches.
      pii TEXT,
      UNIQUE (evidence_id, idx)
    ) STRICT;
    CREATE INDEX log_records_session ON log_records (session) WHERE session IS NOT NULL;
    CREATE INDEX log_records_user ON log_records (user) WHERE user IS NOT NULL;
    CREATE INDEX log_records_tenant ON log_records (tenant) WHERE tenant IS NOT NULL;
    CREATE INDEX log_records_request ON log_records (request_id) WHERE request_id IS NOT NULL;
    -- No index on ts: every query by time also names a case or an evidence item, found through
    -- (evidence_id, idx) or an id index; an (evidence_id, ts) index only served the timeline, which
    -- reads all of a case's rows anyway, and cost a fifth of a record's B-tree writes.

    -- Contentless: the text lives in the stored file; the index only finds rowids.
    CREATE VIRTUAL TABLE log_text USING fts5(body, content='', tokenize = 'unicode61 remove_diacritics 2');

    -- FTS5 flushes its in-memory term lists to a new segment every 'hashsize' bytes (1 MiB by
    -- default); 8 MiB means fewer, larger segments and less merging during a big import.
    INSERT INTO log_text (log_text, rank) VALUES ('hashsize', 8388608);

    -- Where PII is in a record, one row per match; the value itself stays in the record bytes,
    -- never copied out. n is the match's place in its record, in the order found (fields in
    -- document order, then by start).
    CREATE VIEW pii_matches (evidence_id, idx, n, field, type, start, end, subtype) AS
      SELECT r.evidence_id, r.idx, CAST(j.key AS INTEGER), j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4
      FROM log_records r, json_each(r.pii) j WHERE r.pii IS NOT NULL;

    -- Typed placeholders for redaction ("[EMAIL#3]"), numbered per case and type in the order values
    -- were first seen, so the same value always gets the same placeholder. Keyed by a hash of the value;
    -- WITHOUT ROWID, so numbering a value writes two B-trees, not three.
    -- A random salt per case for the value hashes above, so a hash of an SSN cannot be reversed by
    -- trying every value, and two cases cannot be linked through their hashes.
    CREATE TABLE case_pii_salt (
      case_id TEXT PRIMARY KEY REFERENCES cases(id),
      salt TEXT NOT NULL
    ) STRICT;

    CREATE TABLE pii_placeholders (
      case_id TEXT NOT NULL REFERENCES cases(id),
      type TEXT NOT NULL,
      value_hash TEXT NOT NULL,
      number INTEGER NOT NULL,
      PRIMARY KEY (case_id, type, value_hash),
      UNIQUE (case_id, type, number)
    ) WITHOUT ROWID, STRICT;

    CREATE TABLE findings (
      id INTEGER PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases(id),
      evidence_id TEXT NOT NULL REFERENCES evidence(id) DEFERRABLE INITIALLY DEFERRED,
      type TEXT NOT NULL,
      rule TEXT NOT NULL,
      atlas TEXT,
      severity TEXT NOT NULL,
      records TEXT NOT NULL,
      field TEXT,
      start INTEGER,
      end INTEGER,
      explanation TEXT NOT NULL,
      score REAL,
      event_seq INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX findings_by_case ON findings (case_id, type);
  `);
  for (const table of APPEND_ONLY_TABLES) {
    db.exec(`
      CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'append-only: ${table} rows cannot be updated'); END;
      CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'append-only: ${table} rows cannot be deleted'); END;
    `);
  }
}
