// SPDX-License-Identifier: UNLICENSED
// The report's sections and types: one list each, for the report service, the CLI, the API contract
// and the Report screen. Constants only, so the sandboxed preload can bundle it without the report
// code.

/**
 * In the order of regulatory.md §7: summary (1), incident record (2–8), evidence (9), custody (10),
 * methods (11), findings (12), assessment and filings (13–19), verification (20), cross-walk (21).
 */
export const SECTIONS = ['summary', 'incident', 'evidence', 'custody', 'methods', 'findings', 'assessment', 'verification', 'crosswalk'] as const;
export type Section = (typeof SECTIONS)[number];

export const REPORT_TYPES = ['initial', 'follow-up', 'final', 'amendment'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** At most this many log records cited by hand in one report (each is a box of text and a proof). */
export const MAX_CITED_RECORDS = 200;
