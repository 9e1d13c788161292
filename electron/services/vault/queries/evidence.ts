// SPDX-License-Identifier: UNLICENSED
import type { Db } from '../db.js';

export interface EvidenceRow {
  id: string;
  case_id: string;
  name: string;
  kind: string;
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  stored: 0 | 1;
  source_path: string;
  acquired_at: string;
  acquired_by: string;
  event_seq: number;
}

export function insertEvidence(db: Db, row: EvidenceRow): void {
  db.prepare(
    `INSERT INTO evidence (id, case_id, name, kind, size, sha256, md5, sha1, stored, source_path, acquired_at, acquired_by, event_seq)
     VALUES (@id, @case_id, @name, @kind, @size, @sha256, @md5, @sha1, @stored, @source_path, @acquired_at, @acquired_by, @event_seq)`,
  ).run(row);
}

export function evidenceBySha256(db: Db, caseId: string, sha256: string): EvidenceRow | undefined {
  return db.prepare('SELECT * FROM evidence WHERE case_id = ? AND sha256 = ?').get(caseId, sha256) as EvidenceRow | undefined;
}

export function caseEvidence(db: Db, caseId: string): EvidenceRow[] {
  return db.prepare('SELECT * FROM evidence WHERE case_id = ? ORDER BY event_seq').all(caseId) as EvidenceRow[];
}

export function allEvidence(db: Db): EvidenceRow[] {
  return db.prepare('SELECT * FROM evidence ORDER BY case_id, event_seq').all() as EvidenceRow[];
}

/** Finds evidence of a case by id, id prefix (≥ 8 characters) or exact name. */
export function findEvidence(db: Db, caseId: string, ref: string): EvidenceRow[] {
  return db
    .prepare(
      `SELECT * FROM evidence WHERE case_id = ? AND (id = ? OR name = ? OR (length(?) >= 8 AND id LIKE ? || '%'))`,
    )
    .all(caseId, ref, ref, ref, ref) as EvidenceRow[];
}

export function storedObjectsReferenced(db: Db): Set<string> {
  return new Set((db.prepare('SELECT DISTINCT sha256 FROM evidence WHERE stored = 1').all() as { sha256: string }[]).map((r) => r.sha256));
}

/** Finds evidence in any case by id or id prefix (≥ 8 characters). */
export function findEvidenceAnyCase(db: Db, ref: string): EvidenceRow[] {
  return db.prepare(`SELECT * FROM evidence WHERE id = ? OR (length(?) >= 8 AND id LIKE ? || '%')`).all(ref, ref, ref) as EvidenceRow[];
}
