// SPDX-License-Identifier: UNLICENSED
// Telephone numbers: international numbers written with "+" (ITU-T E.164: country code and
// national number, at most 15 digits), and the national formats of the US (NANP), the UK (Ofcom
// number groupings), Germany (DIN 5008) and France (ARCEP "0X XX XX XX XX").
//
// Bare digit runs ("4155550129") are not matched: without the "+" or the usual grouping they are
// indistinguishable from order numbers, amounts and ids. Each pattern is matched as the longest run
// that the grouping allows and then checked once; a run that fails is skipped whole, never retried
// shorter, so "+49663775451490090" (17 digits) yields nothing rather than its first 15 digits.
import type { PiiMatch } from '../findings.js';

// Not glued to a word, a "+", a path, or a preceding group of digits ("1.", "12 ", "3-").
const LEAD = String.raw`(?<![\w+/-]|\d[ .,/-])`;
// Not continued by a word character or by another group of digits.
const TRAIL = String.raw`(?![\w]|[.,/-]\d|[ ]\d)`;

// "+" then digit groups separated by one space, dot or hyphen; "(0)" or "(415)" may follow the
// country code. The groups are unambiguous (a separator between every two), so no backtracking blow-up.
const INTERNATIONAL = new RegExp(String.raw`(?<![\w+])\+[1-9]\d*(?:[ .-]?\(\d{1,4}\)[ .-]?\d+)?(?:[ .-]\d+)*` + TRAIL, 'g');

// NANP: NPA-NXX-XXXX, "(NPA) NXX-XXXX", optionally after a "1" trunk prefix.
const US = new RegExp(
  LEAD + String.raw`(?:1[ .-])?(?:\(([2-9]\d\d)\) ?([2-9]\d\d)[ .-]|([2-9]\d\d)([ .-])([2-9]\d\d)\4)\d{4}` + TRAIL,
  'g',
);

// UK (Ofcom number groupings), trunk prefix 0, the area code optionally in parentheses:
// 02x xxxx xxxx, 01xx xxx xxxx, 01xxx xxxxx(x), 03xx/08xx/09xx xxx xxxx, 07xxx xxxxxx, 0800 xxx xxx.
const UK_GROUPS: readonly (readonly [area: string, rest: string])[] = [
  [String.raw`02\d`, String.raw`\d{4}[ -]\d{4}`],
  [String.raw`01\d\d`, String.raw`\d{3}[ -]\d{4}`],
  [String.raw`01\d{3}`, String.raw`\d{5,6}`],
  [String.raw`0[389]\d\d`, String.raw`\d{3}[ -]\d{4}`],
  [String.raw`07\d{3}`, String.raw`\d{6}`],
  ['0800', String.raw`\d{3}[ -]\d{3}`],
];
const UK = new RegExp(LEAD + `(?:${UK_GROUPS.map(([area, rest]) => String.raw`(?:${area}[ -]|\(${area}\) ?)${rest}`).join('|')})` + TRAIL, 'g');

// Germany (DIN 5008): 0 + an area code of 2–5 digits, then the subscriber number after a space,
// a hyphen or a slash, or with the area code in parentheses; 9–12 digits in all.
const DE = new RegExp(LEAD + String.raw`(?:0[1-9]\d{1,4}(?: ?\/ ?|[ -])|\(0[1-9]\d{1,4}\) ?)[1-9]\d{2,7}` + TRAIL, 'g');

// France: ten digits in pairs, "0X XX XX XX XX", with one kind of separator.
const FR = new RegExp(LEAD + String.raw`0[1-9]([ .-])\d\d\1\d\d\1\d\d\1\d\d` + TRAIL, 'g');

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Checks an international number; the national parts of +1, +33 and +44 have fixed lengths. */
function validInternational(match: string): boolean {
  // A trunk "0" in parentheses ("+44 (0)20 …") is not dialled from abroad and is not counted.
  const digits = match.replace(/\(0\)/, '').replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15) return false;
  if (digits.startsWith('1')) return /^1[2-9][0-8]\d[2-9]\d{6}$/.test(digits);
  if (digits.startsWith('33')) return /^33[1-9]\d{8}$/.test(digits);
  if (digits.startsWith('44')) return /^44[1-9]\d{8,9}$/.test(digits);
  return true;
}

/** NANP: no N11 service codes as area code or exchange; area codes never have 9 in the middle. */
function validNanp(m: RegExpExecArray): boolean {
  const area = m[1] ?? m[3]!;
  const exchange = m[2] ?? m[5]!;
  return area[1] !== '9' && !area.endsWith('11') && !exchange.endsWith('11');
}

function scan(text: string, re: RegExp, subtype: string, check: (m: RegExpExecArray) => boolean, out: PiiMatch[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (check(m)) out.push({ type: 'pii.phone', start: m.index, end: m.index + m[0].length, subtype });
  }
}

export function findPhones(text: string, out: PiiMatch[]): void {
  if (text.includes('+')) scan(text, INTERNATIONAL, 'e164', (m) => validInternational(m[0]), out);
  scan(text, US, 'us', validNanp, out);
  if (text.includes('0')) {
    scan(text, UK, 'uk', () => true, out);
    scan(text, DE, 'de', (m) => {
      const n = countDigits(m[0]);
      return n >= 9 && n <= 12;
    }, out);
    scan(text, FR, 'fr', () => true, out);
  }
}
