// SPDX-License-Identifier: UNLICENSED
// The custody event: what every action in a vault appends, signed over its RFC 8785 bytes.
import { canonicalize, type JsonValue } from '../canonicalJson.js';
import { utf8 } from '../encoding.js';
import { sha256Hex } from '../crypto/sha256.js';

export const CUSTODY_EVENT_TYPE = 'evault.custody.v1';
/** The log every vault has beside its per-case logs: examiner registrations and vault-wide actions. */
export const VAULT_LOG = 'vault';
export const GENESIS_PREV = '0'.repeat(64);

export const CUSTODY_ACTIONS = [
  'examiner.registered',
  'examiner.companion_bound',
  'case.created',
  'evidence.acquired',
  'evidence.verified',
  'evidence.exported',
  'note.added',
  'checkpoint.issued',
  'finding.recorded',
  'manifest.issued',
  'report.issued',
  'custody.transferred',
  'case.sealed',
  // An examiner showed a log record's personal data unredacted (details: record, piiTypes, reason).
  // Vaults written before this action existed recorded the same as note.added with
  // details.kind = 'pii.revealed'; readers accept both.
  'pii.revealed',
  'incident.updated',
  'incident.notified',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export interface CustodyEvent {
  type: typeof CUSTODY_EVENT_TYPE;
  /** Case id, or null for the vault-level log. */
  case: string | null;
  /** 1, 2, 3… within its log. */
  seq: number;
  /** RFC 3339 UTC with milliseconds, e.g. 2026-11-23T02:41:34.123Z. */
  at: string;
  /** Fingerprint of the examiner key that signed the event. */
  actor: string;
  action: CustodyAction;
  evidence: string | null;
  details: { [key: string]: JsonValue };
  /** Hex SHA-256 of the previous event's signed bytes; 64 zeros for the first event. */
  prev: string;
}

/** An event as stored and exported: the exact signed bytes, their hash and the signature. */
export interface SignedEvent {
  seq: number;
  bytes: Uint8Array;
  hash: string;
  signature: Uint8Array;
}

export function encodeEvent(event: CustodyEvent): Uint8Array {
  return utf8(canonicalize(event));
}

export function eventHash(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

/** RFC 3339 UTC with exactly three fractional digits, as `Date.prototype.toISOString` writes it. */
export const RFC3339_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function logName(caseId: string | null): string {
  return caseId ?? VAULT_LOG;
}
