// SPDX-License-Identifier: UNLICENSED
// Names the vault writes that a report verifier must reproduce. The vault side
// (electron/services/vault/custodyLog.ts, cases.ts) defines the same; a unit test keeps them equal.
import { utf8 } from '../encoding.js';

/** tlog-checkpoint origin of a log: unique per vault and log. */
export function checkpointOrigin(vaultId: string, log: string): string {
  return `evidence-vault/${vaultId}/${log}`;
}

/** The signed-note key name of an examiner. */
export function noteKeyName(fingerprint: string): string {
  return `evault-examiner-${fingerprint.slice(0, 16)}`;
}

/** What the companion key signs to prove it belongs with the Ed25519 identity. */
export function companionPossessionMessage(fingerprint: string): Uint8Array {
  return utf8(`evidence-vault companion key of ${fingerprint}`);
}

/** The details of a report.issued custody event. */
export interface ReportIssuedDetails {
  reportId: string;
  pdfSha256: string;
  checkpoint: { size: number; root: string; note: string };
  sections: string[];
  reveal: boolean;
  /** initial / follow-up / final / amendment (absent in reports made before the incident record). */
  reportType?: string;
}
