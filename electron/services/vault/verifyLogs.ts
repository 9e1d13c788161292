// SPDX-License-Identifier: UNLICENSED
// verify-vault's checks of log evidence: the stored file still frames into the recorded records,
// their leaves still give the records root signed at acquisition, and the stored PII matches still
// give the digest signed in the PII finding.
import { createHash } from 'node:crypto';
import { findingLine, type StoredFinding } from '../ingest/logs/recordFindings.js';
import { MerkleRootBuilder } from '../../../shared/crypto/merkle.js';
import { toHex } from '../../../shared/encoding.js';
import type { CustodyEvent } from '../../../shared/custody/event.js';
import type { VerifyIssue } from '../../../shared/custody/verifyLog.js';
import { readLogRecords } from '../ingest/logs/readLog.js';
import type { LogFormat } from '../ingest/logs/format.js';
import { PiiDigest } from '../ingest/logs/piiDigest.js';
import type { Db } from './db.js';
import type { EvidenceRow } from './queries/evidence.js';
import { evidencePii, type LogMetaRow, type LogRecordRow } from './queries/logRecords.js';

const nodeHash = (l: Uint8Array, r: Uint8Array): Uint8Array => createHash('sha256').update(Buffer.from([1])).update(l).update(r).digest();

export async function verifyLogEvidence(
  db: Db,
  evidence: EvidenceRow,
  path: string,
  events: ReadonlyMap<number, CustodyEvent> | undefined,
  issues: VerifyIssue[],
): Promise<void> {
  const meta = db.prepare('SELECT * FROM log_meta WHERE evidence_id = ?').get(evidence.id) as LogMetaRow | undefined;
  if (!meta) return;
  const at = { log: evidence.case_id, seq: evidence.event_seq, evidence: evidence.id };
  const signed = events?.get(evidence.event_seq)?.details.log as { recordsRoot?: string; records?: number } | undefined;
  const rows = db.prepare('SELECT idx, offset, length, leaf FROM log_records WHERE evidence_id = ? ORDER BY idx').all(evidence.id) as Pick<LogRecordRow, 'idx' | 'offset' | 'length' | 'leaf'>[];
  const root = new MerkleRootBuilder(nodeHash);
  rows.forEach((r, i) => {
    if (r.idx !== i) issues.push({ ...at, code: 'RECORDS_MISMATCH', message: `record rows of ${evidence.name} skip from index ${i - 1} to ${r.idx}`, expected: String(i), found: String(r.idx) });
    root.push(new Uint8Array(r.leaf));
  });
  const found = toHex(root.root());
  if (!signed || signed.recordsRoot !== found || signed.records !== rows.length || meta.records_root !== found) {
    issues.push({ ...at, code: 'RECORDS_MISMATCH', message: `stored records of ${evidence.name} no longer give the records root signed at acquisition`, expected: `${signed?.records} records, root ${signed?.recordsRoot}`, found: `${rows.length} records, root ${found}` });
  }
  // The stored file itself must still frame into exactly these records.
  try {
    let i = 0;
    for await (const r of readLogRecords(path, { name: evidence.name, format: meta.format as LogFormat })) {
      const row = rows[i++];
      if (!row || row.offset !== r.offset || row.length !== r.length || !r.leaf.equals(row.leaf)) {
        issues.push({ ...at, code: 'RECORDS_MISMATCH', message: `record ${r.index} of ${evidence.name} in the stored file differs from its stored row`, expected: `offset ${r.offset}, length ${r.length}, leaf ${r.leaf.toString('hex')}`, found: row ? `offset ${row.offset}, length ${row.length}, leaf ${row.leaf.toString('hex')}` : 'no row' });
        break;
      }
    }
    if (i !== rows.length) issues.push({ ...at, code: 'RECORDS_MISMATCH', message: `the stored file of ${evidence.name} frames into ${i} records, not ${rows.length}` });
  } catch (err) {
    issues.push({ ...at, code: 'RECORDS_MISMATCH', message: `the stored file of ${evidence.name} cannot be read as a ${meta.format} log: ${(err as Error).message}` });
  }
  // PII matches against the digest in the signed pii.scan finding.
  const digest = new PiiDigest();
  for (const m of evidencePii(db, evidence.id)) digest.add(m.idx, m.field, m.type, m.start, m.end, m.subtype);
  const scan = [...(events?.values() ?? [])].find((e) => e.action === 'finding.recorded' && e.evidence === evidence.id && e.details.type === 'pii.scan');
  if (!scan || scan.details.digest !== digest.hex() || scan.details.matches !== digest.total) {
    issues.push({ ...at, seq: scan?.seq ?? at.seq, code: 'FINDINGS_MISMATCH', message: `stored PII matches of ${evidence.name} no longer match the signed PII finding`, expected: scan ? `${String(scan.details.matches)} matches, digest ${String(scan.details.digest)}` : 'a pii.scan finding', found: `${digest.total} matches, digest ${digest.hex()}` });
  }
}

