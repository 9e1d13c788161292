// SPDX-License-Identifier: UNLICENSED
// verify-vault's issue list, grouped into the checks an investigator reads: one line per kind of
// guarantee, passed or failed, with the precise problems under it.
import type { VerifyIssue } from '../../../shared/custody/verifyLog.js';
import type { VaultVerificationView, VerifyCheck } from '../../../shared/api/types.js';
import type { VaultVerification } from '../vault/verifyVault.js';

const GROUPS: { id: string; label: string; codes: string[] }[] = [
  { id: 'database', label: 'Database is intact and of a known schema', codes: ['DB_CORRUPT', 'DB_FROM_FUTURE'] },
  { id: 'signatures', label: 'Every custody event is signed by a registered examiner key', codes: ['SIGNATURE_INVALID', 'UNKNOWN_SIGNER', 'EXAMINER_MISMATCH'] },
  { id: 'chain', label: 'Custody logs are unbroken hash chains in canonical form', codes: ['CHAIN_BROKEN', 'SEQ_GAP', 'EVENT_HASH_MISMATCH', 'EVENT_MALFORMED', 'EVENT_NOT_CANONICAL', 'LOG_MISMATCH'] },
  { id: 'rows', label: 'Cases and evidence match their signed events', codes: ['CASE_MISMATCH', 'EVIDENCE_MISMATCH', 'EVIDENCE_MISSING'] },
  { id: 'objects', label: 'Stored evidence re-hashed: SHA-256 as recorded', codes: ['OBJECT_MISSING', 'OBJECT_HASH_MISMATCH'] },
  { id: 'logs', label: 'Log records, records roots and finding digests as signed', codes: ['RECORDS_MISMATCH', 'FINDINGS_MISMATCH', 'PLACEHOLDER_CLASH'] },
  { id: 'checkpoints', label: 'Checkpoints are signed and match the logs', codes: ['CHECKPOINT_INVALID', 'ROOT_MISMATCH'] },
];

export function where(i: VerifyIssue): string {
  return [i.log && `log ${i.log}`, i.seq !== undefined && `event ${i.seq}`, i.evidence && `evidence ${i.evidence}`, i.object && `object ${i.object}`].filter(Boolean).join(', ');
}

function problem(i: VerifyIssue) {
  return { code: i.code, message: i.message, where: where(i), ...(i.expected !== undefined ? { expected: i.expected } : {}), ...(i.found !== undefined ? { found: i.found } : {}) };
}

export function groupVerification(v: VaultVerification, at = new Date().toISOString()): VaultVerificationView {
  const known = new Set(GROUPS.flatMap((g) => g.codes));
  const checks: VerifyCheck[] = GROUPS.map((g) => {
    const problems = v.issues.filter((i) => g.codes.includes(i.code)).map(problem);
    return { id: g.id, label: g.label, ok: problems.length === 0, problems };
  });
  const other = v.issues.filter((i) => !known.has(i.code));
  if (other.length) checks.push({ id: 'other', label: 'Other checks', ok: false, problems: other.map(problem) });
  return { ok: v.ok, at, counts: v.counts, checks, warnings: v.warnings.map((w) => ({ code: w.code, message: w.message, where: where(w) })) };
}
