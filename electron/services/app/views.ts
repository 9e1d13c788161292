// SPDX-License-Identifier: UNLICENSED
// Turning vault rows into the contract's plain data (shared/api/types.ts).
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import type { CaseSummary, CustodyEventView, EvidenceItem } from '../../../shared/api/types.js';
import { isSealed } from '../vault/cases.js';
import type { CaseRow } from '../vault/queries/cases.js';
import type { EventRow } from '../vault/queries/events.js';
import { logSize } from '../vault/queries/events.js';
import { caseEvidence, type EvidenceRow } from '../vault/queries/evidence.js';
import { listExaminers } from '../vault/queries/examiners.js';
import { getLogMeta } from '../vault/queries/logRecords.js';
import type { Vault } from '../vault/vault.js';

export function examinerNames(vault: Vault): Map<string, string> {
  return new Map(listExaminers(vault.db).map((e) => [e.fingerprint, e.name]));
}

export function caseSummary(vault: Vault, row: CaseRow, names = examinerNames(vault)): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: names.get(row.created_by) ?? null,
    sealed: isSealed(vault, row.id),
    evidenceCount: caseEvidence(vault.db, row.id).length,
    eventCount: logSize(vault.db, row.id),
  };
}

type Outcome = 'match' | 'mismatch' | 'missing';

/** The latest evidence.verified outcome per evidence item of a case, from the signed events. */
export function latestVerifications(vault: Vault, caseId: string): Map<string, { at: string; by: string; outcome: Outcome }> {
  const rows = vault.db.prepare("SELECT evidence_id, at, actor, bytes FROM events WHERE log = ? AND action = 'evidence.verified' ORDER BY seq").all(caseId) as { evidence_id: string; at: string; actor: string; bytes: Buffer }[];
  const out = new Map<string, { at: string; by: string; outcome: Outcome }>();
  for (const r of rows) {
    const outcome = parseEvent(new Uint8Array(r.bytes)).details.outcome as Outcome;
    out.set(r.evidence_id, { at: r.at, by: r.actor, outcome });
  }
  return out;
}

export function evidenceItems(vault: Vault, caseId: string): EvidenceItem[] {
  const names = examinerNames(vault);
  const verified = latestVerifications(vault, caseId);
  return caseEvidence(vault.db, caseId).map((row) => evidenceItem(vault, row, names, verified.get(row.id)));
}

function evidenceItem(vault: Vault, row: EvidenceRow, names: Map<string, string>, verified?: { at: string; outcome: Outcome }): EvidenceItem {
  const meta = getLogMeta(vault.db, row.id);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    size: row.size,
    sha256: row.sha256,
    md5: row.md5,
    sha1: row.sha1,
    stored: row.stored === 1,
    sourcePath: row.source_path,
    acquiredAt: row.acquired_at,
    acquiredBy: row.acquired_by,
    acquiredByName: names.get(row.acquired_by) ?? null,
    eventSeq: row.event_seq,
    log: meta ? { format: meta.format, records: meta.records, malformed: meta.malformed, firstTs: meta.first_ts, lastTs: meta.last_ts } : null,
    lastVerified: verified ? { at: verified.at, outcome: verified.outcome } : null,
  };
}

export function eventView(row: EventRow, names: Map<string, string>): CustodyEventView {
  const event = parseEvent(new Uint8Array(row.bytes));
  return { log: row.log, seq: row.seq, at: row.at, actor: row.actor, actorName: names.get(row.actor) ?? null, action: row.action, evidence: row.evidence_id, details: event.details, hash: row.hash, prev: event.prev };
}

export function eventRow(vault: Vault, log: string, seq: number): EventRow {
  return vault.db.prepare('SELECT * FROM events WHERE log = ? AND seq = ?').get(log, seq) as EventRow;
}
