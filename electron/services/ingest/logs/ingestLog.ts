// SPDX-License-Identifier: UNLICENSED
// Ingests one log file inside the import's open transaction: every record gets its row (offset,
// length, leaf hash, common fields), its text in the FTS index and its PII matches; the records
// root and counts come back for the signed evidence.acquired event. Records are read from the
// vault's own stored copy, so what is indexed is exactly what is kept.
import { createHash } from 'node:crypto';
import { toHex } from '../../../../shared/encoding.js';
import { MerkleRootBuilder } from '../../../../shared/crypto/merkle.js';
import { textFields } from '../../../../shared/logs/commonFields.js';
import { mapRecord, type MappedRecord } from '../../../../shared/logs/schemas.js';
import { detectPii } from '../../../../shared/pii/detect.js';
import type { PiiMatch } from '../../../../shared/findings.js';
import type { Db } from '../../vault/db.js';
import { insertLogMeta, LogRecordWriter } from '../../vault/queries/logRecords.js';
import { PlaceholderBook } from '../../vault/queries/piiPlaceholders.js';
import type { LogFormat } from './format.js';
import { PiiDigest } from './piiDigest.js';
import { readLogRecords, type LogReadInfo } from './readLog.js';

export const LOG_PARSER = 'evault-logs';
export const LOG_PARSER_VERSION = '1';

export interface LogRecordView {
  index: number;
  value: unknown;
  mapped: MappedRecord;
  pii: (PiiMatch & { field: string; value: string })[];
}

export interface LogIngestOptions {
  format?: LogFormat;
  /** Year for syslog lines without one; recorded in the event. */
  year: number;
  signal?: AbortSignal;
  /** Sees every parsed record (rule engines). */
  onRecord?: (record: LogRecordView) => void;
}

export interface LogIngestSummary {
  parser: string;
  parserVersion: string;
  format: LogFormat;
  gzip: boolean;
  columns: string[] | null;
  records: number;
  malformed: number;
  recordsRoot: string;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  assumedYear: number | null;
  schemas: Record<string, number>;
  pii: { counts: Record<string, number>; total: number; digest: string };
  /** The first malformed record, for --strict's error message. */
  firstMalformed: { index: number; line: number; reason: string } | null;
}

const nodeHash = (l: Uint8Array, r: Uint8Array): Uint8Array => createHash('sha256').update(Buffer.from([1])).update(l).update(r).digest();

export async function ingestLog(db: Db, caseId: string, evidenceId: string, path: string, name: string, options: LogIngestOptions): Promise<LogIngestSummary> {
  const writer = new LogRecordWriter(db);
  const placeholders = new PlaceholderBook(db, caseId);
  const root = new MerkleRootBuilder(nodeHash);
  const pii = new PiiDigest();
  const schemas: Record<string, number> = {};
  let info: LogReadInfo | undefined;
  let malformed = 0;
  let first: string | null = null;
  let last: string | null = null;
  let previousTs: string | undefined;
  let usedYear = false;
  let firstMalformed: LogIngestSummary['firstMalformed'] = null;

  for await (const r of readLogRecords(path, { name, format: options.format, signal: options.signal, onInfo: (i) => (info = i) })) {
    root.push(r.leaf);
    const format = info!.format;
    let mapped: MappedRecord = { schema: 'malformed', fields: {}, responsePointers: [], promptPointers: [] };
    let body = '';
    if (r.malformed) {
      malformed++;
      firstMalformed ??= { index: r.index, line: r.line, reason: r.malformed };
    } else {
      mapped = mapRecord(r.value, format, { year: options.year });
      if (format === 'syslog' && mapped.fields.timestamp) usedYear = true;
      // An indented continuation line of a text log belongs to the entry above it.
      if (!mapped.fields.timestamp && format === 'text' && previousTs && /^[ \t]/.test(r.bytes?.toString('utf8', 0, 1) ?? '')) mapped.fields.timestamp = previousTs;
      const fields = textFields(r.value);
      body = fields.map((f) => f.text).join('\n');
      const found: LogRecordView['pii'] = [];
      for (const f of fields) {
        for (const m of detectPii(f.text)) {
          const row = { evidence_id: evidenceId, idx: r.index, field: f.pointer, type: m.type, start: m.start, end: m.end, subtype: m.subtype ?? null };
          writer.insertPii(row);
          pii.add(row);
          const value = f.text.slice(m.start, m.end);
          placeholders.assign(m.type, value);
          found.push({ ...m, field: f.pointer, value });
        }
      }
      options.onRecord?.({ index: r.index, value: r.value, mapped, pii: found });
    }
    schemas[mapped.schema] = (schemas[mapped.schema] ?? 0) + 1;
    const f = mapped.fields;
    if (f.timestamp) {
      previousTs = f.timestamp;
      if (first === null || f.timestamp < first) first = f.timestamp;
      if (last === null || f.timestamp > last) last = f.timestamp;
    }
    writer.insert(
      {
        evidence_id: evidenceId,
        idx: r.index,
        offset: r.offset,
        length: r.length,
        line: r.line,
        leaf: r.leaf,
        malformed: r.malformed ?? null,
        schema: r.malformed ? null : mapped.schema,
        ts: f.timestamp ?? null,
        tenant: f.tenant ?? null,
        user: f.user ?? null,
        session: f.session ?? null,
        request_id: f.requestId ?? null,
        model: f.model ?? null,
        action: f.action ?? null,
        status: f.status ?? null,
        source_ip: f.sourceIp ?? null,
      },
      body,
    );
  }
  const summary: LogIngestSummary = {
    parser: LOG_PARSER,
    parserVersion: LOG_PARSER_VERSION,
    format: info!.format,
    gzip: info!.gzip,
    columns: info!.columns ?? null,
    records: root.size,
    malformed,
    recordsRoot: toHex(root.root()),
    firstTimestamp: first,
    lastTimestamp: last,
    assumedYear: usedYear ? options.year : null,
    schemas,
    pii: { counts: pii.counts, total: pii.total, digest: pii.hex() },
    firstMalformed,
  };
  insertLogMeta(db, {
    evidence_id: evidenceId,
    format: summary.format,
    gzip: summary.gzip ? 1 : 0,
    columns: summary.columns ? JSON.stringify(summary.columns) : null,
    records: summary.records,
    malformed,
    records_root: summary.recordsRoot,
    first_ts: first,
    last_ts: last,
    assumed_year: summary.assumedYear,
  });
  return summary;
}
