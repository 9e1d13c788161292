// SPDX-License-Identifier: UNLICENSED
// A notification regime as data: its clock start, deadlines and required fields, each with the
// article text it comes from. The computation (deadlines.ts) knows no regime by name.
import type { JsonValue } from '../canonicalJson.js';

/** A condition on the incident record: true when any of the tests holds. */
export interface Condition {
  any: { field: string; equals?: JsonValue; includes?: string }[];
  /** The condition in words, for the report. */
  text: string;
}

export interface RegimeDeadline {
  id: string;
  label: string;
  /** Field whose time starts this clock (times.awareness, times.causalLink). */
  from: string;
  /**
   * The outer limit in hours (days × 24: the rule text counts from the moment of awareness, and an
   * instant plus n × 24 h is the same instant whatever daylight saving does to local clocks); null
   * for "immediately" / "without undue delay", which have no number to compute.
   */
  hours: number | null;
  /** Applies only when this holds; always when absent. */
  when?: Condition;
  /** Article and the words that set the number. */
  cite: string;
}

export interface RequiredField {
  field: string;
  cite: string;
  /** Required only when the filing is late (e.g. GDPR Art. 33(1) reasons for delay). */
  whenLate?: boolean;
}

export interface RegimeRule {
  id: string;
  /** Bumped whenever anything below changes; the report records id, version and SHA-256. */
  version: string;
  title: string;
  instrument: string;
  recipient: string;
  /** Where the cited text was read (as in regulatory.md). */
  source: string;
  /** Informative: what makes the regime relevant. Applicability is counsel's decision. */
  relevantWhen: Condition;
  deadlines: RegimeDeadline[];
  required: RequiredField[];
  /** An exemption field that, when set to one of these values, discharges the duty (GDPR Art. 34(3)). */
  exemption?: { field: string; values: string[]; cite: string };
  notes: string[];
}
