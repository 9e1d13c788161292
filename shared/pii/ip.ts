// SPDX-License-Identifier: UNLICENSED
// IP addresses. IPv4 in dotted-decimal with each octet 0–255 and no leading zeros (a leading zero
// is octal to some parsers, so "010.1.1.1" is ambiguous and not matched). IPv6 in the text forms of
// RFC 4291 §2.2: eight groups of 1–4 hex digits, one "::" for a run of zero groups, and an
// embedded dotted IPv4 address in place of the last two groups.
import type { PiiMatch } from '../findings.js';

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
// Not part of a longer dotted run ("1.2.3.4.5", "v1.2.3.4") on either side.
const IPV4 = new RegExp(String.raw`(?<![\w.])${OCTET}(?:\.${OCTET}){3}(?![\w]|\.\d)`, 'g');
const IPV4_EXACT = new RegExp(String.raw`^${OCTET}(?:\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

function isHexOrColon(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export function findIpv4(text: string, out: PiiMatch[]): void {
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text)) {
    out.push({ type: 'pii.ip', start: m.index, end: m.index + m[0].length, subtype: 'ipv4' });
  }
}

/**
 * Whether `s` is an IPv6 address in RFC 4291 text form. To keep "::", "::1" and C++/Ruby scope
 * operators out, at least two groups must be written, and a compressed address must contain a
 * decimal digit somewhere ("abc::def" is more likely code than an address).
 */
export function validIpv6(s: string): boolean {
  const gap = s.indexOf('::');
  if (gap !== -1 && s.indexOf('::', gap + 1) !== -1) return false;
  const parts = gap === -1 ? s.split(':') : [...split(s.slice(0, gap)), ...split(s.slice(gap + 2))];
  let groups = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === parts.length - 1 && part.includes('.')) {
      if (!IPV4_EXACT.test(part)) return false;
      groups += 2;
    } else if (HEX_GROUP.test(part)) {
      groups += 1;
    } else {
      return false;
    }
  }
  if (groups < 2) return false;
  if (gap === -1) return groups === 8;
  return groups <= 7 && /\d/.test(s);
}

/** Cheap shape test before splitting: seven colons, or a "::" (rules out times such as 07:06:08). */
function plausibleIpv6(text: string, start: number, end: number): boolean {
  const gap = text.indexOf('::', start);
  if (gap !== -1 && gap < end) return true;
  let colons = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 58) colons++;
  return colons === 7 || (colons === 6 && text.lastIndexOf('.', end) > start);
}

function split(s: string): string[] {
  return s === '' ? [] : s.split(':');
}

export function findIpv6(text: string, out: PiiMatch[]): void {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    // The run of hex digits, colons and dots around this colon.
    let start = colon;
    while (start > 0 && isHexOrColon(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < text.length && isHexOrColon(text.charCodeAt(end))) end++;
    const next = text.indexOf(':', end);
    // Punctuation of the sentence around the address: "addr: 2001:db8::1." or "(at 2001:db8::1:)".
    while (end > start && text.charCodeAt(end - 1) === 46) end--;
    if (text.charCodeAt(end - 1) === 58 && text.charCodeAt(end - 2) !== 58) end--;
    if (text.charCodeAt(start) === 58 && text.charCodeAt(start + 1) !== 58) start++;
    while (start < end && text.charCodeAt(start) === 46) start++;
    const glued = (start > 0 && isWordChar(text.charCodeAt(start - 1))) || (end < text.length && isWordChar(text.charCodeAt(end)));
    if (end - start >= 4 && !glued && plausibleIpv6(text, start, end) && validIpv6(text.slice(start, end))) {
      out.push({ type: 'pii.ip', start, end, subtype: 'ipv6' });
    }
    colon = next;
  }
}
