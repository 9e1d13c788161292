// SPDX-License-Identifier: UNLICENSED
// Schema version 1: vault identity, examiners, cases, evidence, custody events, checkpoints.
// Shipped migrations are never edited; later changes add a new numbered file.
import type { Database } from 'better-sqlite3';

const APPEND_ONLY_TABLES = ['vault_info', 'examiners', 'cases', 'evidence', 'events', 'checkpoints'];

export default function updateToSchemaVersion1(db: Database): void {
  db.exec(`
    CREATE TABLE vault_info (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE examiners (
      fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64),
      public_key BLOB NOT NULL CHECK (length(public_key) = 32),
      name TEXT NOT NULL,
      role TEXT,
      registered_seq INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE cases (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      description TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES examiners(fingerprint)
    ) STRICT;

    CREATE TABLE evidence (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases(id),
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      size INTEGER NOT NULL CHECK (size >= 0),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      md5 TEXT,
      sha1 TEXT,
      stored INTEGER NOT NULL CHECK (stored IN (0, 1)),
      source_path TEXT NOT NULL,
      acquired_at TEXT NOT NULL,
      acquired_by TEXT NOT NULL REFERENCES examiners(fingerprint),
      event_seq INTEGER NOT NULL,
      UNIQUE (case_id, sha256)
    ) STRICT;

    CREATE TABLE events (
      log TEXT NOT NULL,
      seq INTEGER NOT NULL CHECK (seq >= 1),
      case_id TEXT REFERENCES cases(id),
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      evidence_id TEXT,
      at TEXT NOT NULL,
      bytes BLOB NOT NULL,
      hash TEXT NOT NULL,
      signature BLOB NOT NULL,
      PRIMARY KEY (log, seq)
    ) STRICT;
    CREATE INDEX events_by_evidence ON events (evidence_id) WHERE evidence_id IS NOT NULL;

    CREATE TABLE checkpoints (
      id INTEGER PRIMARY KEY,
      log TEXT NOT NULL,
      size INTEGER NOT NULL CHECK (size >= 0),
      root TEXT NOT NULL,
      note TEXT NOT NULL,
      signer TEXT NOT NULL REFERENCES examiners(fingerprint),
      issued_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX checkpoints_by_log ON checkpoints (log, size);
  `);
  // Nothing in a vault is updated or deleted: corrections are new custody events.
  for (const table of APPEND_ONLY_TABLES) {
    db.exec(`
      CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'append-only: ${table} rows cannot be updated'); END;
      CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'append-only: ${table} rows cannot be deleted'); END;
    `);
  }
}