/** The stored findings bound by each signed finding.recorded event must still give its count and digest. */
export function verifyFindingRows(db: Db, parsedLogs: ReadonlyMap<string, ReadonlyMap<number, CustodyEvent>>, issues: VerifyIssue[]): void {
  const rows = db.prepare('SELECT * FROM findings ORDER BY id').all() as (StoredFinding & { case_id: string; evidence_id: string; event_seq: number; records: string })[];
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.case_id}\n${r.event_seq}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const seen = new Set<string>();
  for (const [log, events] of parsedLogs) {
    for (const ev of events.values()) {
      if (ev.action !== 'finding.recorded' || typeof ev.details.digest !== 'string' || !String(ev.details.type).startsWith('ai.')) continue;
      const key = `${log}\n${ev.seq}`;
      seen.add(key);
      const group = groups.get(key) ?? [];
      const digest = createHash('sha256');
      for (const r of group) digest.update(findingLine({ ...r, records: JSON.parse(r.records) as number[] }));
      const found = digest.digest('hex');
      if (found !== ev.details.digest || group.length !== ev.details.count || group.some((r) => r.evidence_id !== ev.evidence || r.type !== ev.details.type)) {
        issues.push({ code: 'FINDINGS_MISMATCH', log, seq: ev.seq, evidence: ev.evidence ?? undefined, message: `stored ${String(ev.details.type)} findings no longer match their signed finding.recorded event`, expected: `${String(ev.details.count)} findings, digest ${String(ev.details.digest)}`, found: `${group.length} findings, digest ${found}` });
      }
    }
  }
  for (const [key, group] of groups) {
    if (!seen.has(key)) issues.push({ code: 'FINDINGS_MISMATCH', log: group[0]!.case_id, seq: group[0]!.event_seq, evidence: group[0]!.evidence_id, message: `${group.length} stored finding(s) point at no signed finding.recorded event` });
  }
}

/**
 * No placeholder number given to two values of one case and type: a redacted view would print one
 * placeholder for two different values. The numbering counter guarantees it (schema 5 dropped the
 * UNIQUE index that re-checked it on every insert); this is the check, at verification time.
 */
export function verifyPlaceholderNumbers(db: Db, issues: VerifyIssue[]): void {
  const clashes = db
    .prepare('SELECT case_id, type, number, count(*) AS n FROM pii_placeholders GROUP BY case_id, type, number HAVING count(*) > 1 ORDER BY case_id, type, number LIMIT 20')
    .all() as { case_id: string; type: string; number: number; n: number }[];
  for (const c of clashes) {
    issues.push({ code: 'PLACEHOLDER_CLASH', log: c.case_id, message: `placeholder number ${c.number} of ${c.type} is given to ${c.n} different values in case ${c.case_id}; redacted views would merge them`, expected: '1 value', found: `${c.n} values` });
  }
}
