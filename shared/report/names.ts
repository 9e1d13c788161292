// SPDX-License-Identifier: UNLICENSED
// What a report.issued custody event carries. The names every verifier reproduces are in
// shared/custody/names.ts.

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
