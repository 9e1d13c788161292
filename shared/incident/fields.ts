// SPDX-License-Identifier: UNLICENSED
// The incident record's fields, grouped and ordered as the report sections they fill
// (regulatory.md §7), and the parsing of a value as an examiner types it. Pure: the CLI, the
// services and the app validate with the same code.
import type { JsonValue } from '../canonicalJson.js';
import { EvaultError } from '../errors.js';
import { checkTimeZone, parseRfc3339, type EnteredTime } from './time.js';

export type FieldKind = 'text' | 'time' | 'bool' | 'int' | 'list' | 'enum' | 'measure' | 'zone';

/** The record's groups, in report order; `section` is the row of regulatory.md §7 it fills. */
export const INCIDENT_GROUPS = [
  { id: 'parties', section: 2, title: 'Parties and legal authority' },
  { id: 'regimes', section: 3, title: 'Regimes and clocks' },
  { id: 'times', section: 4, title: 'Key times' },
  { id: 'system', section: 5, title: 'AI system' },
  { id: 'classification', section: 6, title: 'Classification' },
  { id: 'impact', section: 7, title: 'Impact' },
  { id: 'narrative', section: 8, title: 'Narrative' },
  { id: 'methods', section: 11, title: 'Methods and validation' },
  { id: 'opinions', section: 13, title: 'Opinions and limitations' },
  { id: 'assessment', section: 14, title: 'Root cause and risk assessment' },
  { id: 'measures', section: 15, title: 'Measures' },
  { id: 'notice', section: 16, title: 'Data-subject notice' },
  { id: 'disposition', section: 18, title: 'Evidence disposition' },
  { id: 'examiner', section: 19, title: 'Examiner and authorization' },
] as const;
export type GroupId = (typeof INCIDENT_GROUPS)[number]['id'];

export interface FieldSpec {
  id: string;
  group: GroupId;
  label: string;
  kind: FieldKind;
  /** Allowed values of an enum, or of each list item. */
  options?: readonly string[];
  /** What a list item must look like when there are no fixed options. */
  item?: { pattern: RegExp; example: string };
}

/** Regime ids an examiner can mark as assessed; kept in step with shared/regimes (tested). */
export const REGIME_IDS = ['gdpr-art33', 'gdpr-art34', 'eu-ai-act-art73'] as const;

