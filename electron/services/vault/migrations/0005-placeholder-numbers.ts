// SPDX-License-Identifier: UNLICENSED
// Schema version 5: pii_placeholders without its UNIQUE (case_id, type, number) index, and with
// value hashes as 16 bytes instead of 64 hex digits. Numbers are handed out by one counter per case
// and type inside the importing transaction (SQLite lets one writer in at a time), so the index only
// re-checked that, at the price of a second B-tree insert for every new PII value — about 40 % of
// numbering one; its check moves to verify-vault, which reports any number given twice. The shorter
// key (the first 128 bits of the same salted SHA-256) makes a case's table about half the size, so
// more of it stays in SQLite's cache during a large import (docs/BENCHMARKS.md, "Log import"). The
// table is rebuilt (SQLite cannot drop a table constraint) with its rows and append-only triggers.
import type { Database } from 'better-sqlite3';

export default function updateToSchemaVersion5(db: Database): void {
  db.exec(`
    CREATE TABLE pii_placeholders_v5 (
      case_id TEXT NOT NULL REFERENCES cases(id),
      type TEXT NOT NULL,
      value_hash BLOB NOT NULL CHECK (length(value_hash) = 16),
      number INTEGER NOT NULL,
      PRIMARY KEY (case_id, type, value_hash)
    ) WITHOUT ROWID, STRICT;
    INSERT INTO pii_placeholders_v5 (case_id, type, value_hash, number) SELECT case_id, type, unhex(substr(value_hash, 1, 32)), number FROM pii_placeholders;
    DROP TABLE pii_placeholders;
    ALTER TABLE pii_placeholders_v5 RENAME TO pii_placeholders;
    CREATE TRIGGER pii_placeholders_no_update BEFORE UPDATE ON pii_placeholders
      BEGIN SELECT RAISE(ABORT, 'append-only: pii_placeholders rows cannot be updated'); END;
    CREATE TRIGGER pii_placeholders_no_delete BEFORE DELETE ON pii_placeholders
      BEGIN SELECT RAISE(ABORT, 'append-only: pii_placeholders rows cannot be deleted'); END;
  `);
}
