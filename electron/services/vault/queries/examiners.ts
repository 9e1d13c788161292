// SPDX-License-Identifier: UNLICENSED
import type { Db } from '../db.js';

export interface ExaminerRow {
  fingerprint: string;
  public_key: Buffer;
  name: string;
  role: string | null;
  /** Null for examiners registered without one (and for those registered before schema version 4). */
  organisation: string | null;
  registered_seq: number;
}

export function insertExaminer(db: Db, row: ExaminerRow): void {
  db.prepare(
    `INSERT INTO examiners (fingerprint, public_key, name, role, organisation, registered_seq)
     VALUES (@fingerprint, @public_key, @name, @role, @organisation, @registered_seq)`,
  ).run(row);
}

export function getExaminer(db: Db, fingerprint: string): ExaminerRow | undefined {
  return db.prepare('SELECT * FROM examiners WHERE fingerprint = ?').get(fingerprint) as ExaminerRow | undefined;
}

export function listExaminers(db: Db): ExaminerRow[] {
  return db.prepare('SELECT * FROM examiners ORDER BY registered_seq').all() as ExaminerRow[];
}
