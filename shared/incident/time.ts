// SPDX-License-Identifier: UNLICENSED
// Times as examiners enter them: RFC 3339 with any offset, kept as the UTC instant plus the offset
// it was written in (so a report can show both), and shown in an IANA zone through Intl — pure, so
// the renderer computes the same as the CLI.
import { EvaultError } from '../errors.js';

/** An entered time: the instant in UTC, the offset it was entered with, and the text as typed. */
export interface EnteredTime {
  /** RFC 3339 UTC with milliseconds. */
  utc: string;
  /** "Z", "+01:00", "-05:30"; "-00:00" is RFC 3339 §4.3's "local offset unknown". */
  offset: string;
  entered: string;
}

// RFC 3339 §5.6 date-time: full-date "T" full-time; time-offset "Z" / ("+" / "-") HH:MM.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses an RFC 3339 date-time with its offset; BAD_INPUT naming what is wrong otherwise. */
export function parseRfc3339(text: string): EnteredTime {
  const s = text.trim();
  const m = RFC3339.exec(s);
  const bad = (why: string) => new EvaultError('BAD_INPUT', `"${text}" is not an RFC 3339 time (${why}); write e.g. 2026-11-20T09:15:00+01:00 or 2026-11-20T08:15:00Z`);
  if (!m) throw bad('expected YYYY-MM-DDTHH:MM:SS with Z or an offset ±HH:MM');
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12) throw bad('month out of range');
  if (day < 1 || day > daysIn(year, month)) throw bad('day out of range');
  if (hour > 23 || minute > 59) throw bad('hour or minute out of range');
  // A leap second (:60) is valid RFC 3339 but has no instant in JavaScript time; refuse rather than shift.
  if (second > 59) throw bad('leap seconds are not supported');
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const off = m[8]!.toUpperCase();
  let offsetMinutes = 0;
  if (off !== 'Z') {
    const oh = Number(off.slice(1, 3));
    const om = Number(off.slice(4, 6));
    if (oh > 23 || om > 59) throw bad('offset out of range');
    offsetMinutes = (off[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return { utc: new Date(instant).toISOString(), offset: off, entered: s };
}

/** Throws BAD_INPUT unless `zone` is an IANA time zone this runtime knows. */
export function checkTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new EvaultError('BAD_INPUT', `"${zone}" is not a time zone; use an IANA name such as Europe/Berlin or America/New_York`);
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** Offset of `zone` from UTC at `instantMs`, in minutes (daylight saving included). */
export function zoneOffsetMinutes(instantMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instantMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/** "2026-03-29 04:15:00 +02:00 (Europe/Berlin)": wall time in the zone with the offset in force then. */
export function formatInZone(utc: string, zone: string): string {
  const ms = Date.parse(utc);
  const offset = zoneOffsetMinutes(ms, zone);
  const local = new Date(ms + offset * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${formatOffset(offset)} (${zone})`;
}

/** The wall time as entered, in its own offset: "2026-11-20 09:15:00 +01:00". */
export function formatEntered(t: EnteredTime): string {
  const off = t.offset === 'Z' ? 0 : (t.offset[0] === '-' ? -1 : 1) * (Number(t.offset.slice(1, 3)) * 60 + Number(t.offset.slice(4, 6)));
  const local = new Date(Date.parse(t.utc) + off * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${t.offset === 'Z' ? 'UTC' : t.offset}`;
}

/** "2 d 04:15 h" for a duration in milliseconds (absolute value). */
export function formatDuration(ms: number): string {
  const a = Math.abs(ms);
  const minutes = Math.floor(a / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  return `${d > 0 ? `${d} d ` : ''}${pad(h)}:${pad(minutes % 60)} h`;
}
