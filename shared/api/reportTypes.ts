// SPDX-License-Identifier: UNLICENSED
// What the report and Verify screens receive from the services (JSON-safe, no keys).
import type { PdfOutline } from '../report/pdfOutline.js';

/** The report's sections, in the order the report prints them (electron/services/report/model.ts). */
// In the report's own order (electron/services/report/model.ts SECTIONS; a compile-time check keeps
// the two sets equal).
export const REPORT_SECTIONS = ['summary', 'incident', 'evidence', 'custody', 'methods', 'findings', 'assessment', 'verification', 'crosswalk'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/**
 * Report types the Report screen offers (shared/report/manifest.ts REPORT_TYPES; a compile-time
 * check in reportHandlers.ts keeps the two equal). Kept here so the preload bundle does not pull
 * in the manifest code.
 */
export const REPORT_TYPE_CHOICES = ['initial', 'follow-up', 'final', 'amendment'] as const;
export type ReportTypeChoice = (typeof REPORT_TYPE_CHOICES)[number];

export interface IssuedReportView {
  reportId: string;
  caseNumber: string;
  pdf: string;
  sig: string;
  pdfSha256: string;
  bytes: number;
  signer: string;
  checkpoint: { size: number; root: string };
  /** The earlier report this one proves consistency with, if any. */
  previous: string | null;
  evidence: number;
  findings: number;
  events: number;
  /** Sequence number of the report.issued custody event. */
  issuedSeq: number;
  /** Wall time of generation and signing in the service, in milliseconds. */
  elapsedMs: number;
  /**
   * Where that time went: gathering the model from the vault (main thread), rendering with pdfkit
   * (a worker thread) plus the signatures, and writing the files.
   */
  phasesMs: { collect: number; render: number; write: number };
  /** Page count and bookmarks of the written PDF (null if it could not be read back). */
  outline: PdfOutline | null;
  /** The text of the first two pages, line by line, read back from the written PDF (null if unreadable). */
  firstPages: string[][] | null;
}

/** One file of an evidence folder, hashed by the services for the report verifier. */
export interface HashedFile {
  path: string;
  sha256: string;
}
