// SPDX-License-Identifier: UNLICENSED
// verify-vault's check of model evidence: the stored tensor digests still give the weights root
// signed at acquisition.
import { weightsRoot } from '../../../shared/models/weights.js';
import type { CustodyEvent } from '../../../shared/custody/event.js';
import type { VerifyIssue } from '../../../shared/custody/verifyLog.js';
import type { Db } from './db.js';
import type { EvidenceRow } from './queries/evidence.js';

export function verifyModelEvidence(db: Db, evidence: EvidenceRow, events: ReadonlyMap<number, CustodyEvent> | undefined, issues: VerifyIssue[]): void {
  const meta = db.prepare('SELECT weights_root FROM model_meta WHERE evidence_id = ?').get(evidence.id) as { weights_root: string | null } | undefined;
  if (!meta) return;
  const signed = (events?.get(evidence.event_seq)?.details.model as { weights?: { root?: string; tensors?: number } } | undefined)?.weights;
  const rows = db.prepare('SELECT name, dtype, shape, sha256 FROM model_tensors WHERE evidence_id = ? ORDER BY ordinal').all(evidence.id) as { name: string; dtype: string; shape: string; sha256: string }[];
  if (!signed && rows.length === 0 && meta.weights_root === null) return;
  const found = weightsRoot(rows.map((r) => ({ name: r.name, dtype: r.dtype, shape: JSON.parse(r.shape) as number[], sha256: r.sha256 })));
  if (!signed || signed.root !== found || signed.tensors !== rows.length || meta.weights_root !== found) {
    issues.push({ code: 'RECORDS_MISMATCH', log: evidence.case_id, seq: evidence.event_seq, evidence: evidence.id, message: `stored tensor digests of ${evidence.name} no longer give the weights root signed at acquisition`, expected: `${signed?.tensors} tensors, root ${signed?.root}`, found: `${rows.length} tensors, root ${found}` });
  }
}
