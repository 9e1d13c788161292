// SPDX-License-Identifier: UNLICENSED
// Re-verifying evidence against its recorded digest, and exporting a copy; both leave a signed event.
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { EvaultError } from '../../../shared/errors.js';
import type { Signer } from '../keys/signer.js';
import { fingerprintFile } from '../ingest/fingerprint.js';
import { appendEvent } from './custodyLog.js';
import { ensureExaminer, requireCase } from './cases.js';
import { caseEvidence, findEvidence, findEvidenceAnyCase, type EvidenceRow } from './queries/evidence.js';
import type { Vault } from './vault.js';

export type VerifyOutcome = 'match' | 'mismatch' | 'missing';

export interface EvidenceVerification {
  id: string;
  name: string;
  outcome: VerifyOutcome;
  expected: string;
  found: string | null;
  seq: number;
}

export function requireEvidence(vault: Vault, caseId: string, ref: string): EvidenceRow {
  const rows = findEvidence(vault.db, caseId, ref);
  if (rows.length === 1) return rows[0]!;
  throw new EvaultError(
    rows.length === 0 ? 'NOT_FOUND' : 'BAD_INPUT',
    rows.length === 0 ? `no evidence "${ref}" in this case; "evault case show CASE" lists it` : `"${ref}" matches ${rows.length} evidence items; use the id`,
  );
}

/** Evidence in any case by id or unique id prefix. */
export function requireAnyEvidence(vault: Vault, ref: string): EvidenceRow {
  const rows = findEvidenceAnyCase(vault.db, ref);
  if (rows.length === 1) return rows[0]!;
  throw new EvaultError(rows.length ? 'BAD_INPUT' : 'NOT_FOUND', rows.length ? `"${ref}" matches ${rows.length} evidence items; give more of the id` : `no evidence with id "${ref}"; "evault case show CASE" lists the ids`);
}

/** Where the bytes of an evidence item are: its stored copy, or for in-place evidence the source. */
export function evidencePath(vault: Vault, row: EvidenceRow): string {
  return row.stored ? vault.objects.pathOf(row.sha256) : row.source_path;
}

/** Re-hashes evidence (all of the case, or the given items) and records each outcome. Allowed on sealed cases. */
export async function verifyEvidence(vault: Vault, signer: Signer, caseRef: string, refs: readonly string[] = []): Promise<EvidenceVerification[]> {
  const theCase = requireCase(vault, caseRef);
  const rows = refs.length ? refs.map((r) => requireEvidence(vault, theCase.id, r)) : caseEvidence(vault.db, theCase.id);
  const checked: Omit<EvidenceVerification, 'seq'>[] = [];
  for (const row of rows) {
    const found = await fingerprintFile(evidencePath(vault, row)).then((f) => f.sha256, () => null);
    checked.push({ id: row.id, name: row.name, outcome: found === null ? 'missing' : found === row.sha256 ? 'match' : 'mismatch', expected: row.sha256, found });
  }
  ensureExaminer(vault, signer);
  return vault.db.transaction(() =>
    checked.map((c) => {
      const { event } = appendEvent(vault.db, signer, {
        caseId: theCase.id,
        action: 'evidence.verified',
        evidence: c.id,
        details: { outcome: c.outcome, expected: c.expected, found: c.found },
      });
      return { ...c, seq: event.seq };
    }),
  )();
}

/** Copies an evidence item out of the vault (never overwriting), checks the copy, records the export. */
export async function exportEvidence(vault: Vault, signer: Signer, caseRef: string, ref: string, out: string): Promise<{ path: string; sha256: string; seq: number }> {
  const theCase = requireCase(vault, caseRef);
  const row = requireEvidence(vault, theCase.id, ref);
  const dest = resolve(out);
  try {
    await fs.copyFile(evidencePath(vault, row), dest, fs.constants.COPYFILE_EXCL);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new EvaultError(code === 'EEXIST' ? 'ALREADY_EXISTS' : 'IO', code === 'EEXIST' ? `${dest} exists; choose another path (nothing is overwritten)` : `cannot export to ${dest}: ${(cause as Error).message}`, { cause });
  }
  const { sha256 } = await fingerprintFile(dest);
  if (sha256 !== row.sha256) {
    await fs.rm(dest, { force: true });
    throw new EvaultError('IO', `the exported copy of ${row.name} does not match its recorded SHA-256; run "evault verify-vault"`);
  }
  ensureExaminer(vault, signer);
  const { event } = vault.db.transaction(() =>
    appendEvent(vault.db, signer, { caseId: theCase.id, action: 'evidence.exported', evidence: row.id, details: { destination: dest, sha256 } }),
  )();
  return { path: dest, sha256, seq: event.seq };
}
