// SPDX-License-Identifier: UNLICENSED
// Pure verification of one custody log: every byte, link, sequence number and signature.
// Takes bytes, returns every problem found; never touches a database or the network.
import { canonicalize } from '../canonicalJson.js';
import { fromUtf8 } from '../encoding.js';
import type { Ed25519Verify } from '../crypto/ed25519.js';
import {
  CUSTODY_ACTIONS,
  CUSTODY_EVENT_TYPE,
  GENESIS_PREV,
  RFC3339_UTC_MS,
  eventHash,
  type CustodyEvent,
  type SignedEvent,
} from './event.js';

export type VerifyCode =
  | 'EVENT_MALFORMED'
  | 'EVENT_NOT_CANONICAL'
  | 'EVENT_HASH_MISMATCH'
  | 'SEQ_GAP'
  | 'LOG_MISMATCH'
  | 'CHAIN_BROKEN'
  | 'UNKNOWN_SIGNER'
  | 'SIGNATURE_INVALID'
  | 'CHECKPOINT_INVALID'
  | 'ROOT_MISMATCH'
  | 'OBJECT_MISSING'
  | 'OBJECT_HASH_MISMATCH'
  | 'EVIDENCE_MISMATCH'
  | 'EVIDENCE_MISSING'
  | 'RECORDS_MISMATCH'
  | 'FINDINGS_MISMATCH'
  | 'PLACEHOLDER_CLASH'
  | 'EXAMINER_MISMATCH'
  | 'CASE_MISMATCH'
  | 'INCIDENT_MISMATCH'
  | 'SOURCE_UNAVAILABLE'
  | 'ORPHAN_OBJECT'
  | 'DB_FROM_FUTURE'
  | 'DB_CORRUPT';

/** One failed check, precise enough to find the item: which log, which seq, which object. */
export interface VerifyIssue {
  code: VerifyCode;
  log?: string;
  seq?: number;
  evidence?: string;
  object?: string;
  message: string;
  expected?: string;
  found?: string;
}

export interface LogVerification {
  events: number;
  issues: VerifyIssue[];
  /** Events that parsed, in order, for callers that check evidence rows against them. */
  parsed: Map<number, CustodyEvent>;
}

export function parseEvent(bytes: Uint8Array): CustodyEvent {
  const value = JSON.parse(fromUtf8(bytes)) as unknown;
  assertCustodyEvent(value);
  return value;
}

export function assertCustodyEvent(v: unknown): asserts v is CustodyEvent {
  const fail = (why: string): never => {
    throw new TypeError(`not a custody event: ${why}`);
  };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('not an object');
  const e = v as Record<string, unknown>;
  if (e.type !== CUSTODY_EVENT_TYPE) fail(`type is ${JSON.stringify(e.type)}`);
  if (e.case !== null && typeof e.case !== 'string') fail('case is not a string or null');
  if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 1) fail('seq is not a positive integer');
  if (typeof e.at !== 'string' || !RFC3339_UTC_MS.test(e.at) || Number.isNaN(Date.parse(e.at))) fail('at is not RFC 3339 UTC');
  if (typeof e.actor !== 'string' || !/^[0-9a-f]{64}$/.test(e.actor)) fail('actor is not a key fingerprint');
  if (!(CUSTODY_ACTIONS as readonly unknown[]).includes(e.action)) fail(`unknown action ${JSON.stringify(e.action)}`);
  if (e.evidence !== null && typeof e.evidence !== 'string') fail('evidence is not a string or null');
  if (typeof e.details !== 'object' || e.details === null || Array.isArray(e.details)) fail('details is not an object');
  if (typeof e.prev !== 'string' || !/^[0-9a-f]{64}$/.test(e.prev)) fail('prev is not a SHA-256 hex digest');
}

/**
 * Verifies one log. `caseId` is the case the log belongs to (null for the vault log); `keys` maps
 * key fingerprints to raw public keys.
 */
export function verifyLog(
  log: string,
  caseId: string | null,
  entries: readonly SignedEvent[],
  keys: ReadonlyMap<string, Uint8Array>,
  verify: Ed25519Verify,
): LogVerification {
  const issues: VerifyIssue[] = [];
  const parsed = new Map<number, CustodyEvent>();
  let prevHash = GENESIS_PREV;
  let prevSeq = 0;
  for (const entry of entries) {
    const at = { log, seq: entry.seq };
    // Compared with the previous stored entry, so one deleted event is reported once, where it was.
    const expectedSeq = prevSeq + 1;
    prevSeq = entry.seq;
    if (entry.seq !== expectedSeq) {
      issues.push({ ...at, code: 'SEQ_GAP', message: 'sequence number out of order or missing', expected: String(expectedSeq), found: String(entry.seq) });
    }
    const actualHash = eventHash(entry.bytes);
    if (actualHash !== entry.hash) {
      issues.push({ ...at, code: 'EVENT_HASH_MISMATCH', message: 'stored event hash does not match the event bytes', expected: actualHash, found: entry.hash });
    }
    let event: CustodyEvent | undefined;
    try {
      event = parseEvent(entry.bytes);
    } catch (err) {
      issues.push({ ...at, code: 'EVENT_MALFORMED', message: (err as Error).message });
    }
    if (event) {
      parsed.set(entry.seq, event);
      if (canonicalize(event) !== fromUtf8(entry.bytes)) {
        issues.push({ ...at, code: 'EVENT_NOT_CANONICAL', message: 'event bytes are not RFC 8785 canonical JSON' });
      }
      if (event.seq !== entry.seq || event.case !== caseId) {
        issues.push({
          ...at,
          code: 'LOG_MISMATCH',
          message: 'event names a different log position than where it is stored',
          expected: `case=${caseId} seq=${entry.seq}`,
          found: `case=${event.case} seq=${event.seq}`,
        });
      }
      if (event.prev !== prevHash) {
        issues.push({ ...at, code: 'CHAIN_BROKEN', message: 'prev does not match the hash of the previous event', expected: prevHash, found: event.prev });
      }
      const key = keys.get(event.actor);
      if (!key) {
        issues.push({ ...at, code: 'UNKNOWN_SIGNER', message: `signer ${event.actor} is not a registered examiner` });
      } else if (!verify(entry.signature, entry.bytes, key)) {
        issues.push({ ...at, code: 'SIGNATURE_INVALID', message: `Ed25519 signature by ${event.actor} does not verify` });
      }
    }
    prevHash = actualHash;
  }
  return { events: entries.length, issues, parsed };
}
