// SPDX-License-Identifier: UNLICENSED
// What detectors produce: PII matches and AI-incident findings, linked to log records.

export const PII_TYPES = ['pii.email', 'pii.phone', 'pii.credit_card', 'pii.us_ssn', 'pii.iban', 'pii.ip', 'pii.secret'] as const;
export type PiiType = (typeof PII_TYPES)[number];

export const AI_FINDING_TYPES = ['ai.prompt_injection', 'ai.system_prompt_exfiltration', 'ai.response_leak', 'ai.cross_tenant', 'ai.burst', 'ai.model_change'] as const;
export type AiFindingType = (typeof AI_FINDING_TYPES)[number];

export type FindingType = PiiType | AiFindingType;

/** A PII value found in a text; start/end are a half-open range of JS string (UTF-16) indices. */
export interface PiiMatch {
  type: PiiType;
  start: number;
  end: number;
  /** e.g. "visa", "aws_access_key", "e164", "ipv6". */
  subtype?: string;
}

export type Severity = 'info' | 'low' | 'medium' | 'high';

/** One finding of a rule, tied to the records it rests on. */
export interface Finding {
  type: FindingType;
  /** Rule id, e.g. "ai.injection.classifier". */
  rule: string;
  /** MITRE ATLAS technique id, or null where none applies. */
  atlas: string | null;
  severity: Severity;
  /** 0-based record indices within one log evidence item; the first is the primary record. */
  records: number[];
  /** JSON Pointer of the field, and the character span, where one applies. */
  field?: string;
  start?: number;
  end?: number;
  /** One or two sentences an investigator can put in a report: why this was flagged. */
  explanation: string;
  /** Classifier score in [0, 1] where a model was used. */
  score?: number;
}
