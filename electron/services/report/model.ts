// SPDX-License-Identifier: UNLICENSED
// Everything a report shows, gathered from the vault once: rendering is a pure function of this
// model (plus the fonts), which is what makes a report reproducible byte for byte.
import type { SignedEvent } from '../../../shared/custody/event.js';
import type { IncidentRecord } from '../../../shared/incident/record.js';
import type { ManifestCheckpoint, ManifestEvidence, ManifestExaminer, ManifestFinding, ManifestIncident, ManifestPrevious, ManifestRecordProof, ReportManifest, ReportType } from '../../../shared/report/manifest.js';
import type { Section } from '../../../shared/report/options.js';
import type { ParsedCertificate } from '../../../shared/report/x509.js';

export { SECTIONS, type Section } from '../../../shared/report/options.js';

export interface ReportOptions {
  sections: Section[];
  /** Show cited log records unredacted (PII visible). */
  reveal: boolean;
  organisation: string | null;
  /** Classification banner printed on every page, e.g. "CONFIDENTIAL — LEGAL PRIVILEGE". */
  classification: string | null;
  /** Initial / follow-up / final / amendment; by default initial for a case's first report, else follow-up. */
  reportType?: ReportType;
  /**
   * Log records the examiner chose to cite, in the order given (absent when none: the key is then
   * left out, so such a report's options, id and manifest are as before). Shown in section 12 with
   * their inclusion proofs; recorded in manifest.json's signed options.
   */
  cite?: CiteRef[];
}

/** A log record by evidence id and 0-based record index in file order. */
export interface CiteRef {
  evidence: string;
  index: number;
}

export { MAX_CITED_RECORDS as MAX_CITED } from '../../../shared/report/options.js';

export interface CitedRecord {
  evidence: string;
  evidenceName: string;
  index: number;
  line: number;
  time: string | null;
  text: string;
  redacted: boolean;
  leafHash: string;
  auditPath: number;
  treeSize: number;
  recordsRoot: string;
  /** The inclusion proof was checked against the records root when the report was made. */
  proven: boolean;
}

export interface ModelEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  hash: string;
  evidence: string | null;
  /** A few words on what the event did, for the custody table. */
  summary: string;
}

export interface ReportModel {
  reportId: string;
  generatedAt: Date;
  tool: string;
  options: ReportOptions;
  case: ReportManifest['case'];
  signer: ReportManifest['signer'];
  certificates: ParsedCertificate[];
  examiners: ManifestExaminer[];
  evidence: ManifestEvidence[];
  findings: ManifestFinding[];
  /** Indices of the findings shown in full, with cited records. */
  detailed: number[];
  pii: ReportManifest['pii'];
  citations: Map<number, CitedRecord[]>;
  /** The records of `options.cite`, in that order. */
  examinerCited: CitedRecord[];
  recordProofs: ManifestRecordProof[];
  events: ModelEvent[];
  signedEvents: SignedEvent[];
  checkpoint: ManifestCheckpoint;
  previous: ManifestPrevious | null;
  /** The incident record folded from the events this report covers, its clocks and annex. */
  incident: ManifestIncident & { folded: IncidentRecord };
  /** Log records per time bucket, for the activity chart. */
  activity: { bucket: string; count: number }[];
  activityBucket: 'hour' | 'day';
}
