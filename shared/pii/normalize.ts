// SPDX-License-Identifier: UNLICENSED
// One canonical spelling per PII value, so that the same value written two ways ("4111 1111 1111
// 1111" and "4111111111111111", "2001:DB8:0:0::1" and "2001:db8::1") gets the same placeholder.
import type { PiiType } from '../findings.js';
import { validIpv6 } from './ip.js';

export function canonicalPii(type: PiiType, value: string): string {
  switch (type) {
    case 'pii.email':
      // RFC 5321 §2.4 lets the local part be case-sensitive, but no mail system in practice treats
      // it so; the domain is case-insensitive by definition.
      return value.toLowerCase();
    case 'pii.phone':
      // Digits and a leading "+"; a trunk "(0)" written inside an international number is dropped.
      return (value.trimStart().startsWith('+') ? '+' : '') + value.replace(/\(0\)/, '').replace(/\D/g, '');
    case 'pii.credit_card':
    case 'pii.us_ssn':
      return value.replace(/\D/g, '');
    case 'pii.iban':
      return value.replace(/\s/g, '').toUpperCase();
    case 'pii.ip':
      return value.includes(':') ? canonicalIpv6(value) : value.trim();
    case 'pii.secret':
      return value.replace(/\r\n/g, '\n').trim();
  }
}

/** RFC 5952 §4 text form: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
export function canonicalIpv6(value: string): string {
  const text = value.trim().toLowerCase();
  if (!validIpv6(text)) return text;
  const gap = text.indexOf('::');
  const head = gap === -1 ? text.split(':') : text.slice(0, gap).split(':').filter((p) => p !== '');
  const tail = gap === -1 ? [] : text.slice(gap + 2).split(':').filter((p) => p !== '');
  const groups = (parts: string[]) => parts.flatMap((p) => (p.includes('.') ? dottedToGroups(p) : [parseInt(p, 16)]));
  const left = groups(head);
  const right = groups(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  // RFC 5952 §5: an IPv4-mapped address keeps its dotted quad.
  if (all.slice(0, 5).every((g) => g === 0) && all[5] === 0xffff) {
    return `::ffff:${all[6]! >> 8}.${all[6]! & 255}.${all[7]! >> 8}.${all[7]! & 255}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && all[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = all.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function dottedToGroups(dotted: string): number[] {
  const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
  return [(a << 8) | b, (c << 8) | d];
}
