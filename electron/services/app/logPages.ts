// SPDX-License-Identifier: UNLICENSED
// Pages of log records for the UI's virtualised table: a range of indices at a time, redacted by
// default, each with the PII types and findings that touch it. The range query uses the
// (evidence_id, idx) key, so a page costs the same at record 10 and at record 999,999.
import { EvaultError } from '../../../shared/errors.js';
import type { RecordPage, RecordView, Severity } from '../../../shared/api/types.js';
import { viewRecords, type RecordView as ServiceView } from '../vault/logSearch.js';
import type { EvidenceRow } from '../vault/queries/evidence.js';
import { getLogMeta, type LogRecordRow } from '../vault/queries/logRecords.js';
import type { Vault } from '../vault/vault.js';

type Badge = { type: string; severity: Severity };

/** Findings per record of one evidence item; findings are written only at import, so this is cached. */
const findingCache = new WeakMap<Vault, Map<string, Map<number, Badge[]>>>();

function findingBadges(vault: Vault, evidenceId: string): Map<number, Badge[]> {
  let perVault = findingCache.get(vault);
  if (!perVault) findingCache.set(vault, (perVault = new Map()));
  const cached = perVault.get(evidenceId);
  if (cached) return cached;
  const rows = vault.db.prepare('SELECT type, severity, records FROM findings WHERE evidence_id = ?').all(evidenceId) as { type: string; severity: Severity; records: string }[];
  const map = new Map<number, Badge[]>();
  for (const r of rows) {
    for (const idx of JSON.parse(r.records) as number[]) {
      const list = map.get(idx) ?? [];
      if (!list.some((b) => b.type === r.type)) list.push({ type: r.type, severity: r.severity });
      map.set(idx, list);
    }
  }
  perVault.set(evidenceId, map);
  return map;
}

function piiTypes(vault: Vault, evidenceId: string, from: number, to: number): Map<number, string[]> {
  const rows = vault.db.prepare('SELECT DISTINCT idx, type FROM pii_matches WHERE evidence_id = ? AND idx >= ? AND idx <= ?').all(evidenceId, from, to) as { idx: number; type: string }[];
  const map = new Map<number, string[]>();
  for (const r of rows) map.set(r.idx, [...(map.get(r.idx) ?? []), r.type]);
  return map;
}

export async function toViews(vault: Vault, evidence: EvidenceRow, rows: readonly LogRecordRow[], reveal: boolean): Promise<RecordView[]> {
  if (rows.length === 0) return [];
  const views = await viewRecords(vault, evidence, rows, reveal);
  const indices = rows.map((r) => r.idx);
  const pii = piiTypes(vault, evidence.id, Math.min(...indices), Math.max(...indices));
  const badges = findingBadges(vault, evidence.id);
  const byIdx = new Map(rows.map((r) => [r.idx, r]));
  return views.map((v: ServiceView) => {
    const row = byIdx.get(v.record);
    return {
      evidence: v.evidence,
      evidenceName: v.evidence_name,
      record: v.record,
      line: v.line,
      ts: v.ts,
      malformed: v.malformed,
      text: v.text,
      redacted: v.redacted,
      pii: pii.get(v.record) ?? [],
      findings: badges.get(v.record) ?? [],
      user: row?.user ?? null,
      session: row?.session ?? null,
      tenant: row?.tenant ?? null,
    };
  });
}

export async function recordPage(vault: Vault, evidence: EvidenceRow, start: number, count: number): Promise<RecordPage> {
  const meta = getLogMeta(vault.db, evidence.id);
  if (!meta) throw new EvaultError('BAD_INPUT', `${evidence.name} is not a log; only log evidence has records`);
  const rows = vault.db.prepare('SELECT * FROM log_records WHERE evidence_id = ? AND idx >= ? AND idx < ? ORDER BY idx').all(evidence.id, start, start + count) as LogRecordRow[];
  return { evidence: evidence.id, total: meta.records, start, records: await toViews(vault, evidence, rows, false) };
}
