// SPDX-License-Identifier: UNLICENSED
// Notification clocks: pure arithmetic on the record's entered times and the regime rules. For each
// regime the examiner marked as assessed: the clock start, every applicable deadline's due time (UTC
// and in the examiner's zone), time left or overdue, met or late against the logged notifications,
// and the required fields still missing. `now` is an input, so a report's computation is
// reproducible and tests need no clock.
import { canonicalize, type JsonValue } from '../canonicalJson.js';
import type { IncidentRecord, NotificationEntry } from '../incident/record.js';
import { formatInZone, type EnteredTime } from '../incident/time.js';
import { REGIMES, regimeHash } from './index.js';
import type { Condition, RegimeRule } from './types.js';

export const DEADLINE_DISCLAIMER = 'Applicability is counsel\u2019s decision; this computation is not legal advice.';

export type DeadlineStatus = 'open' | 'overdue' | 'met' | 'late' | 'no-clock' | 'due-now' | 'notified' | 'exempt' | 'not-applicable';

export interface DeadlineLine {
  id: string;
  label: string;
  cite: string;
  from: string;
  start: EnteredTime | null;
  hours: number | null;
  /** Whether the deadline's condition holds for this record. */
  applies: boolean;
  condition: string | null;
  dueUtc: string | null;
  dueLocal: string | null;
  status: DeadlineStatus;
  /** Due minus now (or minus the notification when notified); negative when overdue or late. */
  marginMs: number | null;
}

export interface NotificationCheck {
  seq: number;
  recipient: string;
  atUtc: string;
  atLocal: string | null;
  channel: string | null;
  ref: string | null;
  /** Against the binding deadline as the record stands now; null when there is no number. */
  onTime: boolean | null;
  /** Awareness was set or changed after this notification was logged: it was judged on another clock. */
  awarenessEditedAfter: boolean;
}

export interface RegimeResult {
  id: string;
  version: string;
  sha256: string;
  title: string;
  recipient: string;
  relevant: boolean;
  relevantWhen: string;
  deadlines: DeadlineLine[];
  /** The applicable numeric deadline that falls first; null if none can be computed. */
  binding: string | null;
  status: DeadlineStatus;
  notifications: NotificationCheck[];
  missing: { field: string; cite: string }[];
  exempt: string | null;
}

export interface DeadlineReport {
  computedAt: string;
  zone: string | null;
  disclaimer: string;
  assessed: RegimeResult[];
  /** Regimes shipped but not marked as assessed, with whether the record suggests them. */
  notAssessed: { id: string; title: string; relevant: boolean }[];
}

type Fields = IncidentRecord['fields'];

const value = (fields: Fields, id: string): JsonValue | undefined => fields[id]?.value;

function holds(c: Condition, fields: Fields): boolean {
  return c.any.some((t) => {
    const v = value(fields, t.field);
    if (v === undefined) return false;
    if (t.includes !== undefined) return Array.isArray(v) && v.includes(t.includes);
    return canonicalize(v) === canonicalize(t.equals ?? null);
  });
}

function timeOf(fields: Fields, id: string): EnteredTime | null {
  const v = value(fields, id) as unknown as EnteredTime | undefined;
  return v && typeof v === 'object' && typeof v.utc === 'string' ? v : null;
}

function line(rule: RegimeRule['deadlines'][number], fields: Fields, nowMs: number, first: NotificationEntry | undefined, zone: string | null): DeadlineLine {
  const start = timeOf(fields, rule.from);
  const applies = rule.when ? holds(rule.when, fields) : true;
  const base = { id: rule.id, label: rule.label, cite: rule.cite, from: rule.from, start, hours: rule.hours, applies, condition: rule.when?.text ?? null };
  if (rule.hours === null) {
    if (!applies) return { ...base, dueUtc: null, dueLocal: null, status: 'not-applicable', marginMs: null };
    const status: DeadlineStatus = first ? 'notified' : start ? 'due-now' : 'no-clock';
    return { ...base, dueUtc: null, dueLocal: null, status, marginMs: null };
  }
  if (!start) return { ...base, dueUtc: null, dueLocal: null, status: 'no-clock', marginMs: null };
  // n hours after an instant: exact, whatever daylight saving does to the local wall clock.
  const due = Date.parse(start.utc) + rule.hours * 3_600_000;
  const dueUtc = new Date(due).toISOString();
  const dueLocal = zone ? formatInZone(dueUtc, zone) : null;
  if (!applies) return { ...base, dueUtc, dueLocal, status: 'not-applicable', marginMs: null };
  if (first) {
    const at = Date.parse(first.at.utc);
    return { ...base, dueUtc, dueLocal, status: at <= due ? 'met' : 'late', marginMs: due - at };
  }
  return { ...base, dueUtc, dueLocal, status: nowMs <= due ? 'open' : 'overdue', marginMs: due - nowMs };
}

