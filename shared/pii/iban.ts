// SPDX-License-Identifier: UNLICENSED
// IBANs (ISO 13616-1): country code, two check digits, then the BBAN, for a total length fixed per
// country by the SWIFT IBAN registry; valid when the number mod 97 is 1 (ISO/IEC 7064 MOD 97-10).
// Electronic format ("DE89370400440532013000") or paper format in groups of four
// ("DE89 3704 0044 0532 0130 00"). Both are upper case by the standard; lower case is not matched.
import type { PiiMatch } from '../findings.js';

/** Total IBAN length by country (SWIFT IBAN Registry, release 99, 2025). */
const LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

// Country code and check digits at the start of a word; the BBAN is walked in code.
const HEAD = /(?<![A-Za-z0-9])([A-Z]{2})(\d\d)/g;
const ALNUM_UPPER = /^[A-Z0-9]+$/;

/** ISO 13616-1 §7: move the first four characters to the end, letters to 10..35, mod 97 must be 1. */
export function ibanChecksumValid(compact: string): boolean {
  let rem = 0;
  const n = compact.length;
  for (let k = 0; k < n; k++) {
    const c = compact.charCodeAt((k + 4) % n);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** A compact IBAN of the right length for its country, with valid check digits. */
export function validIban(compact: string): boolean {
  const length = LENGTH[compact.slice(0, 2)];
  if (length === undefined || compact.length !== length || !ALNUM_UPPER.test(compact)) return false;
  const check = Number(compact.slice(2, 4));
  // MOD 97-10 check digits are 98 minus a remainder, so always 02..98.
  return check >= 2 && check <= 98 && ibanChecksumValid(compact);
}

function isUpperAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

function isWordChar(c: number): boolean {
  return isUpperAlnum(c) || (c >= 97 && c <= 122) || c === 95;
}

/** End of an IBAN of `length` characters written compact from `start`, or -1. */
function compactEnd(text: string, start: number, length: number): number {
  const end = start + length;
  if (end > text.length) return -1;
  for (let i = start + 4; i < end; i++) if (!isUpperAlnum(text.charCodeAt(i))) return -1;
  return end < text.length && isWordChar(text.charCodeAt(end)) ? -1 : end;
}

/**
 * End of an IBAN of `length` characters printed in groups of four from `start`, or -1. The last
 * group holds the remainder; a further group that carries a digit means the run is longer than the
 * country's IBAN (a word such as "EUR" after it is not part of it).
 */
function groupedEnd(text: string, start: number, length: number): number {
  let i = start + 4;
  let count = 4;
  while (count < length) {
    if (text.charCodeAt(i) !== 32) return -1;
    const size = Math.min(4, length - count);
    for (let k = 1; k <= size; k++) if (!isUpperAlnum(text.charCodeAt(i + k))) return -1;
    i += size + 1;
    count += size;
  }
  if (i < text.length && isWordChar(text.charCodeAt(i))) return -1;
  if (text.charCodeAt(i) === 32) {
    let j = i + 1;
    let digit = false;
    while (j < text.length && isUpperAlnum(text.charCodeAt(j))) digit ||= text.charCodeAt(j++) <= 57;
    if (digit && j - i - 1 <= 4) return -1;
  }
  return i;
}

export function findIbans(text: string, out: PiiMatch[]): void {
  HEAD.lastIndex = 0;
  for (let m = HEAD.exec(text); m !== null; m = HEAD.exec(text)) {
    const length = LENGTH[m[1]!];
    if (length === undefined) continue;
    const start = m.index;
    const grouped = text.charCodeAt(start + 4) === 32;
    const end = grouped ? groupedEnd(text, start, length) : compactEnd(text, start, length);
    if (end < 0) continue;
    const compact = grouped ? text.slice(start, end).replace(/ /g, '') : text.slice(start, end);
    if (!validIban(compact)) continue;
    out.push({ type: 'pii.iban', start, end, subtype: m[1]!.toLowerCase() });
    HEAD.lastIndex = end;
  }
}
