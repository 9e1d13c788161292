// SPDX-License-Identifier: UNLICENSED
// Ingests one log file inside the import's open transaction: every record gets its row (offset,
// length, leaf hash, common fields, PII matches) and its text in the FTS index; the AI-incident
// rules' findings go to the import's FindingSink; the records root and counts come back for the
// signed evidence.acquired event. Records are read from the vault's own stored copy, so what is
// indexed is exactly what is kept. Two threads: a worker analyses the records (analyzeThread.ts)
// while this thread — the one that owns the database connection and its transaction — stores each
// batch as it arrives and runs the rules on it.
import { Worker } from 'node:worker_threads';
import { ImportError } from '../../../../shared/errors.js';
import { RuleEngine } from '../../../../shared/rules/engine.js';
import type { Db } from '../../vault/db.js';
import { insertLogMeta, LogRecordWriter } from '../../vault/queries/logRecords.js';
import { caseSalt, PlaceholderNumbering } from '../../vault/queries/piiPlaceholders.js';
import type { AnalyzeOptions, LogAnalysis, RecordBatch } from './analyzeLog.js';
import type { FromAnalyzer } from './analyzeThread.js';
import type { FindingSink } from './findingSink.js';
import type { LogFormat } from './format.js';
import { decodeObserved } from './observedWire.js';

export { LOG_PARSER, LOG_PARSER_VERSION } from './analyzeLog.js';

export interface LogIngestOptions {
  format?: LogFormat;
  /** Year for syslog lines without one; recorded in the event. */
  year: number;
  signal?: AbortSignal;
  /** Receives the rule findings (stored and signed by the importer once the log is recorded). */
  findings: FindingSink;
}

export type LogIngestSummary = LogAnalysis;

const CANCELLED = 'import cancelled; nothing was recorded';

export async function ingestLog(db: Db, caseId: string, evidenceId: string, path: string, name: string, options: LogIngestOptions): Promise<LogIngestSummary> {
  if (options.signal?.aborted) throw new ImportError('CANCELLED', CANCELLED);
  const writer = new LogRecordWriter(db, evidenceId);
  const placeholders = new PlaceholderNumbering(db, caseId);
  const engine = new RuleEngine({ onFinding: (f) => options.findings.add(f) });
  const store = (batch: RecordBatch): void => {
    for (const r of batch.records) {
      // The leaf arrives as a view into the batch's transferred buffer; bind it as a BLOB.
      r[4] = Buffer.from(r[4].buffer, r[4].byteOffset, r[4].byteLength);
      writer.insert(r);
    }
    for (let i = 0; i < batch.placeholders.length; i += 2) placeholders.assign(batch.placeholders[i]!, batch.placeholders[i + 1]!);
    for (const w of batch.observed) engine.observe(decodeObserved(w, batch.records));
  };
  const data: AnalyzeOptions = { path, name, year: options.year, salt: caseSalt(db, caseId), ...(options.format ? { format: options.format } : {}) };
  // Heap limits keep the import's peak RSS (two V8 heaps, besides SQLite's caches) bounded: V8
  // grows a heap with its limit, and uncapped this one added tens of MiB of slack. The thread holds
  // a few batches and at most one record of MAX_PARSED_RECORD (8 MiB) parsed, far below 192 MiB.
  // The young generation is 32 MiB, not 8: every record makes short-lived strings and objects, and
  // with 8 MiB the thread spent about a fifth of its time scavenging (about +30 MiB of RSS).
  const worker = new Worker(new URL('./analyzeThread.js', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 192 } });
  let onAbort: (() => void) | undefined;
  try {
    const analysis = await new Promise<LogAnalysis>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        reject(err);
      };
      onAbort = () => fail(new ImportError('CANCELLED', CANCELLED));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (m: FromAnalyzer) => {
        if (settled) return;
        if (m.type === 'batch') {
          try {
            store(m.batch);
          } catch (err) {
            fail(err as Error);
            return;
          }
          worker.postMessage({ type: 'ack' });
        } else if (m.type === 'done') {
          settled = true;
          resolve(m.analysis);
        } else {
          fail(new ImportError(m.code, m.message));
        }
      });
      worker.on('error', (err) => fail(new ImportError('INTERNAL', `log analysis of ${name} failed: ${err.message}`, { cause: err })));
      worker.on('exit', (code) => fail(new ImportError('INTERNAL', `log analysis of ${name} stopped (exit code ${code}) before the end of the log`)));
    });
    writer.finish();
    // Bursts still open at the end of the log are final now.
    for (const f of engine.finish()) options.findings.add(f);
    insertLogMeta(db, {
      evidence_id: evidenceId,
      format: analysis.format,
      gzip: analysis.gzip ? 1 : 0,
      columns: analysis.columns ? JSON.stringify(analysis.columns) : null,
      records: analysis.records,
      malformed: analysis.malformed,
      records_root: analysis.recordsRoot,
      first_ts: analysis.firstTimestamp,
      last_ts: analysis.lastTimestamp,
      assumed_year: analysis.assumedYear,
    });
    return analysis;
  } finally {
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
