// SPDX-License-Identifier: UNLICENSED
// US Social Security numbers, AAA-GG-SSSS (or with spaces). The SSA never issues area 000, 666 or
// 900–999 (9xx is the ITIN range), group 00 or serial 0000 (SSA, "Social Security Number
// Randomization", 2011), and voided the numbers printed in advertisements (078-05-1120, the
// "Woolworth wallet" number, and 219-09-9999). Nine bare digits are not matched: without the
// grouping they are any other nine-digit number.
import type { PiiMatch } from '../findings.js';

// Not glued to a word or to another group of digits on either side.
const SSN = /(?<![\w+/-]|\d[ .,/-])(\d{3})([ -])(\d{2})\2(\d{4})(?![\w]|[.,/-]\d|[ ]\d)/g;

const VOIDED = new Set(['078051120', '219099999']);

export function validSsn(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area[0] === '9' || group === '00' || serial === '0000') return false;
  return !VOIDED.has(area + group + serial);
}

export function findSsns(text: string, out: PiiMatch[]): void {
  SSN.lastIndex = 0;
  for (let m = SSN.exec(text); m !== null; m = SSN.exec(text)) {
    if (validSsn(m[1]!, m[3]!, m[4]!)) out.push({ type: 'pii.us_ssn', start: m.index, end: m.index + m[0].length });
  }
}
