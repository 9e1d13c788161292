// SPDX-License-Identifier: UNLICENSED
// A manifest written for a case is a custody event: what was listed, in which format, and the
// SHA-256 of the exact manifest bytes handed out (so a copy met later can be matched to the event).
import { createHash } from 'node:crypto';
import type { JsonValue } from '../../../shared/canonicalJson.js';
import { VAULT_LOG } from '../../../shared/custody/event.js';
import type { Signer } from '../keys/signer.js';
import { ensureExaminer, requireOpenCase } from '../vault/cases.js';
import { appendEvent, type AppendedEvent } from '../vault/custodyLog.js';
import type { Vault } from '../vault/vault.js';

export function recordManifestIssued(vault: Vault, signer: Signer, caseRef: string, manifest: Uint8Array, details: { [key: string]: JsonValue }): AppendedEvent {
  const theCase = requireOpenCase(vault, caseRef);
  ensureExaminer(vault, signer);
  const sha256 = createHash('sha256').update(manifest).digest('hex');
  return vault.db.transaction(() => appendEvent(vault.db, signer, { caseId: theCase.id, action: 'manifest.issued', details: { ...details, bytes: manifest.length, sha256 } }))();
}

/** Companion keys bound in the vault (DER SPKI), for checking bundles made by its examiners. */
export function boundCompanionKeys(vault: Vault): Uint8Array[] {
  const rows = vault.db.prepare("SELECT bytes FROM events WHERE log = ? AND action = 'examiner.companion_bound'").pluck().all(VAULT_LOG) as Buffer[];
  return rows.map((b) => (JSON.parse(b.toString('utf8')) as { details: { spki: string } }).details.spki).filter((s) => typeof s === 'string').map((s) => new Uint8Array(Buffer.from(s, 'base64')));
}
