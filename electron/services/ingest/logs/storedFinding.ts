// SPDX-License-Identifier: UNLICENSED
// The stored, signed form of a rule finding and its canonical line (RFC 8785), shared by the
// analysis thread that produces findings and the importer and verifier that bind and check them.
import { canonicalize } from '../../../../shared/canonicalJson.js';
import type { Finding } from '../../../../shared/findings.js';

/** The fields of a finding that are signed, in the form stored in the findings table. */
export interface StoredFinding {
  type: string;
  rule: string;
  atlas: string | null;
  severity: string;
  records: number[];
  field: string | null;
  start: number | null;
  end: number | null;
  explanation: string;
  score: number | null;
}

/**
 * The RFC 8785 line of a finding: canonicalize() of its ten fields, written out with the keys
 * already in canonical order (one is written per finding, hundreds of thousands per large log).
 */
export function findingLine(f: StoredFinding): string {
  return `{"atlas":${canonicalize(f.atlas)},"end":${canonicalize(f.end)},"explanation":${canonicalize(f.explanation)},"field":${canonicalize(f.field)},"records":${canonicalize(f.records)},"rule":${canonicalize(f.rule)},"score":${canonicalize(f.score)},"severity":${canonicalize(f.severity)},"start":${canonicalize(f.start)},"type":${canonicalize(f.type)}}\n`;
}

/** The stored, signed form of a finding (scores rounded so the canonical JSON is the same everywhere). */
export function toStoredFinding(f: Finding): StoredFinding {
  return {
    type: f.type,
    rule: f.rule,
    atlas: f.atlas,
    severity: f.severity,
    records: f.records,
    field: f.field ?? null,
    start: f.start ?? null,
    end: f.end ?? null,
    explanation: f.explanation,
    score: f.score === undefined ? null : Math.round(f.score * 1e6) / 1e6,
  };
}
