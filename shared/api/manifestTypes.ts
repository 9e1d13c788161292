// SPDX-License-Identifier: UNLICENSED
// What the manifest views receive: a written manifest, and a manifest checked against a folder
// (hashdeep's matched/moved/new/missing/changed, or an OpenSSF model signature's checks and files).
import type { AuditResult } from '../manifests/hashdeep.js';
import type { OmsCheck } from '../manifests/oms.js';

export interface ManifestWritten {
  format: 'hashdeep' | 'oms';
  out: string;
  files: number;
  /** SHA-256 of the manifest file written. */
  sha256: string;
  /** Set when it was recorded in a case as a signed manifest.issued event. */
  recorded?: { caseId: string; caseNumber: string; seq: number; hash: string };
}

export interface ManifestCheck {
  format: 'hashdeep' | 'oms';
  passed: boolean;
  /** hashdeep: the audit, like `hashdeep -a -vv`. */
  audit: AuditResult | null;
  /** oms: signature, statement and root digest checks. */
  checks: OmsCheck[];
  /** oms: per-file outcome when a folder was given. */
  files: { name: string; status: 'match' | 'changed' | 'missing' | 'unsigned' }[];
  /** Lines of the manifest that were not understood. */
  problems: string[];
}
