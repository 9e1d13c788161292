// SPDX-License-Identifier: UNLICENSED
import type { Db } from '../db.js';
import { stmt } from './statements.js';
import type { SignedEvent } from '../../../../shared/custody/event.js';

export interface EventRow {
  log: string;
  seq: number;
  case_id: string | null;
  action: string;
  actor: string;
  evidence_id: string | null;
  at: string;
  bytes: Buffer;
  hash: string;
  signature: Buffer;
}

export function insertEvent(db: Db, row: EventRow): void {
  stmt(
    db,
    `INSERT INTO events (log, seq, case_id, action, actor, evidence_id, at, bytes, hash, signature)
     VALUES (@log, @seq, @case_id, @action, @actor, @evidence_id, @at, @bytes, @hash, @signature)`,
  ).run(row);
}

export function lastEvent(db: Db, log: string): { seq: number; hash: string } | undefined {
  return stmt(db, 'SELECT seq, hash FROM events WHERE log = ? ORDER BY seq DESC LIMIT 1').get(log) as
    | { seq: number; hash: string }
    | undefined;
}

export function logEvents(db: Db, log: string): EventRow[] {
  return db.prepare('SELECT * FROM events WHERE log = ? ORDER BY seq').all(log) as EventRow[];
}

export function logSize(db: Db, log: string): number {
  return (db.prepare('SELECT count(*) AS n FROM events WHERE log = ?').get(log) as { n: number }).n;
}

export function allLogs(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT log FROM events ORDER BY log').all() as { log: string }[]).map((r) => r.log);
}

export function hasAction(db: Db, log: string, action: string): boolean {
  return db.prepare('SELECT 1 FROM events WHERE log = ? AND action = ? LIMIT 1').get(log, action) !== undefined;
}

export function toSignedEvent(row: EventRow): SignedEvent {
  return { seq: row.seq, bytes: new Uint8Array(row.bytes), hash: row.hash, signature: new Uint8Array(row.signature) };
}
