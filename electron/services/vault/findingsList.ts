// SPDX-License-Identifier: UNLICENSED
// Every finding of a case — PII matches, AI-incident findings and the findings recorded only as
// signed events (model diffs, pickle scans) — in one machine-readable list. The event-only findings
// come last and carry the same keys as the others, with `record: null` and no field or span, so a
// reader of the documented log-finding keys is not disturbed by them.
import { EvaultError } from '../../../shared/errors.js';
import { AI_FINDING_TYPES, PII_TYPES } from '../../../shared/findings.js';
import { RECORDED_FINDING_TYPES, recordedFindings } from './recordedFindings.js';
import type { Vault } from './vault.js';

export interface FindingJson {
  evidence: string;
  evidence_name: string;
  /** 0-based record index in the evidence (the primary record for multi-record findings); null for event-only findings. */
  record: number | null;
  records: number[];
  type: string;
  rule: string;
  atlas: string | null;
  severity: string;
  field: string | null;
  start: number | null;
  end: number | null;
  explanation: string;
  score: number | null;
  /** Event-only findings: every evidence item (or on-disk side) involved, and the signed event. */
  items?: { evidence: string | null; name: string }[];
  seq?: number;
  hash?: string;
  at?: string;
  actor?: string;
}

const TYPES: readonly string[] = [...PII_TYPES, ...AI_FINDING_TYPES, ...RECORDED_FINDING_TYPES];

export function listFindings(vault: Vault, caseId: string, type?: string): FindingJson[] {
  if (type !== undefined && !TYPES.includes(type)) throw new EvaultError('BAD_INPUT', `--type must be one of ${TYPES.join(', ')}`);
  const out: FindingJson[] = [];
  if (type === undefined || type.startsWith('pii.')) {
    const rows = vault.db
      .prepare(
        `SELECT p.*, e.name AS evidence_name FROM pii_matches p JOIN evidence e ON e.id = p.evidence_id
         WHERE e.case_id = ? AND (? IS NULL OR p.type = ?) ORDER BY e.acquired_at, p.evidence_id, p.idx, p.n`,
      )
      .all(caseId, type ?? null, type ?? null) as { evidence_id: string; evidence_name: string; idx: number; field: string; type: string; start: number; end: number; subtype: string | null }[];
    for (const r of rows) {
      out.push({ evidence: r.evidence_id, evidence_name: r.evidence_name, record: r.idx, records: [r.idx], type: r.type, rule: `evault-pii/${r.subtype ?? r.type.slice(4)}`, atlas: null, severity: r.type === 'pii.secret' ? 'high' : 'medium', field: r.field, start: r.start, end: r.end, explanation: `${r.type.slice(4).replace('_', ' ')} found in ${r.field}`, score: null });
    }
  }
  if (type === undefined || type.startsWith('ai.')) {
    const rows = vault.db
      .prepare(
        `SELECT f.*, e.name AS evidence_name FROM findings f JOIN evidence e ON e.id = f.evidence_id
         WHERE f.case_id = ? AND (? IS NULL OR f.type = ?) ORDER BY f.id`,
      )
      .all(caseId, type ?? null, type ?? null) as { evidence_id: string; evidence_name: string; type: string; rule: string; atlas: string | null; severity: string; records: string; field: string | null; start: number | null; end: number | null; explanation: string; score: number | null }[];
    for (const r of rows) {
      const records = JSON.parse(r.records) as number[];
      out.push({ evidence: r.evidence_id, evidence_name: r.evidence_name, record: records[0]!, records, type: r.type, rule: r.rule, atlas: r.atlas, severity: r.severity, field: r.field, start: r.start, end: r.end, explanation: r.explanation, score: r.score });
    }
  }
  if (type === undefined || !(type.startsWith('ai.') || type.startsWith('pii.'))) {
    for (const r of recordedFindings(vault, caseId, type)) {
      const first = r.items.find((i) => i.evidence !== null) ?? r.items[0];
      out.push({ evidence: first?.evidence ?? '', evidence_name: first?.name ?? '', record: null, records: [], type: r.type, rule: r.rule, atlas: null, severity: r.severity, field: null, start: null, end: null, explanation: r.summary, score: null, items: r.items, seq: r.seq, hash: r.hash, at: r.at, actor: r.actor });
    }
  }
  return out;
}
