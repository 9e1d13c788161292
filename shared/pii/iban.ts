// SPDX-License-Identifier: UNLICENSED
// IBANs (ISO 13616-1): country code, two check digits, then the BBAN, whose length and character
// classes the SWIFT IBAN Registry fixes per country; valid when the number mod 97 is 1 (ISO/IEC
// 7064 MOD 97-10).
// Electronic format ("DE89370400440532013000") or paper format in groups of four
// ("DE89 3704 0044 0532 0130 00"). Both are upper case by the standard; lower case is not matched.
import type { PiiMatch } from '../findings.js';

/**
 * BBAN structure by country, transcribed from the SWIFT IBAN Registry (2025): n digits, a upper-case
 * letters, c either; "4a14n" is four letters then fourteen digits. The IBAN is the country code,
 * two check digits and the BBAN, so its length per country follows.
 */
const BBAN: Readonly<Record<string, string>> = {
  AD: '8n12c', AE: '19n', AL: '8n16c', AT: '16n', AZ: '4a20c', BA: '16n', BE: '12n', BG: '4a6n8c',
  BH: '4a14c', BI: '23n', BR: '23n1a1c', BY: '4c4n16c', CH: '5n12c', CR: '18n', CY: '8n16c', CZ: '20n',
  DE: '18n', DJ: '23n', DK: '14n', DO: '4c20n', EE: '16n', EG: '25n', ES: '20n', FI: '14n', FK: '2a12n',
  FO: '14n', FR: '10n11c2n', GB: '4a14n', GE: '2a16n', GI: '4a15c', GL: '14n', GR: '7n16c', GT: '24c',
  HN: '4a20n', HR: '17n', HU: '24n', IE: '4a14n', IL: '19n', IQ: '4a15n', IS: '22n', IT: '1a10n12c',
  JO: '4a4n18c', KW: '4a22c', KZ: '3n13c', LB: '4n20c', LC: '4a24c', LI: '5n12c', LT: '16n', LU: '3n13c',
  LV: '4a13c', LY: '21n', MC: '10n11c2n', MD: '20c', ME: '18n', MK: '3n10c2n', MN: '16n', MR: '23n',
  MT: '4a5n18c', MU: '4a19n3a', NI: '4a20n', NL: '4a10n', NO: '11n', OM: '3n16c', PK: '4a16c', PL: '24n',
  PS: '4a21c', PT: '21n', QA: '4a21c', RO: '4a16c', RS: '18n', RU: '14n15c', SA: '2n18c', SC: '4a20n3a',
  SD: '14n', SE: '20n', SI: '15n', SK: '20n', SM: '1a10n12c', SO: '19n', ST: '21n', SV: '4a20n', TL: '19n',
  TN: '20n', TR: '5n1n16c', UA: '6n19c', VA: '18n', VG: '4a16n', XK: '16n', YE: '4a4n18c',
};
const CLASS = { n: '[0-9]', a: '[A-Z]', c: '[A-Z0-9]' } as const;

interface Structure {
  length: number;
  bban: RegExp;
}

const STRUCTURE: ReadonlyMap<string, Structure> = new Map(
  Object.entries(BBAN).map(([country, format]) => {
    let length = 4;
    let source = '';
    for (const [, count, kind] of format.matchAll(/(\d+)([nac])/g)) {
      length += Number(count);
      source += `${CLASS[kind as keyof typeof CLASS]}{${count}}`;
    }
    return [country, { length, bban: new RegExp(`^${source}$`) }];
  }),
);

// Country code and check digits at the start of a word; the BBAN is walked in code.
const HEAD = /(?<![A-Za-z0-9])([A-Z]{2})(\d\d)/g;

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

/** A compact IBAN with its country's length and BBAN structure, and valid check digits. */
export function validIban(compact: string): boolean {
  const structure = STRUCTURE.get(compact.slice(0, 2));
  if (structure === undefined || compact.length !== structure.length || !structure.bban.test(compact.slice(4))) return false;
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
    for (; j < text.length && isUpperAlnum(text.charCodeAt(j)); j++) if (text.charCodeAt(j) <= 57) digit = true;
    if (digit && j - i - 1 <= 4) return -1;
  }
  return i;
}

export function findIbans(text: string, out: PiiMatch[]): void {
  HEAD.lastIndex = 0;
  for (let m = HEAD.exec(text); m !== null; m = HEAD.exec(text)) {
    const length = STRUCTURE.get(m[1]!)?.length;
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
