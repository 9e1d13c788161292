// SPDX-License-Identifier: UNLICENSED
// Normalises the timestamp forms found in log exports to RFC 3339 UTC with milliseconds.

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function iso(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return y >= 1970 && y <= 9999 ? d.toISOString() : undefined;
}

const num = (s: string, at: number, n: number): number => {
  let v = 0;
  for (let i = at; i < at + n; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
};

/**
 * Whether a string of CANONICAL's shape names a real instant from 1970 on with no field rolled
 * over (what a Date round trip would prove, at a tenth of its cost). A leap second (:60) is not in
 * range, so it takes the general path below, as before.
 */
function canonicalInRange(v: string): boolean {
  const year = num(v, 0, 4);
  const month = num(v, 5, 2);
  const day = num(v, 8, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days && num(v, 11, 2) < 24 && num(v, 14, 2) < 60 && num(v, 17, 2) < 60;
}

/**
 * Accepts RFC 3339 / ISO 8601 (with "T" or a space, with or without zone — no zone means UTC),
 * "… UTC" suffixes, Unix seconds or milliseconds (number or digit string), Apache's
 * "13/Jan/2016:19:31:16 +0000", and syslog's "Jan 22 07:52:33" (needs `year`, taken as UTC).
 */
export function normalizeTimestamp(value: unknown, year?: number): string | undefined {
  if (typeof value === 'number') return value > 1e11 ? iso(value) : iso(value * 1000);
  if (typeof value !== 'string') return undefined;
  // Already normalised (most machine logs) and every field in range: returned as it is.
  if (value.length === 24 && CANONICAL.test(value) && canonicalInRange(value)) return value;
  const s = value.trim();
  if (/^\d{9,10}(\.\d+)?$/.test(s)) return iso(Number(s) * 1000);
  if (/^\d{12,13}$/.test(s)) return iso(Number(s));
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)?$/i.exec(s);
  if (m) {
    // Sub-millisecond digits are truncated, never rounded up into the next millisecond.
    const frac = m[7] ? Number((m[7].slice(1) + '00').slice(0, 3)) : 0;
    let ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), frac);
    const zone = m[8]?.toUpperCase();
    if (zone && zone !== 'Z' && zone !== 'UTC' && zone !== 'GMT') {
      const z = /([+-])(\d\d):?(\d\d)/.exec(zone)!;
      ms -= (z[1] === '-' ? -1 : 1) * (+z[2]! * 60 + +z[3]!) * 60_000;
    }
    return iso(ms);
  }
  const apache = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(s);
  if (apache && apache[2]! in MONTHS) {
    const offset = (apache[7] === '-' ? -1 : 1) * (+apache[8]! * 60 + +apache[9]!) * 60_000;
    return iso(Date.UTC(+apache[3]!, MONTHS[apache[2]!]!, +apache[1]!, +apache[4]!, +apache[5]!, +apache[6]!) - offset);
  }
  const syslog = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(\.\d+)?$/.exec(s);
  if (syslog && syslog[1]! in MONTHS && year !== undefined) {
    const month = MONTHS[syslog[1]!]!;
    const day = +syslog[2]!;
    const frac = syslog[6] ? Number((syslog[6].slice(1) + '00').slice(0, 3)) : 0;
    const ms = Date.UTC(year, month, day, +syslog[3]!, +syslog[4]!, +syslog[5]!, frac);
    // A date the assumed year does not have (Feb 29 outside a leap year) gets no time, not a wrong one.
    return new Date(ms).getUTCDate() === day ? iso(ms) : undefined;
  }
  return undefined;
}

/** A timestamp at the start of a text line ("2022-04-12 00:16:05.526 UTC [7755] LOG: …"). */
export function leadingTimestamp(text: string): string | undefined {
  const m = /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:\s?(?:Z|UTC|GMT|[+-]\d\d:?\d\d))?)/i.exec(text);
  return m ? normalizeTimestamp(m[1]!) : undefined;
}
