// SPDX-License-Identifier: UNLICENSED
// Case-level actions: create, register examiners, notes, custody transfer, sealing.
import { createHash, randomUUID } from 'node:crypto';
import { VAULT_LOG } from '../../../shared/custody/event.js';
import { companionPossessionMessage } from '../../../shared/custody/names.js';
import { EvaultError } from '../../../shared/errors.js';
import type { Signer } from '../keys/signer.js';
import { appendEvent, type AppendedEvent } from './custodyLog.js';
import { findCase, insertCase, type CaseRow } from './queries/cases.js';
import { getExaminer, insertExaminer } from './queries/examiners.js';
import { hasAction } from './queries/events.js';
import type { Vault } from './vault.js';

/**
 * Binds the signer's ECDSA P-256 companion key to its Ed25519 identity with a signed
 * examiner.companion_bound event in the vault log (once per key pair), carrying the companion's
 * SPKI and its signature over the identity's fingerprint as proof of possession.
 */
function ensureCompanionBound(vault: Vault, signer: Signer): void {
  const companion = signer.companion;
  if (!companion) return;
  const spki = Buffer.from(companion.spki).toString('base64');
  const bound = (vault.db.prepare("SELECT bytes FROM events WHERE log = ? AND action = 'examiner.companion_bound' AND actor = ?").all(VAULT_LOG, signer.fingerprint) as { bytes: Buffer }[]).some(
    (r) => (JSON.parse(r.bytes.toString('utf8')) as { details: { spki?: string } }).details.spki === spki,
  );
  if (bound) return;
  vault.db.transaction(() =>
    appendEvent(vault.db, signer, {
      caseId: null,
      action: 'examiner.companion_bound',
      details: {
        fingerprint: signer.fingerprint,
        alg: 'ECDSA-P256',
        spki,
        spkiSha256: createHash('sha256').update(companion.spki).digest('hex'),
        possession: Buffer.from(companion.sign(companionPossessionMessage(signer.fingerprint))).toString('base64'),
      },
    }),
  )();
}

/** Registers the signer in the vault-level log if it is not there yet (a signed examiner.registered event). */
export function ensureExaminer(vault: Vault, signer: Signer): boolean {
  if (getExaminer(vault.db, signer.fingerprint)) {
    ensureCompanionBound(vault, signer);
    return false;
  }
  vault.db.transaction(() => {
    const { event } = appendEvent(vault.db, signer, {
      caseId: null,
      action: 'examiner.registered',
      details: {
        fingerprint: signer.fingerprint,
        publicKey: Buffer.from(signer.publicKey).toString('hex'),
        name: signer.name,
        role: signer.role,
        // Only when given, so an examiner without one signs the same details as before schema 4.
        ...(signer.organisation ? { organisation: signer.organisation } : {}),
      },
    });
    insertExaminer(vault.db, {
      fingerprint: signer.fingerprint,
      public_key: Buffer.from(signer.publicKey),
      name: signer.name,
      role: signer.role,
      organisation: signer.organisation,
      registered_seq: event.seq,
    });
  })();
  ensureCompanionBound(vault, signer);
  return true;
}

export function requireCase(vault: Vault, ref: string): CaseRow {
  const row = findCase(vault.db, ref);
  if (!row) throw new EvaultError('NOT_FOUND', `no case "${ref}" in this vault; "evault case list" shows the cases`);
  return row;
}

export function isSealed(vault: Vault, caseId: string): boolean {
  return hasAction(vault.db, caseId, 'case.sealed');
}

/** Refuses any change to a sealed case: after sealing only verification and export are allowed. */
export function requireOpenCase(vault: Vault, ref: string): CaseRow {
  const row = requireCase(vault, ref);
  if (isSealed(vault, row.id)) {
    throw new EvaultError('CASE_SEALED', `case ${row.number} is sealed; it accepts only verification and export`);
  }
  return row;
}

export function createCase(vault: Vault, signer: Signer, input: { number: string; title: string; description?: string | null }): CaseRow {
  const number = input.number.trim();
  const title = input.title.trim();
  if (!number || !title) throw new EvaultError('BAD_INPUT', 'a case needs a number (--number) and a title (--title)');
  if (number === VAULT_LOG) throw new EvaultError('BAD_INPUT', `"${VAULT_LOG}" is reserved; choose another case number`);
  if (findCase(vault.db, number)) throw new EvaultError('ALREADY_EXISTS', `case number ${number} already exists in this vault`);
  ensureExaminer(vault, signer);
  const row: CaseRow = {
    id: randomUUID(),
    number,
    title,
    description: input.description?.trim() || null,
    created_at: new Date().toISOString(),
    created_by: signer.fingerprint,
  };
  vault.db.transaction(() => {
    insertCase(vault.db, row);
    appendEvent(vault.db, signer, {
      caseId: row.id,
      action: 'case.created',
      details: { number: row.number, title: row.title, description: row.description, vault: vault.id },
    });
  })();
  return row;
}

function appendToOpenCase(vault: Vault, signer: Signer, caseRef: string, make: (c: CaseRow) => Parameters<typeof appendEvent>[2]): AppendedEvent {
  const c = requireOpenCase(vault, caseRef);
  ensureExaminer(vault, signer);
  return vault.db.transaction(() => appendEvent(vault.db, signer, make(c)))();
}

export function addNote(vault: Vault, signer: Signer, caseRef: string, text: string, evidenceId?: string): AppendedEvent {
  if (!text.trim()) throw new EvaultError('BAD_INPUT', 'a note needs some text');
  return appendToOpenCase(vault, signer, caseRef, (c) => ({ caseId: c.id, action: 'note.added', evidence: evidenceId ?? null, details: { text } }));
}

export function transferCustody(vault: Vault, signer: Signer, caseRef: string, toFingerprint: string, reason: string | null): AppendedEvent {
  const to = getExaminer(vault.db, toFingerprint);
  if (!to) {
    throw new EvaultError('NOT_FOUND', `examiner ${toFingerprint} is not registered in this vault; they must run a signing command here first (e.g. "evault key register")`);
  }
  return appendToOpenCase(vault, signer, caseRef, (c) => ({
    caseId: c.id,
    action: 'custody.transferred',
    details: { from: signer.fingerprint, to: to.fingerprint, toName: to.name, reason },
  }));
}

export function sealCase(vault: Vault, signer: Signer, caseRef: string, reason: string | null): AppendedEvent {
  return appendToOpenCase(vault, signer, caseRef, (c) => ({ caseId: c.id, action: 'case.sealed', details: { reason } }));
}
