// SPDX-License-Identifier: UNLICENSED
// The evidence part of a report: the inventory with digests, log summaries and last verification;
// the AI-incident findings with their rule-set version; PII counts; cited records with their
// (redacted) text and inclusion proofs; and log activity over time.
import { fromHex } from '../../../shared/encoding.js';
import { verifyInclusion } from '../../../shared/crypto/merkle.js';
import type { CustodyEvent } from '../../../shared/custody/event.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import type { ManifestEvidence, ManifestFinding, ManifestRecordProof, ReportManifest } from '../../../shared/report/manifest.js';
import { timeline, viewRecords } from '../vault/logSearch.js';
import { caseEvidence, type EvidenceRow } from '../vault/queries/evidence.js';
import { getLogMeta, getRecords } from '../vault/queries/logRecords.js';
import { buildRecordProof } from '../vault/recordProofs.js';
import type { Vault } from '../vault/vault.js';
import type { CiteRef, CitedRecord } from './model.js';

const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2, info: 3 };
export const CITED_PER_FINDING = 2;
/** Findings shown in full with cited records; the rest are listed in a table (all are in the manifest). */
export const DETAILED_FINDINGS = 60;
const MAX_CITED_TEXT = 700;

export function collectInventory(vault: Vault, caseId: string, events: readonly CustodyEvent[]): { rows: EvidenceRow[]; evidence: ManifestEvidence[] } {
  const size = events.length;
  const rows = caseEvidence(vault.db, caseId).filter((r) => r.event_seq <= size);
  const lastCheck = new Map<string, ManifestEvidence['lastVerification']>();
  for (const e of events) {
    if (e.action === 'evidence.verified' && e.evidence) lastCheck.set(e.evidence, { outcome: String((e.details as { outcome?: string }).outcome), at: e.at, seq: e.seq });
  }
  const modelMeta = vault.db.prepare('SELECT format, verdict, weights_root FROM model_meta WHERE evidence_id = ?');
  const tensors = vault.db.prepare('SELECT shape FROM model_tensors WHERE evidence_id = ?').raw();
  const model = (id: string): ManifestEvidence['model'] => {
    const m = modelMeta.get(id) as { format: string; verdict: string | null; weights_root: string | null } | undefined;
    if (!m) return null;
    const shapes = (tensors.all(id) as [string][]).map(([shape]) => JSON.parse(shape) as number[]);
    return { format: m.format, verdict: m.verdict, tensors: shapes.length, parameters: shapes.reduce((n, dims) => n + dims.reduce((p, d) => p * d, 1), 0), weightsRoot: m.weights_root };
  };
  const evidence = rows.map((r): ManifestEvidence => {
    const meta = getLogMeta(vault.db, r.id);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      size: r.size,
      sha256: r.sha256,
      md5: r.md5,
      sha1: r.sha1,
      acquiredAt: r.acquired_at,
      acquiredBy: r.acquired_by,
      acquisitionSeq: r.event_seq,
      lastVerification: lastCheck.get(r.id) ?? null,
      log: meta ? { format: meta.format, records: meta.records, malformed: meta.malformed, recordsRoot: meta.records_root, firstTime: meta.first_ts, lastTime: meta.last_ts } : null,
      model: model(r.id),
    };
  });
  return { rows, evidence };
}

interface FindingRow {
  evidence_id: string;
  type: string;
  rule: string;
  atlas: string | null;
  severity: string;
  records: string;
  field: string | null;
  explanation: string;
  score: number | null;
  event_seq: number | null;
  event_bytes: Buffer | null;
}

/** AI-incident findings signed by events the checkpoint covers, most severe first. */
export function collectFindings(vault: Vault, caseId: string, size: number): ManifestFinding[] {
  const rows = vault.db
    .prepare(
      `SELECT f.evidence_id, f.type, f.rule, f.atlas, f.severity, f.records, f.field, f.explanation, f.score, f.event_seq, ev.bytes AS event_bytes
       FROM findings f LEFT JOIN events ev ON ev.log = f.case_id AND ev.seq = f.event_seq
       WHERE f.case_id = ? ORDER BY f.id`,
    )
    .all(caseId) as FindingRow[];
  const findings = rows
    .filter((r) => r.event_seq === null || r.event_seq <= size)
    .map((r): ManifestFinding => {
      const d = r.event_bytes ? (parseEvent(new Uint8Array(r.event_bytes)).details as { rulesetVersion?: string }) : {};
      return { type: r.type, rule: r.rule, rulesetVersion: d.rulesetVersion ?? null, atlas: r.atlas, severity: r.severity, evidence: r.evidence_id, records: JSON.parse(r.records) as number[], field: r.field, explanation: r.explanation, score: r.score, eventSeq: r.event_seq };
    });
  // A stable sort keeps the vault's order within a severity, so the report is reproducible.
  return findings.sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9));
}

