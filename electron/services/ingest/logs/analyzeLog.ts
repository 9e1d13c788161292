// SPDX-License-Identifier: UNLICENSED
// What a log import computes per record before storing it: framing and leaf hashes (via
// readLogRecords), parsing, schema mapping, the FTS text, PII detection with the salted value hashes
// placeholders are numbered by, the records root and the PII digest. It touches no database, so it
// runs on its own thread (analyzeThread.ts) while the importer's thread writes the rows and runs the
// AI-incident rules on what comes out of here. That thread is the busier one; judging prompts here
// instead was measured and not kept (docs/BENCHMARKS.md). Records come out in file order, in batches.
import { hash } from 'node:crypto';
import { toHex } from '../../../../shared/encoding.js';
import { MerkleRootBuilder } from '../../../../shared/crypto/merkle.js';
import { textFields } from '../../../../shared/logs/commonFields.js';
import { mapRecord, type MappedRecord } from '../../../../shared/logs/schemas.js';
import { detectPii } from '../../../../shared/pii/detect.js';
import type { RecordValues } from '../../vault/queries/logRecords.js';
import { piiValueHash } from '../../vault/queries/piiPlaceholders.js';
import type { LogFormat } from './format.js';
import { encodeObserved, type FlatPii, type ObservedWire } from './observedWire.js';
import { PiiDigest } from './piiDigest.js';
import { readLogRecords, type LogReadInfo } from './readLog.js';

export const LOG_PARSER = 'evault-logs';
export const LOG_PARSER_VERSION = '1';

export interface AnalyzeOptions {
  path: string;
  /** The name used for format detection. */
  name: string;
  format?: LogFormat;
  /** Year for syslog lines without one; recorded in the event. */
  year: number;
  /** The case's PII salt: placeholders are keyed by salted value hashes (piiPlaceholders.ts). */
  salt: string;
  /** Records per batch. */
  batchSize?: number;
}

/** Records in file order, ready to store, with what they add to the case's placeholders and findings. */
export interface RecordBatch {
  records: RecordValues[];
  /** [type, salted value hash] pairs of PII values, flattened, in first-seen order. */
  placeholders: string[];
  /** What the AI-incident rules see of each well-formed record, in file order (decodeObserved). */
  observed: ObservedWire[];
}

export interface LogAnalysis {
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

/** 0x01 ‖ left ‖ right, reused for every interior node. */
const nodeInput = new Uint8Array(65);
nodeInput[0] = 1;
/** RFC 9162 §2.1.1 interior node, one-shot (no Hash object or input buffer per node). */
const nodeHash = (l: Uint8Array, r: Uint8Array): Uint8Array => {
  nodeInput.set(l, 1);
  nodeInput.set(r, 33);
  return hash('sha256', nodeInput, 'buffer');
};

/** Distinct values remembered per import so a value repeated on every record is numbered once; bounded. */
const SEEN_LIMIT = 100_000;

export async function analyzeLog(o: AnalyzeOptions, emit: (batch: RecordBatch) => void | Promise<void>): Promise<LogAnalysis> {
  const batchSize = o.batchSize ?? 1000;
  const root = new MerkleRootBuilder(nodeHash);
  const pii = new PiiDigest();
  const schemas: Record<string, number> = {};
  const seen = new Set<string>();
  let batch: RecordBatch = { records: [], placeholders: [], observed: [] };
  let info: LogReadInfo | undefined;
  let malformed = 0;
  let first: string | null = null;
  let last: string | null = null;
  let previousTs: string | undefined;
  let usedYear = false;
  let firstMalformed: LogAnalysis['firstMalformed'] = null;

  for await (const r of readLogRecords(o.path, { name: o.name, format: o.format, onInfo: (i) => (info = i) })) {
    root.push(r.leaf);
    const format = info!.format;
    let mapped: MappedRecord = { schema: 'malformed', fields: {}, responsePointers: [], promptPointers: [] };
    let body = '';
    let piiJson: string | null = null;
    /** What the rules see of the record's PII (undefined for a malformed record). */
    let flatPii: FlatPii | undefined;
    if (r.malformed) {
      malformed++;
      firstMalformed ??= { index: r.index, line: r.line, reason: r.malformed };
    } else {
      mapped = mapRecord(r.value, format, { year: o.year });
      if (format === 'syslog' && mapped.fields.timestamp) usedYear = true;
      // An indented continuation line of a text log belongs to the entry above it.
      if (!mapped.fields.timestamp && format === 'text' && previousTs && (r.bytes?.[0] === 0x20 || r.bytes?.[0] === 0x09)) mapped.fields.timestamp = previousTs;
      const fields = textFields(r.value);
      body = fields.map((f) => f.text).join('\n');
      flatPii = [];
      const packed: unknown[] = [];
      for (const f of fields) {
        for (const m of detectPii(f.text)) {
          const subtype = m.subtype ?? null;
          packed.push([f.pointer, m.type, m.start, m.end, subtype]);
          pii.add(r.index, f.pointer, m.type, m.start, m.end, subtype);
          const value = f.text.slice(m.start, m.end);
          const key = `${m.type}\n${value}`;
          if (!seen.has(key)) {
            if (seen.size >= SEEN_LIMIT) seen.clear();
            seen.add(key);
            batch.placeholders.push(m.type, piiValueHash(o.salt, m.type, value));
          }
          flatPii.push(m.type, m.start, m.end, subtype, f.pointer, value);
        }
      }
      if (packed.length > 0) piiJson = JSON.stringify(packed);
    }
    schemas[mapped.schema] = (schemas[mapped.schema] ?? 0) + 1;
    const f = mapped.fields;
    if (f.timestamp) {
      previousTs = f.timestamp;
      if (first === null || f.timestamp < first) first = f.timestamp;
      if (last === null || f.timestamp > last) last = f.timestamp;
    }
    const row: RecordValues = [
      r.index,
      r.offset,
      r.length,
      r.line,
      r.leaf,
      r.malformed ?? null,
      r.malformed ? null : mapped.schema,
      f.timestamp ?? null,
      f.tenant ?? null,
      f.user ?? null,
      f.session ?? null,
      f.requestId ?? null,
      f.model ?? null,
      f.action ?? null,
      f.status ?? null,
      f.sourceIp ?? null,
      piiJson,
      body,
    ];
    if (flatPii) batch.observed.push(encodeObserved(batch.records.length, row, f, flatPii, mapped.responsePointers, mapped.promptPointers));
    batch.records.push(row);
    if (batch.records.length >= batchSize) {
      const full = batch;
      batch = { records: [], placeholders: [], observed: [] };
      await emit(full);
    }
  }
  if (batch.records.length > 0) await emit(batch);
  return {
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
    assumedYear: usedYear ? o.year : null,
    schemas,
    pii: { counts: pii.counts, total: pii.total, digest: pii.hex() },
    firstMalformed,
  };
}
