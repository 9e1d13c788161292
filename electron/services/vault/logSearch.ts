// SPDX-License-Identifier: UNLICENSED
// Search, timeline and findings over a case's log records, and record views redacted by default.
import { EvaultError } from '../../../shared/errors.js';
import { textFields } from '../../../shared/logs/commonFields.js';
import { normalizeTimestamp } from '../../../shared/logs/timestamps.js';
import { parseRecord } from '../ingest/logs/parseRecord.js';
import type { LogFormat } from '../ingest/logs/format.js';
import type { Vault } from './vault.js';
import type { EvidenceRow } from './queries/evidence.js';
import { getLogMeta, recordPii, type LogRecordRow } from './queries/logRecords.js';
import { PlaceholderBook } from './queries/piiPlaceholders.js';
import { readRecordBytes } from './recordBytes.js';

export const SEARCH_FIELDS = { session: 'session', user: 'user', tenant: 'tenant', request: 'request_id', model: 'model', action: 'action', ip: 'source_ip' } as const;
export type SearchField = keyof typeof SEARCH_FIELDS | 'text';

export interface SearchOptions {
  query: string;
  field?: SearchField;
  from?: string;
  to?: string;
  limit?: number;
}

export type FoundRecord = LogRecordRow & { evidence_name: string };

function timeArg(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const t = normalizeTimestamp(value);
  if (!t) throw new EvaultError('BAD_INPUT', `${name} must be an RFC 3339 time such as 2026-11-16T08:00:00Z`);
  return t;
}

/** Records of a case by session, user, tenant, request id, model, action, IP, or free text (FTS5). */
export function searchRecords(vault: Vault, caseId: string, o: SearchOptions): FoundRecord[] {
  const from = timeArg(o.from, '--from');
  const to = timeArg(o.to, '--to');
  const limit = o.limit ?? 100;
  const where: string[] = ['e.case_id = @caseId'];
  if (from) where.push('r.ts >= @from');
  if (to) where.push('r.ts <= @to');
  const params = { caseId, from, to, limit, query: o.query };
  let sql: string;
  if (!o.field || o.field === 'text') {
    // A phrase query: the user's words in order, with FTS5 syntax characters taken literally.
    const phrase = `"${o.query.replace(/"/g, '""')}"`;
    // CROSS JOIN keeps the FTS match as the outer loop (SQLite does not reorder CROSS JOIN); record
    // ids grow in import order, so ordering by id is evidence order, then file order.
    sql = `SELECT r.*, e.name AS evidence_name FROM log_text t CROSS JOIN log_records r ON r.id = t.rowid CROSS JOIN evidence e ON e.id = r.evidence_id
           WHERE log_text MATCH @phrase AND ${where.join(' AND ')} ORDER BY t.rowid LIMIT @limit`;
    return vault.db.prepare(sql).all({ ...params, phrase }) as FoundRecord[];
  }
  const column = SEARCH_FIELDS[o.field];
  if (!column) throw new EvaultError('BAD_INPUT', `--field must be one of ${[...Object.keys(SEARCH_FIELDS), 'text'].join(', ')}`);
  sql = `SELECT r.*, e.name AS evidence_name FROM log_records r JOIN evidence e ON e.id = r.evidence_id
         WHERE r.${column} = @query AND ${where.join(' AND ')} ORDER BY r.id LIMIT @limit`;
  return vault.db.prepare(sql).all(params) as FoundRecord[];
}

export type TimelineKey = 'user' | 'session' | 'tenant';

/** Record counts per time bucket (and per user, session or tenant). */
export function timeline(vault: Vault, caseId: string, o: { by?: TimelineKey; bucket?: 'minute' | 'hour' | 'day' }): { bucket: string; key: string | null; count: number }[] {
  const width = { minute: 16, hour: 13, day: 10 }[o.bucket ?? 'hour'];
  const key = o.by ? { user: 'r.user', session: 'r.session', tenant: 'r.tenant' }[o.by] : 'NULL';
  if (!key) throw new EvaultError('BAD_INPUT', '--by must be user, session or tenant');
  return vault.db
    .prepare(
      `SELECT substr(r.ts, 1, ${width}) AS bucket, ${key} AS key, count(*) AS count FROM log_records r JOIN evidence e ON e.id = r.evidence_id
       WHERE e.case_id = ? AND r.ts IS NOT NULL GROUP BY bucket, key ORDER BY bucket, count DESC`,
    )
    .all(caseId) as { bucket: string; key: string | null; count: number }[];
}

export interface RecordView {
  evidence: string;
  evidence_name: string;
  record: number;
  line: number;
  ts: string | null;
  malformed: string | null;
  /** The record's text: redacted with the case's placeholders unless revealed. */
  text: string;
  redacted: boolean;
}

/** Reads records back from the stored file and renders them, PII replaced by placeholders unless `reveal`. */
export async function viewRecords(vault: Vault, evidence: EvidenceRow, rows: readonly LogRecordRow[], reveal = false): Promise<RecordView[]> {
  const meta = getLogMeta(vault.db, evidence.id);
  const bytes = await readRecordBytes(vault, evidence, rows);
  const book = new PlaceholderBook(vault.db, evidence.case_id);
  const columns = meta?.columns ? (JSON.parse(meta.columns) as string[]) : undefined;
  return rows.map((row) => {
    const raw = bytes.get(row.idx) ?? Buffer.alloc(0);
    let text = raw.toString('utf8');
    const matches = reveal ? [] : recordPii(vault.db, evidence.id, row.idx);
    if (matches.length > 0 && meta) {
      const parsed = parseRecord(raw, meta.format as LogFormat, columns);
      if ('value' in parsed) {
        const fields = new Map(textFields(parsed.value).map((f) => [f.pointer, f.text]));
        const redactedFields = new Map<string, string>();
        for (const [pointer, value] of fields) {
          const own = matches.filter((m) => m.field === pointer).sort((a, b) => b.start - a.start);
          if (own.length === 0) continue;
          let out = value;
          for (const m of own) out = out.slice(0, m.start) + book.lookup(m.type, value.slice(m.start, m.end)) + out.slice(m.end);
          redactedFields.set(pointer, out);
        }
        text = JSON.stringify(replaceStrings(parsed.value, '', redactedFields));
      } else {
        text = '[record withheld: it holds PII and cannot be parsed for redaction]';
      }
    }
    return { evidence: evidence.id, evidence_name: evidence.name, record: row.idx, line: row.line, ts: row.ts, malformed: row.malformed, text, redacted: matches.length > 0 };
  });
}

function replaceStrings(value: unknown, pointer: string, replacements: Map<string, string>): unknown {
  if (typeof value === 'string') return replacements.get(pointer) ?? value;
  if (Array.isArray(value)) return value.map((v, i) => replaceStrings(v, `${pointer}/${i}`, replacements));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, replaceStrings(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, replacements)]));
  }
  return value;
}
