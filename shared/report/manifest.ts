// SPDX-License-Identifier: UNLICENSED
// The report manifest: everything machine-readable about a signed report. It is embedded as
// manifest.json in its RFC 8785 canonical form — so the file bytes are exactly the bytes signed —
// and manifest.json.sig holds the raw Ed25519 signature over them, which
// `openssl pkeyutl -verify -rawin` checks on its own. It carries the SHA-256 of every other attachment.
import { canonicalize } from '../canonicalJson.js';
import { fromUtf8, utf8 } from '../encoding.js';
import type { IncidentAnnex } from '../incident/annex.js';
import type { HistoryEntry, recordForManifest } from '../incident/record.js';
import type { DeadlineReport } from '../regimes/deadlines.js';
import type { RegimeIdentity } from '../regimes/index.js';
import type { ReportType } from './options.js';

export const MANIFEST_TYPE = 'evault.report-manifest.v1';
export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_SIG_NAME = 'manifest.json.sig';
export const CUSTODY_NAME = 'custody.jsonl';
export const CERTIFICATE_NAME = 'signer-certificate.pem';
export const examinerPemName = (fingerprint: string): string => `examiner-${fingerprint.slice(0, 16)}.pem`;

export interface ManifestExaminer {
  fingerprint: string;
  /** Raw Ed25519 public key, hex. */
  publicKey: string;
  name: string;
  role: string | null;
}

export interface ManifestEvidence {
  id: string;
  name: string;
  kind: string;
  size: number;
  sha256: string;
  md5: string | null;
  sha1: string | null;
  acquiredAt: string;
  acquiredBy: string;
  /** Seq of the signed evidence.acquired event in the case log. */
  acquisitionSeq: number;
  lastVerification: { outcome: string; at: string; seq: number } | null;
  log: { format: string; records: number; malformed: number; recordsRoot: string; firstTime: string | null; lastTime: string | null } | null;
  /** For model artifacts: format, pickle-scanner verdict, tensor count, parameters and the weights root. */
  model: { format: string; verdict: string | null; tensors: number; parameters: number; weightsRoot: string | null } | null;
}

export interface ManifestRecordProof {
  evidence: string;
  index: number;
  leafHash: string;
  treeSize: number;
  /** RFC 9162 audit path, leaf to root, hex. */
  proof: string[];
}

export interface ManifestFinding {
  type: string;
  rule: string;
  rulesetVersion: string | null;
  atlas: string | null;
  severity: string;
  evidence: string;
  records: number[];
  field: string | null;
  explanation: string;
  score: number | null;
  /** Seq of the finding.recorded event that signs it. */
  eventSeq: number | null;
}

export interface ManifestCheckpoint {
  /** The complete C2SP signed note. */
  note: string;
  origin: string;
  size: number;
  /** Hex RFC 9162 root. */
  root: string;
}

export interface ManifestPrevious {
  reportId: string;
  pdfSha256: string;
  /** Seq of that report's report.issued event. */
  issuedSeq: number;
  checkpoint: ManifestCheckpoint;
  /** RFC 9162 §2.1.4 proof that the current checkpoint's tree extends the previous one. */
  consistency: string[];
}

export interface ManifestAttachment {
  name: string;
  sha256: string;
  size: number;
  mime: string;
}

export { REPORT_TYPES, type ReportType } from './options.js';

/** The incident record as of the report's checkpoint, its clocks, and the annex for other tools. */
export interface ManifestIncident {
  reportType: ReportType;
  /** The previous report of the case, which an amendment or follow-up supersedes. */
  supersedes: string | null;
  /** Folded from the incident events among the custody events; `evault verify` refolds and compares. */
  record: ReturnType<typeof recordForManifest>;
  history: HistoryEntry[];
  /** Fields whose value changed since the previous report's checkpoint (value hashes). */
  changes: { since: string; fields: { field: string; old: string | null; new: string | null }[] } | null;
  /** computeDeadlines at the generation time. */
  deadlines: DeadlineReport;
  /** The regime rule files used: id, version, SHA-256 of their RFC 8785 form. */
  regimes: RegimeIdentity[];
  annex: IncidentAnnex;
}

export interface ReportManifest {
  type: typeof MANIFEST_TYPE;
  reportId: string;
  generatedAt: string;
  tool: string;
  /** `cite`: the log records the examiner chose to cite (absent when none), each also in recordProofs. */
  options: { sections: string[]; reveal: boolean; organisation: string | null; classification: string | null; cite?: { evidence: string; index: number }[] };
  case: { id: string; number: string; title: string; description: string | null; vault: string; createdAt: string };
  signer: ManifestExaminer & {
    companion: {
      /** DER SubjectPublicKeyInfo of the ECDSA P-256 key, base64. */
      spki: string;
      certificateSha256: string;
      /** The examiner.companion_bound event of the vault log: exact bytes and Ed25519 signature, base64. */
      bound: { event: string; signature: string };
    };
  };
  examiners: ManifestExaminer[];
  evidence: ManifestEvidence[];
  /** AI-incident findings, each signed through its finding.recorded event. */
  findings: ManifestFinding[];
  /** PII matches per evidence item and type (the matches themselves are covered by the signed pii.scan digest). */
  pii: { evidence: string; type: string; count: number; records: number }[];
  recordProofs: ManifestRecordProof[];
  custody: { log: string; size: number; events: { seq: number; hash: string }[] };
  checkpoint: ManifestCheckpoint;
  previous: ManifestPrevious | null;
  /** Absent in reports made before the incident record existed. */
  incident?: ManifestIncident;
  attachments: ManifestAttachment[];
}

export function encodeManifest(m: ReportManifest): Uint8Array {
  return utf8(canonicalize(m));
}

/** Parses manifest bytes; throws TypeError naming the first field that is missing or mistyped. */
export function parseManifest(bytes: Uint8Array): ReportManifest {
  const m = JSON.parse(fromUtf8(bytes)) as ReportManifest;
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new TypeError(`manifest: ${what}`);
  };
  need(typeof m === 'object' && m !== null && m.type === MANIFEST_TYPE, `type is not ${MANIFEST_TYPE}`);
  need(typeof m.reportId === 'string' && typeof m.generatedAt === 'string', 'reportId or generatedAt missing');
  need(typeof m.case === 'object' && m.case !== null && typeof m.case.id === 'string' && typeof m.case.vault === 'string', 'case missing');
  need(typeof m.signer === 'object' && m.signer !== null && /^[0-9a-f]{64}$/.test(m.signer.publicKey) && typeof m.signer.companion?.spki === 'string', 'signer missing');
  need(Array.isArray(m.examiners) && Array.isArray(m.evidence) && Array.isArray(m.findings) && Array.isArray(m.pii) && Array.isArray(m.recordProofs), 'lists missing');
  need(typeof m.custody === 'object' && m.custody !== null && Array.isArray(m.custody.events), 'custody missing');
  need(typeof m.checkpoint === 'object' && m.checkpoint !== null && typeof m.checkpoint.note === 'string', 'checkpoint missing');
  need(Array.isArray(m.attachments), 'attachments missing');
  return m;
}
