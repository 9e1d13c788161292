// SPDX-License-Identifier: UNLICENSED
// What the report and Verify screens receive from the services (JSON-safe, no keys).
import type { PdfOutline } from '../report/pdfOutline.js';

import type { Section, ReportType } from '../report/options.js';

/** The report's sections, in the order the report prints them, and its types (one list each). */
export { SECTIONS as REPORT_SECTIONS, REPORT_TYPES as REPORT_TYPE_CHOICES } from '../report/options.js';
export type ReportSection = Section;
export type ReportTypeChoice = ReportType;

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
   * Where that time went, all in the services' report worker thread: gathering the model from the
   * vault, rendering with pdfkit plus the signatures (made in main), and writing the files.
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

/**
 * Progress of a report being generated (the `reportProgress` event): gathering from the vault,
 * rendering and signing the PDF, writing the files; then how it ended. Counts are given where they
 * are known for free (after gathering: the model's sizes; after rendering: the PDF's size).
 */
export interface ReportProgress {
  caseId: string;
  phase: 'queued' | 'collecting' | 'rendering' | 'writing' | 'done' | 'failed' | 'cancelled';
  evidence?: number;
  findings?: number;
  events?: number;
  bytes?: number;
}
