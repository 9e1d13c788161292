// SPDX-License-Identifier: UNLICENSED
import type { Db } from '../db.js';

export interface CaseRow {
  id: string;
  number: string;
  title: string;
  description: string | null;
  created_at: string;
  created_by: string;
}

export function insertCase(db: Db, row: CaseRow): void {
  db.prepare(
    `INSERT INTO cases (id, number, title, description, created_at, created_by)
     VALUES (@id, @number, @title, @description, @created_at, @created_by)`,
  ).run(row);
}

/** Finds a case by id or by case number. */
export function findCase(db: Db, idOrNumber: string): CaseRow | undefined {
  return db.prepare('SELECT * FROM cases WHERE id = ? OR number = ? LIMIT 1').get(idOrNumber, idOrNumber) as
    | CaseRow
    | undefined;
}

export function listCases(db: Db): CaseRow[] {
  return db.prepare('SELECT * FROM cases ORDER BY created_at, number').all() as CaseRow[];
}
