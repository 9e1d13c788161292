// SPDX-License-Identifier: UNLICENSED
// Payment card numbers (ISO/IEC 7812 PANs): the issuer prefix and length of the major schemes, and
// the Luhn check digit (ISO/IEC 7812-1 Annex B). Written compact, in groups of four ("4111 1111
// 1111 1111", "4111-1111-1111-1111"), or as Amex prints them (4-6-5).
import type { PiiMatch } from '../findings.js';

// Not glued to a word, a "+", a path, or a preceding group of digits ("1.", "12 ", "3-").
const LEAD = String.raw`(?<![\w+/-]|\d[ .,/-])`;
// Not continued by a word, a decimal part, or another group of four digits.
const TRAIL = String.raw`(?![\w]|[.,]\d|[ -]\d{4})`;
const CARD = new RegExp(
  LEAD + String.raw`(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{5})` + TRAIL,
  'g',
);

/** ISO/IEC 7812-1 Annex B: doubling every second digit from the right gives a sum divisible by 10. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The scheme whose published IIN ranges and lengths the number fits, or undefined. */
export function cardScheme(digits: string): string | undefined {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19 ? 'visa' : undefined;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16 ? 'mastercard' : undefined;
  if (p2 === 34 || p2 === 37) return n === 15 ? 'amex' : undefined;
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return n === 16 ? 'discover' : undefined;
  return undefined;
}

export function findCards(text: string, out: PiiMatch[]): void {
  CARD.lastIndex = 0;
  for (let m = CARD.exec(text); m !== null; m = CARD.exec(text)) {
    const digits = m[0].replace(/[ -]/g, '');
    const scheme = cardScheme(digits);
    if (scheme === undefined || !luhnValid(digits)) continue;
    // Amex is printed 4-6-5; the others in fours.
    if (m[2] !== undefined && scheme !== 'amex') continue;
    out.push({ type: 'pii.credit_card', start: m.index, end: m.index + m[0].length, subtype: scheme });
  }
}
