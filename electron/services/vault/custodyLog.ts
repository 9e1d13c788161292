// SPDX-License-Identifier: UNLICENSED
// Appending to a custody log and building its Merkle proofs and checkpoints.
import type { JsonValue } from '../../../shared/canonicalJson.js';
import {
  CUSTODY_EVENT_TYPE,
  GENESIS_PREV,
  encodeEvent,
  eventHash,
  logName,
  type CustodyAction,
  type CustodyEvent,
} from '../../../shared/custody/event.js';
import { checkpointOrigin, noteKeyName } from '../../../shared/custody/names.js';
import { toHex } from '../../../shared/encoding.js';
import { leafHash, merkleRoot } from '../../../shared/crypto/merkle.js';
import { formatCheckpoint, signNote } from '../../../shared/crypto/signedNote.js';
import type { Signer } from '../keys/signer.js';
import type { Db } from './db.js';
import { insertEvent, lastEvent, logEvents } from './queries/events.js';
import { insertCheckpoint } from './queries/checkpoints.js';

export interface AppendInput {
  caseId: string | null;
  action: CustodyAction;
  evidence?: string | null;
  details?: { [key: string]: JsonValue };
}

export interface AppendedEvent {
  event: CustodyEvent;
  hash: string;
}

/**
 * Appends one signed event. Call inside a db.transaction so the event lands together with the rows
 * it describes, or not at all.
 */
export function appendEvent(db: Db, signer: Signer, input: AppendInput): AppendedEvent {
  const log = logName(input.caseId);
  const last = lastEvent(db, log);
  const event: CustodyEvent = {
    type: CUSTODY_EVENT_TYPE,
    case: input.caseId,
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: signer.fingerprint,
    action: input.action,
    evidence: input.evidence ?? null,
    details: input.details ?? {},
    prev: last?.hash ?? GENESIS_PREV,
  };
  const bytes = encodeEvent(event);
  const hash = eventHash(bytes);
  insertEvent(db, {
    log,
    seq: event.seq,
    case_id: input.caseId,
    action: event.action,
    actor: event.actor,
    evidence_id: event.evidence,
    at: event.at,
    bytes: Buffer.from(bytes),
    hash,
    signature: Buffer.from(signer.sign(bytes)),
  });
  return { event, hash };
}

/** RFC 9162 leaf hashes of a log's events, in order: leaf i is event seq i+1. */
export function logLeaves(db: Db, log: string): Uint8Array[] {
  return logEvents(db, log).map((row) => leafHash(new Uint8Array(row.bytes)));
}


export interface IssuedCheckpoint {
  log: string;
  size: number;
  root: string;
  note: string;
}

/**
 * Signs a checkpoint of the log as it is now, stores it, and records a checkpoint.issued event
 * (which itself becomes the next leaf, to be covered by the next checkpoint).
 */
export function issueCheckpoint(db: Db, signer: Signer, vaultId: string, caseId: string | null): IssuedCheckpoint {
  return db.transaction(() => {
    const log = logName(caseId);
    const leaves = logLeaves(db, log);
    const root = merkleRoot(leaves);
    const body = formatCheckpoint({ origin: checkpointOrigin(vaultId, log), size: leaves.length, root });
    const note = signNote(body, noteKeyName(signer.fingerprint), signer.publicKey, (m) => signer.sign(m));
    const issued: IssuedCheckpoint = { log, size: leaves.length, root: toHex(root), note };
    insertCheckpoint(db, { ...issued, signer: signer.fingerprint, issued_at: new Date().toISOString() });
    appendEvent(db, signer, { caseId, action: 'checkpoint.issued', details: { size: issued.size, root: issued.root } });
    return issued;
  })();
}
