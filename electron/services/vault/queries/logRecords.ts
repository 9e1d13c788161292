// SPDX-License-Identifier: UNLICENSED
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.js';

export interface LogRecordRow {
  id?: number;
  evidence_id: string;
  idx: number;
  offset: number;
  length: number;
  line: number;
  leaf: Buffer;
  malformed: string | null;
  schema: string | null;
  ts: string | null;
  tenant: string | null;
  user: string | null;
  session: string | null;
  request_id: string | null;
  model: string | null;
  action: string | null;
  status: string | null;
  source_ip: string | null;
}

export interface LogMetaRow {
  evidence_id: string;
  format: string;
  gzip: 0 | 1;
  columns: string | null;
  records: number;
  malformed: number;
  records_root: string;
  first_ts: string | null;
  last_ts: string | null;
  assumed_year: number | null;
}

export interface PiiMatchRow {
  evidence_id: string;
  idx: number;
  field: string;
  type: string;
  start: number;
  end: number;
  subtype: string | null;
}

/** Prepared statements for the import hot path, prepared once per import. */
export class LogRecordWriter {
  private readonly record: Statement;
  private readonly text: Statement;
  private readonly pii: Statement;

  constructor(db: Db) {
    this.record = db.prepare(
      `INSERT INTO log_records (evidence_id, idx, offset, length, line, leaf, malformed, schema, ts, tenant, user, session, request_id, model, action, status, source_ip)
       VALUES (@evidence_id, @idx, @offset, @length, @line, @leaf, @malformed, @schema, @ts, @tenant, @user, @session, @request_id, @model, @action, @status, @source_ip)`,
    );
    this.text = db.prepare('INSERT INTO log_text (rowid, body) VALUES (?, ?)');
    this.pii = db.prepare('INSERT INTO pii_matches (evidence_id, idx, field, type, start, end, subtype) VALUES (@evidence_id, @idx, @field, @type, @start, @end, @subtype)');
  }

  insert(row: LogRecordRow, body: string): void {
    const { lastInsertRowid } = this.record.run(row);
    if (body) this.text.run(lastInsertRowid, body);
  }

  insertPii(row: PiiMatchRow): void {
    this.pii.run(row);
  }
}

export function insertLogMeta(db: Db, row: LogMetaRow): void {
  db.prepare(
    `INSERT INTO log_meta (evidence_id, format, gzip, columns, records, malformed, records_root, first_ts, last_ts, assumed_year)
     VALUES (@evidence_id, @format, @gzip, @columns, @records, @malformed, @records_root, @first_ts, @last_ts, @assumed_year)`,
  ).run(row);
}

export function getLogMeta(db: Db, evidenceId: string): LogMetaRow | undefined {
  return db.prepare('SELECT * FROM log_meta WHERE evidence_id = ?').get(evidenceId) as LogMetaRow | undefined;
}

export function recordLeaves(db: Db, evidenceId: string): Buffer[] {
  return (db.prepare('SELECT leaf FROM log_records WHERE evidence_id = ? ORDER BY idx').raw().all(evidenceId) as [Buffer][]).map((r) => r[0]);
}

export function getRecords(db: Db, evidenceId: string, indices: readonly number[]): LogRecordRow[] {
  const stmt = db.prepare('SELECT * FROM log_records WHERE evidence_id = ? AND idx = ?');
  return indices.map((i) => stmt.get(evidenceId, i) as LogRecordRow | undefined).filter((r): r is LogRecordRow => r !== undefined);
}

export function recordPii(db: Db, evidenceId: string, idx: number): PiiMatchRow[] {
  return db.prepare('SELECT * FROM pii_matches WHERE evidence_id = ? AND idx = ? ORDER BY field, start').all(evidenceId, idx) as PiiMatchRow[];
}

export function evidencePii(db: Db, evidenceId: string): PiiMatchRow[] {
  return db.prepare('SELECT * FROM pii_matches WHERE evidence_id = ? ORDER BY rowid').all(evidenceId) as PiiMatchRow[];
}
