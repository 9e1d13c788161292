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
  /** JSON array of [field, type, start, end, subtype], or null; read it through pii_matches. */
  pii: string | null;
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
  /** Place of the match in its record. */
  n: number;
  field: string;
  type: string;
  start: number;
  end: number;
  subtype: string | null;
}

/** One record as the import stores it: the log_records columns in order (see RECORD_COLUMNS), then its FTS text. */
export type RecordValues = [
  idx: number,
  offset: number,
  length: number,
  line: number,
  leaf: Uint8Array,
  malformed: string | null,
  schema: string | null,
  ts: string | null,
  tenant: string | null,
  user: string | null,
  session: string | null,
  request_id: string | null,
  model: string | null,
  action: string | null,
  status: string | null,
  source_ip: string | null,
  pii: string | null,
  body: string,
];

const RECORD_COLUMNS = 'idx, offset, length, line, leaf, malformed, schema, ts, tenant, user, session, request_id, model, action, status, source_ip, pii';

/**
 * Stores one log's records inside the import's transaction, with prepared statements (positional
 * binding is the cheapest). When the vault holds no log record yet, the id indexes (session, user,
 * tenant, request id) are dropped first and built again by finish() from the complete rows — one
 * sort instead of a B-tree insert per record, about a fifth less SQLite CPU for a large log. With
 * records already there they stay live: rebuilding would re-sort every record of the vault. The
 * DDL is part of the transaction, so a failed or cancelled import gets its indexes back.
 */
export class LogRecordWriter {
  private readonly record: Statement;
  private readonly text: Statement;
  /** CREATE INDEX statements to run in finish(), as the schema declares them. */
  private readonly deferred: string[] = [];

  constructor(
    private readonly db: Db,
    private readonly evidenceId: string,
  ) {
    if (db.prepare('SELECT 1 FROM log_records LIMIT 1').get() === undefined) {
      const indexes = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'log_records' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
      for (const i of indexes) {
        db.exec(`DROP INDEX "${i.name}"`);
        this.deferred.push(i.sql);
      }
    }
    this.record = db.prepare(`INSERT INTO log_records (evidence_id, ${RECORD_COLUMNS}) VALUES (${Array(18).fill('?').join(', ')})`);
    this.text = db.prepare('INSERT INTO log_text (rowid, body) VALUES (?, ?)');
  }

  insert(v: RecordValues): void {
    const { lastInsertRowid } = this.record.run(this.evidenceId, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16]);
    if (v[17]) this.text.run(lastInsertRowid, v[17]);
  }

  /** Builds the indexes dropped by the constructor; call once after the last insert. */
  finish(): void {
    for (const sql of this.deferred.splice(0)) this.db.exec(sql);
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
  return db.prepare('SELECT * FROM pii_matches WHERE evidence_id = ? ORDER BY idx, n').all(evidenceId) as PiiMatchRow[];
}
