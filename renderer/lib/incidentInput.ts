// SPDX-License-Identifier: UNLICENSED
// Between the incident record's stored values and the editor's text boxes: a stored (or proposed)
// value back to what the examiner would type, and "now" as RFC 3339 with this computer's offset.
// The services parse what is typed (shared/incident/fields.ts); nothing is validated twice here.
import type { JsonValue } from '../../shared/canonicalJson.js';

export interface RawInput {
  value: string;
  at: string;
  status: 'done' | 'planned';
}

export const EMPTY_INPUT: RawInput = { value: '', at: '', status: 'planned' };

/** What the examiner would type to get `v` again (the entered text of a time, lists joined). */
export function rawOf(kind: string, v: JsonValue): RawInput {
  if (v === null) return { ...EMPTY_INPUT, value: kind === 'zone' ? browserZone() : '' };
  if (Array.isArray(v)) return { ...EMPTY_INPUT, value: v.join(', ') };
  if (typeof v === 'boolean') return { ...EMPTY_INPUT, value: v ? 'yes' : 'no' };
  if (typeof v === 'number' || typeof v === 'string') return { ...EMPTY_INPUT, value: String(v) };
  const o = v as { entered?: string; text?: string; status?: string; date?: { entered: string } | null };
  if (kind === 'time') return { ...EMPTY_INPUT, at: o.entered ?? '' };
  return { value: o.text ?? '', at: o.date?.entered ?? '', status: o.status === 'done' ? 'done' : 'planned' };
}

/** This computer's IANA zone (the examiner's, for showing due times). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Now, to the second, as RFC 3339 in this computer's offset: "2026-11-20T09:15:00+01:00". */
export function nowRfc3339(date = new Date()): string {
  const off = -date.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const wall = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${wall}${off === 0 ? 'Z' : `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`}`;
}
