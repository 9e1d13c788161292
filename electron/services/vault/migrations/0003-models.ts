// SPDX-License-Identifier: UNLICENSED
// Schema version 3: model evidence — the inspection (format view, pickle verdict) and one row per
// tensor with its digest, bound by the weights root in the signed evidence.acquired event.
import type { Database } from 'better-sqlite3';

const APPEND_ONLY_TABLES = ['model_meta', 'model_tensors'];

export default function updateToSchemaVersion3(db: Database): void {
  db.exec(`
    CREATE TABLE model_meta (
      evidence_id TEXT PRIMARY KEY REFERENCES evidence(id) DEFERRABLE INITIALLY DEFERRED,
      format TEXT NOT NULL,
      verdict TEXT,
      weights_root TEXT,
      metadata_sha256 TEXT,
      inspection TEXT NOT NULL
    ) STRICT;

    CREATE TABLE model_tensors (
      evidence_id TEXT NOT NULL REFERENCES evidence(id) DEFERRABLE INITIALLY DEFERRED,
      ordinal INTEGER NOT NULL,
      name TEXT NOT NULL,
      dtype TEXT NOT NULL,
      shape TEXT NOT NULL,
      offset INTEGER NOT NULL,
      length INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      PRIMARY KEY (evidence_id, ordinal)
    ) STRICT;
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
