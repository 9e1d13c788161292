// SPDX-License-Identifier: UNLICENSED
// What the services return to the UI: plain JSON-safe data (structured-clone and JSON alike), never
// keys, passphrases or database rows as such.
import type { ProofReport } from '../proofs/recordProof.js';

export type Severity = 'info' | 'low' | 'medium' | 'high';

export interface IdentitySummary {
  fingerprint: string;
  name: string;
  role: string | null;
  organisation: string | null;
  createdAt: string;
}

export interface SessionStatus {
  /** 'electron' in the desktop app, 'browser' through the loopback bridge. */
  mode: 'electron' | 'browser';
  /** Whether the host can show native file dialogs (otherwise the UI asks for paths as text). */
  nativeDialogs: boolean;
  identities: IdentitySummary[];
  /** The unlocked examiner, or null when locked. */
  unlocked: IdentitySummary | null;
  vault: { dir: string; exists: boolean; id: string | null };
  keystoreDir: string;
  idleLockMinutes: number;
}

export interface CaseSummary {
  id: string;
  number: string;
  title: string;
  description: string | null;
  createdAt: string;
  createdBy: string;
  createdByName: string | null;
  sealed: boolean;
  evidenceCount: number;
  eventCount: number;
}

export interface CaseDashboard {
  case: CaseSummary;
  evidenceByKind: Record<string, number>;
  totalBytes: number;
  logRecords: number;
  findingsBySeverity: Record<Severity, number>;
  findingsByType: Record<string, number>;
  lastVerification: { at: string; by: string; byName: string | null; match: number; mismatch: number; missing: number } | null;
  lastCheckpoint: { at: string; size: number; root: string } | null;
}

export interface EvidenceItem {
  id: string;
  name: string;
  kind: string;
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  stored: boolean;
  sourcePath: string;
  acquiredAt: string;
  acquiredBy: string;
  acquiredByName: string | null;
  eventSeq: number;
  log: { format: string; records: number; malformed: number; firstTs: string | null; lastTs: string | null } | null;
  /** Outcome of the latest re-hash recorded for this item, if any. */
  lastVerified: { at: string; outcome: 'match' | 'mismatch' | 'missing' } | null;
}

export interface ImportProgress {
  importId: string;
  name: string;
  index: number;
  count: number;
  bytesDone: number;
  bytesTotal: number;
  phase: 'hashing' | 'recording' | 'done' | 'failed' | 'cancelled';
}

export interface ImportedItemView {
  id: string;
  name: string;
  sha256: string;
  size: number;
  kind: string;
  duplicate: boolean;
  log: { format: string; records: number; malformed: number; pii: number; findings: number } | null;
}

export interface EvidenceVerificationView {
  id: string;
  name: string;
  outcome: 'match' | 'mismatch' | 'missing';
  expected: string;
  found: string | null;
  seq: number;
}

export interface RecordView {
  evidence: string;
  evidenceName: string;
  record: number;
  line: number;
  ts: string | null;
  malformed: string | null;
  text: string;
  redacted: boolean;
  /** PII types matched in this record (shown redacted unless revealed). */
  pii: string[];
  /** Finding types whose records include this one. */
  findings: { type: string; severity: Severity }[];
  user: string | null;
  session: string | null;
  tenant: string | null;
}

export interface RecordPage {
  evidence: string;
  total: number;
  start: number;
  records: RecordView[];
}

export interface TimelineBucket {
  bucket: string;
  key: string | null;
  count: number;
}

export interface FindingView {
  evidence: string;
  evidenceName: string;
  /** The log record it rests on; null for a finding recorded only as a custody event (model diff, pickle scan). */
  record: number | null;
  records: number[];
  type: string;
  rule: string;
  atlas: string | null;
  severity: Severity;
  field: string | null;
  explanation: string;
  score: number | null;
  /** Set for a finding recorded only as a signed finding.recorded event. */
  recorded?: RecordedFindingView;
}

export interface RecordedFindingView {
  /** Every evidence item involved (both sides of a diff); evidence is null for a side that was a file on disk. */
  items: { evidence: string | null; name: string }[];
  seq: number;
  hash: string;
  at: string;
  actor: string;
  actorName: string | null;
}

export interface CustodyEventView {
  log: string;
  seq: number;
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  evidence: string | null;
  details: unknown;
  hash: string;
  prev: string;
}

export interface VerifyCheck {
  /** Stable id of the check group, e.g. 'signatures'. */
  id: string;
  label: string;
  ok: boolean;
  problems: { code: string; message: string; where: string; expected?: string; found?: string }[];
}

export interface VaultVerificationView {
  ok: boolean;
  at: string;
  counts: { logs: number; events: number; evidence: number; objects: number; checkpoints: number };
  checks: VerifyCheck[];
  warnings: { code: string; message: string; where: string }[];
}

export interface CheckpointView {
  log: string;
  size: number;
  root: string;
  note: string;
}

export interface DisclosureView {
  dir: string;
  packagePath: string;
  records: number;
  redacted: number;
  seq: number;
}

export type { ProofReport };
