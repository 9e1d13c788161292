// SPDX-License-Identifier: UNLICENSED
// The incident record is not stored anywhere but in the custody log: every change is a signed
// incident.updated event (field, hashes of the old and new value, the new value), every filing an
// incident.notified event, and the current record is the fold of those events in log order. The
// same fold runs in the vault, in the report and in `evault verify` (which refolds the embedded
// custody log and compares it with the manifest).
import { canonicalize, type JsonValue } from '../canonicalJson.js';
import type { CustodyEvent } from '../custody/event.js';
import { sha256Hex } from '../crypto/sha256.js';
import type { EnteredTime } from './time.js';

export const INCIDENT_UPDATED = 'incident.updated';
export const INCIDENT_NOTIFIED = 'incident.notified';

/** details of an incident.updated event. */
export interface IncidentUpdateDetails {
  field: string;
  /** SHA-256 of the RFC 8785 form of the value before and after; null when unset. */
  old: string | null;
  new: string | null;
  value: JsonValue;
  /** Where a value came from when the examiner accepted a vault proposal; null when typed. */
  source: string | null;
}

/** details of an incident.notified event: one filing with an authority or data subjects. */
export interface NotificationDetails {
  regime: string;
  recipient: string;
  at: EnteredTime;
  channel: string | null;
  ref: string | null;
}

export interface RecordEntry {
  value: JsonValue;
  /** The event that set it. */
  seq: number;
  at: string;
  actor: string;
  source: string | null;
}

export interface NotificationEntry extends NotificationDetails {
  seq: number;
  /** When the event was signed (not when the filing was made: that is `at`). */
  recordedAt: string;
  actor: string;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  field: string;
  old: string | null;
  new: string | null;
}

export interface IncidentRecord {
  /** Field id → current value; unset fields are absent. */
  fields: Record<string, RecordEntry>;
  notifications: NotificationEntry[];
  history: HistoryEntry[];
  /** Events whose `old` hash is not the value the fold held: a log not made by this code. */
  problems: { seq: number; message: string }[];
}

export function valueHash(value: JsonValue): string | null {
  return value === null ? null : sha256Hex(canonicalize(value));
}

/** Folds the incident events of a case log (in seq order), optionally only those up to `uptoSeq`. */
export function foldIncident(events: readonly CustodyEvent[], uptoSeq = Number.POSITIVE_INFINITY): IncidentRecord {
  const rec: IncidentRecord = { fields: {}, notifications: [], history: [], problems: [] };
  for (const e of events) {
    if (e.seq > uptoSeq) break;
    if (e.action === INCIDENT_UPDATED) {
      const d = e.details as unknown as IncidentUpdateDetails;
      const current = rec.fields[d.field];
      const held = current ? valueHash(current.value) : null;
      if (held !== d.old) rec.problems.push({ seq: e.seq, message: `${d.field}: old value hash ${d.old ?? 'null'} but the record held ${held ?? 'null'}` });
      if (valueHash(d.value) !== d.new) rec.problems.push({ seq: e.seq, message: `${d.field}: new value does not hash to ${d.new ?? 'null'}` });
      if (d.value === null) delete rec.fields[d.field];
      else rec.fields[d.field] = { value: d.value, seq: e.seq, at: e.at, actor: e.actor, source: d.source ?? null };
      rec.history.push({ seq: e.seq, at: e.at, actor: e.actor, field: d.field, old: d.old, new: d.new });
    } else if (e.action === INCIDENT_NOTIFIED) {
      const d = e.details as unknown as NotificationDetails;
      rec.notifications.push({ regime: d.regime, recipient: d.recipient, at: d.at, channel: d.channel, ref: d.ref, seq: e.seq, recordedAt: e.at, actor: e.actor });
    }
  }
  return rec;
}

/** The part of the record a report embeds and `evault verify` recomputes: values, notifications, the events behind them. */
export function recordForManifest(rec: IncidentRecord): { fields: Record<string, { value: JsonValue; seq: number; source: string | null }>; notifications: NotificationEntry[]; events: number[] } {
  const fields: Record<string, { value: JsonValue; seq: number; source: string | null }> = {};
  for (const k of Object.keys(rec.fields).sort()) fields[k] = { value: rec.fields[k]!.value, seq: rec.fields[k]!.seq, source: rec.fields[k]!.source };
  const events = [...rec.history.map((h) => h.seq), ...rec.notifications.map((n) => n.seq)].sort((a, b) => a - b);
  return { fields, notifications: rec.notifications, events };
}

/** Fields whose value differs between two folds (set, changed or cleared), in field-id order. */
export function changedFields(before: IncidentRecord, after: IncidentRecord): { field: string; old: string | null; new: string | null }[] {
  const ids = [...new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])].sort();
  const out: { field: string; old: string | null; new: string | null }[] = [];
  for (const id of ids) {
    const o = before.fields[id] ? valueHash(before.fields[id]!.value) : null;
    const n = after.fields[id] ? valueHash(after.fields[id]!.value) : null;
    if (o !== n) out.push({ field: id, old: o, new: n });
  }
  return out;
}
