// SPDX-License-Identifier: UNLICENSED
// The custody part of a report: the case log's events up to the report's checkpoint, the previous
// report's checkpoint with a consistency proof, and the examiners who acted.
import { toBase64, toHex } from '../../../shared/encoding.js';
import { VAULT_LOG, type CustodyEvent, type SignedEvent } from '../../../shared/custody/event.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { parseCheckpoint, parseNote } from '../../../shared/crypto/signedNote.js';
import { EvaultError } from '../../../shared/errors.js';
import type { ManifestCheckpoint, ManifestExaminer, ManifestPrevious } from '../../../shared/report/manifest.js';
import type { ReportIssuedDetails } from '../../../shared/report/names.js';
import type { IssuedCheckpoint } from '../vault/custodyLog.js';
import { proveConsistency } from '../vault/proofs.js';
import { listExaminers } from '../vault/queries/examiners.js';
import { logEvents, toSignedEvent } from '../vault/queries/events.js';
import type { Vault } from '../vault/vault.js';
import type { ModelEvent } from './model.js';

export function checkpointOf(note: string): ManifestCheckpoint {
  const body = parseCheckpoint(parseNote(note).text);
  return { note, origin: body.origin, size: body.size, root: toHex(body.root) };
}

export interface CustodyPart {
  signedEvents: SignedEvent[];
  parsed: CustodyEvent[];
  checkpoint: ManifestCheckpoint;
  previous: ManifestPrevious | null;
}

/** The case log's first `checkpoint.size` events (those the checkpoint covers) and the previous report. */
export function collectCustody(vault: Vault, caseId: string, issued: IssuedCheckpoint): CustodyPart {
  const checkpoint = checkpointOf(issued.note);
  const signedEvents = logEvents(vault.db, caseId).slice(0, checkpoint.size).map(toSignedEvent);
  const parsed = signedEvents.map((e) => parseEvent(e.bytes));
  let previous: ManifestPrevious | null = null;
  const last = parsed.filter((e) => e.action === 'report.issued').at(-1);
  if (last) {
    const d = last.details as unknown as ReportIssuedDetails;
    const prior = checkpointOf(d.checkpoint.note);
    if (prior.size > checkpoint.size || prior.size < 1) throw new EvaultError('DB_CORRUPT', `report ${d.reportId} checkpointed ${prior.size} events, more than the log has; run "evault verify-vault"`);
    const proof = proveConsistency(vault, caseId, prior.size, checkpoint.size);
    if (proof.oldRoot !== prior.root || proof.newRoot !== checkpoint.root) {
      throw new EvaultError('DB_CORRUPT', `the case log no longer extends the log report ${d.reportId} checkpointed; run "evault verify-vault"`);
    }
    previous = { reportId: d.reportId, pdfSha256: d.pdfSha256, issuedSeq: last.seq, checkpoint: prior, consistency: proof.proof };
  }
  return { signedEvents, parsed, checkpoint, previous };
}

/** The examiners who signed any of these events, and the report's signer. */
export function collectExaminers(vault: Vault, actors: ReadonlySet<string>): ManifestExaminer[] {
  return listExaminers(vault.db)
    .filter((e) => actors.has(e.fingerprint))
    .map((e) => ({ fingerprint: e.fingerprint, publicKey: toHex(new Uint8Array(e.public_key)), name: e.name, role: e.role }));
}

/** The signer's examiner.companion_bound event (exact bytes and signature) for this companion key. */
export function companionBinding(vault: Vault, fingerprint: string, spkiBase64: string): { event: string; signature: string } {
  const rows = vault.db.prepare("SELECT bytes, signature FROM events WHERE log = ? AND action = 'examiner.companion_bound' AND actor = ? ORDER BY seq").all(VAULT_LOG, fingerprint) as { bytes: Buffer; signature: Buffer }[];
  const row = rows.find((r) => (parseEvent(new Uint8Array(r.bytes)).details as { spki?: string }).spki === spkiBase64);
  if (!row) throw new EvaultError('NOT_FOUND', `the companion key of ${fingerprint.slice(0, 16)}… is not bound in this vault; run any signing command (e.g. "evault key register") first`);
  return { event: toBase64(new Uint8Array(row.bytes)), signature: toBase64(new Uint8Array(row.signature)) };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A short description of each event for the custody table. */
export function describeEvents(events: readonly CustodyEvent[], signed: readonly SignedEvent[], evidenceNames: ReadonlyMap<string, string>): ModelEvent[] {
  return events.map((e, i) => {
    const d = e.details as Record<string, unknown>;
    const name = e.evidence ? (evidenceNames.get(e.evidence) ?? e.evidence.slice(0, 8)) : '';
    const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
    const summary = ((): string => {
      switch (e.action) {
        case 'case.created':
          return `case ${str('number')}: ${str('title')}`;
        case 'evidence.acquired':
          return `${name} (${str('kind')}, ${Number(d.size).toLocaleString('en-US')} bytes)`;
        case 'evidence.verified':
          return `${name}: ${str('outcome')}`;
        case 'evidence.exported':
          return `${name}: ${str('kind') === 'disclosure' ? 'disclosure package' : 'copy exported'}`;
        case 'note.added':
          return str('text').replace(/\s+/g, ' ');
        case 'pii.revealed':
          return `${name}: record ${String(d.record)} shown unredacted (${Array.isArray(d.piiTypes) ? d.piiTypes.join(', ') : ''})${d.reason ? `: ${str('reason')}` : ''}`;
        case 'checkpoint.issued':
          return `tree size ${String(d.size)}, root ${str('root').slice(0, 16)}…`;
        case 'finding.recorded':
          return typeof d.count === 'number' ? `${name}: ${d.count} × ${str('type')}${d.rulesetVersion ? ` (rules ${str('rulesetVersion')})` : ''}` : `${name}: ${str('type')}${d.summary ? ` — ${str('summary')}` : ''}`;
        case 'report.issued':
          return `report ${str('reportId')}`;
        case 'custody.transferred':
          return `to ${str('toName')}${d.reason ? `: ${str('reason')}` : ''}`;
        case 'incident.updated':
          return `${str('field')} ${d.value === null ? 'cleared' : d.old === null ? 'set' : 'changed'}${str('source') ? ' (vault proposal)' : ''}`;
        case 'incident.notified':
          return `${str('regime')} notification to ${str('recipient')}${str('ref') ? `, ref ${str('ref')}` : ''}`;
        case 'case.sealed':
          return d.reason ? `sealed: ${str('reason')}` : 'sealed';
        default:
          return '';
      }
    })();
    return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, hash: signed[i]!.hash, evidence: e.evidence, summary: clip(summary, 120) };
  });
}
