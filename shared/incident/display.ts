// SPDX-License-Identifier: UNLICENSED
// Incident values and deadline lines as text: one wording for the CLI, the report and the app.
import type { JsonValue } from '../canonicalJson.js';
import type { DeadlineLine, DeadlineStatus } from '../regimes/deadlines.js';
import { formatDuration, formatEntered, type EnteredTime } from './time.js';

export const NOT_SUPPLIED = 'Not supplied';

const isTime = (v: JsonValue): v is JsonValue & { utc: string } => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.utc === 'string';

/** "2026-11-20 08:15:00 UTC (entered 2026-11-20 09:15:00 +01:00)". */
export function timeText(t: EnteredTime): string {
  const utc = `${t.utc.slice(0, 10)} ${t.utc.slice(11, 19)} UTC`;
  return t.offset === 'Z' ? utc : `${utc} (entered ${formatEntered(t)})`;
}

/** A stored value as one line of text; null is "Not supplied". */
export function displayValue(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return NOT_SUPPLIED;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return v.toLocaleString('en-US');
  if (isTime(v)) return timeText(v as unknown as EnteredTime);
  if (typeof v === 'object' && typeof v.status === 'string') {
    const date = v.date as unknown as EnteredTime | null;
    return `${String(v.status)}${date ? ` ${timeText(date)}` : ' (no date)'}: ${String(v.text)}`;
  }
  return String(v);
}

export const STATUS_TEXT: Record<DeadlineStatus, string> = {
  open: 'OPEN',
  overdue: 'OVERDUE',
  met: 'MET',
  late: 'LATE',
  'no-clock': 'NO CLOCK (start time not supplied)',
  'due-now': 'DUE NOW',
  notified: 'NOTIFIED',
  exempt: 'EXEMPT',
  'not-applicable': 'does not apply to this classification',
};

/** "due 2026-11-23T08:15:00.000Z = 2026-11-23 09:15:00 +01:00 (Europe/Berlin) — OPEN, 21:00 h left". */
export function deadlineText(d: DeadlineLine): string {
  const when = d.dueUtc ? `due ${d.dueUtc}${d.dueLocal ? ` = ${d.dueLocal}` : ''}` : d.hours === null ? 'no fixed number' : 'due time unknown';
  const m = d.marginMs;
  const margin = m === null ? '' : d.status === 'open' ? `, ${formatDuration(m)} left` : d.status === 'overdue' ? `, overdue by ${formatDuration(m)}` : d.status === 'met' ? `, ${formatDuration(m)} to spare` : d.status === 'late' ? `, late by ${formatDuration(m)}` : '';
  return `${when} — ${STATUS_TEXT[d.status]}${margin}`;
}
