// SPDX-License-Identifier: UNLICENSED
import type { Db } from '../db.js';

export interface CheckpointRow {
  id?: number;
  log: string;
  size: number;
  root: string;
  note: string;
  signer: string;
  issued_at: string;
}

export function insertCheckpoint(db: Db, row: CheckpointRow): void {
  db.prepare(
    `INSERT INTO checkpoints (log, size, root, note, signer, issued_at)
     VALUES (@log, @size, @root, @note, @signer, @issued_at)`,
  ).run(row);
}

export function logCheckpoints(db: Db, log: string): CheckpointRow[] {
  return db.prepare('SELECT * FROM checkpoints WHERE log = ? ORDER BY id').all(log) as CheckpointRow[];
}

export function allCheckpoints(db: Db): CheckpointRow[] {
  return db.prepare('SELECT * FROM checkpoints ORDER BY id').all() as CheckpointRow[];
}