const f = (group: GroupId, id: string, label: string, kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({ id: `${group}.${id}`, group, label, kind, ...extra });

export const INCIDENT_FIELDS: readonly FieldSpec[] = [
  f('parties', 'requester', 'Requester', 'text'),
  f('parties', 'counsel', 'Counsel', 'text'),
  f('parties', 'legalBasis', 'Legal basis / authority', 'text'),
  f('parties', 'scope', 'Scope of examination', 'text'),
  f('parties', 'provider', 'Provider (AI Act)', 'text'),
  f('parties', 'deployer', 'Deployer (AI Act)', 'text'),
  f('parties', 'controller', 'Controller (GDPR)', 'text'),
  f('parties', 'contact', 'DPO or contact point', 'text'),
  f('regimes', 'assessed', 'Regimes assessed', 'list', { options: REGIME_IDS }),
  f('regimes', 'recipients', 'Recipients (MSA and country, DPA)', 'text'),
  f('regimes', 'delayReasons', 'Reasons for any delay', 'text'),
  f('regimes', 'priorFilings', 'Reported under other regimes', 'text'),
  f('times', 'occurrence', 'Occurrence', 'time'),
  f('times', 'end', 'Last implicated activity', 'time'),
  f('times', 'detection', 'Detection', 'time'),
  f('times', 'awareness', 'Awareness', 'time'),
  f('times', 'causalLink', 'Causal link established', 'time'),
  f('times', 'containment', 'Containment', 'time'),
  f('system', 'name', 'AI system name', 'text'),
  f('system', 'version', 'Version (software / firmware)', 'text'),
  f('system', 'euDatabaseId', 'EU database id (Art. 71)', 'text'),
  f('system', 'modelDigests', 'Model evidence digests (SHA-256)', 'list', { item: { pattern: /^[0-9a-f]{64}$/, example: 'a 64-digit lowercase hex SHA-256' } }),
  f('system', 'systemPromptDigests', 'System-prompt digests (SHA-256)', 'list', { item: { pattern: /^[0-9a-f]{64}$/, example: 'a 64-digit lowercase hex SHA-256' } }),
  f('system', 'description', 'Description, serving config', 'text'),
  f('classification', 'art3_49', 'AI Act Art. 3(49) points', 'list', { options: ['a', 'b', 'c', 'd'] }),
  f('classification', 'death', 'Death of a person (Art. 73(4))', 'bool'),
  f('classification', 'widespread', 'Widespread infringement (Art. 73(3))', 'bool'),
  f('classification', 'personalDataBreach', 'Personal-data breach (GDPR)', 'bool'),
  f('classification', 'severity', 'Severity', 'enum', { options: ['low', 'medium', 'high', 'critical'] }),
  f('classification', 'atlas', 'MITRE ATLAS technique ids', 'list', { item: { pattern: /^AML\.T\d{4}(\.\d{3})?$/, example: 'AML.T0051.000' } }),
  f('impact', 'persons', 'Persons affected (approx.)', 'int'),
  f('impact', 'users', 'Users affected', 'int'),
  f('impact', 'dataSubjectCategories', 'Data-subject categories', 'list'),
  f('impact', 'dataCategories', 'Personal-data categories', 'list'),
  f('impact', 'records', 'Records affected (approx.)', 'int'),
  f('impact', 'distinctPiiValues', 'Distinct personal-data values', 'int'),
  f('impact', 'tenants', 'Tenants affected', 'int'),
  f('impact', 'memberStates', 'Member States', 'list', { item: { pattern: /^[A-Z]{2}$/, example: 'DE (ISO 3166-1 alpha-2)' } }),
  f('narrative', 'whatHappened', 'What went wrong', 'text'),
  f('narrative', 'effects', 'Effects', 'text'),
  f('narrative', 'causality', 'Likely causality', 'text'),
  f('narrative', 'consequences', 'Likely consequences', 'text'),
  f('narrative', 'staffInvolvement', 'Staff involvement, training', 'text'),
  f('methods', 'procedure', 'Procedure and deviations', 'text'),
  f('methods', 'validation', 'Validation references', 'text'),
  f('opinions', 'opinions', 'Opinions and their basis', 'text'),
  f('opinions', 'limitations', 'Limitations and gaps', 'text'),
  f('assessment', 'rootCause', 'Root cause', 'text'),
  f('assessment', 'riskAssessment', 'Risk assessment (still adequate?)', 'text'),
  f('assessment', 'notReportable', 'Why not reportable (if so)', 'text'),
  f('measures', 'containment', 'Containment', 'measure'),
  f('measures', 'corrective', 'Corrective action', 'measure'),
  f('measures', 'preventive', 'Preventive action', 'measure'),
  f('notice', 'sent', 'Data subjects notified', 'bool'),
  f('notice', 'date', 'Date of notice', 'time'),
  f('notice', 'exemption', 'Art. 34(3) exemption', 'enum', { options: ['none', 'a', 'b', 'c'] }),
  f('notice', 'text', 'Text of the notice', 'text'),
  f('disposition', 'originals', 'Originals', 'text'),
  f('disposition', 'copies', 'Copies', 'text'),
  f('disposition', 'derivatives', 'Derivatives', 'text'),
  f('examiner', 'name', 'Examiner', 'text'),
  f('examiner', 'qualifications', 'Qualifications', 'text'),
  f('examiner', 'authorizer', 'Authorized by', 'text'),
  f('examiner', 'certification', 'FRE 902(13)/(14) certification text', 'text'),
  f('examiner', 'timeZone', 'Examiner time zone (IANA)', 'zone'),
];

const BY_ID = new Map(INCIDENT_FIELDS.map((s) => [s.id, s]));

export function fieldSpec(id: string): FieldSpec {
  const s = BY_ID.get(id);
  if (!s) throw new EvaultError('BAD_INPUT', `unknown incident field "${id}"; "evault incident CASE show" lists the fields (e.g. times.awareness, classification.art3_49)`);
  return s;
}

/** A measure: done or planned, with a date. */
export interface MeasureValue {
  text: string;
  status: 'done' | 'planned';
  date: EnteredTime | null;
}

export type FieldValue = string | number | boolean | string[] | EnteredTime | MeasureValue;

export interface ValueInput {
  /** The value as typed; for a time field it may be omitted when `at` is given. */
  value?: string;
  /** RFC 3339 time: the value of a time field, or the date of a measure. */
  at?: string;
  /** For a measure: done or planned. */
  status?: string;
}

const bad = (spec: FieldSpec, why: string) => new EvaultError('BAD_INPUT', `${spec.id} (${spec.label}): ${why}`);

function parseList(spec: FieldSpec, text: string): string[] {
  const items = [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s.length > 0))];
  if (items.length === 0) throw bad(spec, 'give one or more values separated by commas');
  for (const it of items) {
    if (spec.options && !spec.options.includes(it)) throw bad(spec, `"${it}" is not one of ${spec.options.join(', ')}`);
    if (spec.item && !spec.item.pattern.test(it)) throw bad(spec, `"${it}" should look like ${spec.item.example}`);
  }
  return items;
}

/** Parses what the examiner typed into the field's stored value. */
export function parseFieldValue(spec: FieldSpec, input: ValueInput): FieldValue {
  const text = input.value?.trim() ?? '';
  if (spec.kind !== 'measure' && input.status !== undefined) throw bad(spec, '--status applies to measures only');
  if (spec.kind !== 'time' && spec.kind !== 'measure' && input.at !== undefined) throw bad(spec, '--at applies to times and measures only');
  switch (spec.kind) {
    case 'time': {
      if (text && input.at && text !== input.at.trim()) throw bad(spec, 'give the time once, as VALUE or with --at');
      const t = text || input.at?.trim();
      if (!t) throw bad(spec, 'give an RFC 3339 time, e.g. 2026-11-20T09:15:00+01:00');
      return parseRfc3339(t);
    }
    case 'measure': {
      if (!text) throw bad(spec, 'describe the measure');
      const status = input.status ?? (input.at ? 'done' : 'planned');
      if (status !== 'done' && status !== 'planned') throw bad(spec, '--status must be done or planned');
      return { text, status, date: input.at ? parseRfc3339(input.at) : null };
    }
    case 'bool': {
      const v = text.toLowerCase();
      if (['yes', 'y', 'true'].includes(v)) return true;
      if (['no', 'n', 'false'].includes(v)) return false;
      throw bad(spec, 'answer yes or no');
    }
    case 'int':
      if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) throw bad(spec, `"${text}" is not a whole number`);
      return Number(text);
    case 'list':
      return parseList(spec, text);
    case 'enum':
      if (!spec.options!.includes(text)) throw bad(spec, `"${text}" is not one of ${spec.options!.join(', ')}`);
      return text;
    case 'zone':
      return checkTimeZone(text);
    case 'text':
      if (!text) throw bad(spec, 'the value is empty; use --clear to remove a value');
      return text;
  }
}

export function asJson(v: FieldValue): JsonValue {
  return v as unknown as JsonValue;
}