export function collectPii(vault: Vault, caseId: string): ReportManifest['pii'] {
  return vault.db
    .prepare(
      `SELECT p.evidence_id AS evidence, p.type AS type, count(*) AS count, count(DISTINCT p.idx) AS records
       FROM pii_matches p JOIN evidence e ON e.id = p.evidence_id WHERE e.case_id = ?
       GROUP BY p.evidence_id, p.type ORDER BY e.event_seq, p.type`,
    )
    .all(caseId) as ReportManifest['pii'];
}

/**
 * Which findings the report shows in full: up to PER_GROUP of every kind (type, rule, evidence) in
 * severity order, then the next ones, DETAILED_FINDINGS in all — so a case with hundreds of one
 * kind still shows an example of every other kind. Indices into `findings`, ascending.
 */
export function detailedFindings(findings: readonly ManifestFinding[]): number[] {
  const PER_GROUP = 5;
  const seen = new Map<string, number>();
  const chosen = new Set<number>();
  findings.forEach((f, i) => {
    const key = `${f.type}|${f.rule}|${f.evidence}`;
    const n = seen.get(key) ?? 0;
    if (n < PER_GROUP && chosen.size < DETAILED_FINDINGS) chosen.add(i);
    seen.set(key, n + 1);
  });
  for (let i = 0; i < findings.length && chosen.size < DETAILED_FINDINGS; i++) chosen.add(i);
  return [...chosen].sort((a, b) => a - b);
}

/** The first records of each detailed finding, read back and redacted unless `reveal`, with their inclusion proofs. */
export async function collectCitations(vault: Vault, rows: readonly EvidenceRow[], evidence: readonly ManifestEvidence[], findings: readonly ManifestFinding[], detailed: readonly number[], reveal: boolean, chosen: readonly CiteRef[] = []): Promise<{ citations: Map<number, CitedRecord[]>; chosen: CitedRecord[]; proofs: ManifestRecordProof[] }> {
  const wanted = new Map<string, Set<number>>();
  const want = (evidenceId: string, index: number) => (wanted.get(evidenceId) ?? wanted.set(evidenceId, new Set()).get(evidenceId)!).add(index);
  for (const f of detailed.map((i) => findings[i]!)) for (const i of f.records.slice(0, CITED_PER_FINDING)) want(f.evidence, i);
  for (const c of chosen) want(c.evidence, c.index);
  const cited = new Map<string, CitedRecord>();
  const proofs: ManifestRecordProof[] = [];
  for (const row of rows) {
    const indices = [...(wanted.get(row.id) ?? [])].sort((a, b) => a - b);
    const log = evidence.find((e) => e.id === row.id)?.log;
    if (indices.length === 0 || !log) continue;
    const records = getRecords(vault.db, row.id, indices);
    const views = await viewRecords(vault, row, records, reveal);
    const pkg = await buildRecordProof(vault, row, records.map((r) => r.idx));
    for (const [k, view] of views.entries()) {
      const p = pkg.records[k]!;
      const proven = verifyInclusion(p.index, pkg.treeSize, fromHex(p.leafHash), p.proof.map(fromHex), fromHex(log.recordsRoot));
      const text = view.text.length > MAX_CITED_TEXT ? `${view.text.slice(0, MAX_CITED_TEXT)}… [${view.text.length - MAX_CITED_TEXT} more characters]` : view.text;
      cited.set(`${row.id}:${view.record}`, { evidence: row.id, evidenceName: row.name, index: view.record, line: view.line, time: view.ts, text, redacted: view.redacted, leafHash: p.leafHash, auditPath: p.proof.length, treeSize: pkg.treeSize, recordsRoot: log.recordsRoot, proven });
      proofs.push({ evidence: row.id, index: p.index, leafHash: p.leafHash, treeSize: pkg.treeSize, proof: p.proof });
    }
  }
  const citations = new Map<number, CitedRecord[]>();
  detailed.forEach((i) => {
    const f = findings[i]!;
    const list = f.records.slice(0, CITED_PER_FINDING).map((r) => cited.get(`${f.evidence}:${r}`)).filter((c): c is CitedRecord => c !== undefined);
    if (list.length) citations.set(i, list);
  });
  return { citations, chosen: chosen.map((c) => cited.get(`${c.evidence}:${c.index}`)!), proofs };
}

/** Records per hour (logs spanning up to three days) or per day. */
export function collectActivity(vault: Vault, caseId: string, evidence: readonly ManifestEvidence[]): { bucket: 'hour' | 'day'; activity: { bucket: string; count: number }[] } {
  const times = evidence.flatMap((e) => (e.log ? [e.log.firstTime, e.log.lastTime] : [])).filter((t): t is string => t !== null).sort();
  const span = times.length ? Date.parse(times[times.length - 1]!) - Date.parse(times[0]!) : 0;
  const bucket = span <= 3 * 86_400_000 ? 'hour' : 'day';
  const activity = timeline(vault, caseId, { bucket }).map((r) => ({ bucket: r.bucket, count: r.count }));
  return { bucket, activity };
}