export function assessRegime(rule: RegimeRule, rec: IncidentRecord, now: string, zone: string | null): RegimeResult {
  const fields = rec.fields;
  const nowMs = Date.parse(now);
  const notes = rec.notifications.filter((n) => n.regime === rule.id).sort((a, b) => Date.parse(a.at.utc) - Date.parse(b.at.utc) || a.seq - b.seq);
  const first = notes[0];
  const deadlines = rule.deadlines.map((d) => line(d, fields, nowMs, first, zone));
  const numeric = deadlines.filter((d) => d.applies && d.dueUtc !== null).sort((a, b) => Date.parse(a.dueUtc!) - Date.parse(b.dueUtc!));
  const bindingLine = numeric[0] ?? deadlines.find((d) => d.applies && d.hours === null) ?? null;
  const exemptValue = rule.exemption ? value(fields, rule.exemption.field) : undefined;
  const exempt = rule.exemption && typeof exemptValue === 'string' && rule.exemption.values.includes(exemptValue) ? `${rule.exemption.field} = ${exemptValue}` : null;
  const late = bindingLine?.status === 'late' || bindingLine?.status === 'overdue';
  const missing = rule.required.filter((r) => (!r.whenLate || late) && value(fields, r.field) === undefined).map((r) => ({ field: r.field, cite: r.cite }));
  const awareness = fields['times.awareness'];
  const bindingDue = numeric[0]?.dueUtc ? Date.parse(numeric[0].dueUtc) : null;
  return {
    id: rule.id,
    version: rule.version,
    sha256: regimeHash(rule),
    title: rule.title,
    recipient: rule.recipient,
    relevant: holds(rule.relevantWhen, fields),
    relevantWhen: rule.relevantWhen.text,
    deadlines,
    binding: bindingLine?.id ?? null,
    status: exempt ? 'exempt' : (bindingLine?.status ?? 'no-clock'),
    notifications: notes.map((n) => ({
      seq: n.seq,
      recipient: n.recipient,
      atUtc: n.at.utc,
      atLocal: zone ? formatInZone(n.at.utc, zone) : null,
      channel: n.channel,
      ref: n.ref,
      onTime: bindingDue === null ? null : Date.parse(n.at.utc) <= bindingDue,
      awarenessEditedAfter: awareness !== undefined && awareness.seq > n.seq,
    })),
    missing,
    exempt,
  };
}

/** The deadline computation for a record at `now` (RFC 3339 UTC), shown in the examiner's zone. */
export function computeDeadlines(rec: IncidentRecord, now: string, zoneOverride?: string | null): DeadlineReport {
  const zoneField = rec.fields['examiner.timeZone']?.value;
  const zone = zoneOverride ?? (typeof zoneField === 'string' ? zoneField : null);
  const assessedIds = (rec.fields['regimes.assessed']?.value as string[] | undefined) ?? [];
  return {
    computedAt: new Date(Date.parse(now)).toISOString(),
    zone,
    disclaimer: DEADLINE_DISCLAIMER,
    assessed: REGIMES.filter((r) => assessedIds.includes(r.id)).map((r) => assessRegime(r, rec, now, zone)),
    notAssessed: REGIMES.filter((r) => !assessedIds.includes(r.id)).map((r) => ({ id: r.id, title: r.title, relevant: holds(r.relevantWhen, rec.fields) })),
  };
}
