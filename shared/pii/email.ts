// SPDX-License-Identifier: UNLICENSED
// E-mail addresses: a practical subset of RFC 5322 §3.4.1 addr-spec, with the domain checked as an
// RFC 1035 §2.3.1 host name (labels of 1–63 letters, digits and inner hyphens) ending in a TLD of
// valid shape (2–63 letters, or an IDNA "xn--" label). Quoted local parts, comments and domain
// literals ("user@[192.0.2.1]") are legal but rare in running text and are not matched.
import type { PiiMatch } from '../findings.js';

// Local-part characters: RFC 5322 atext minus those that in prose are far more often delimiters
// than part of an address (` { } | / = ? ^ ~ ! # $ & *).
const LOCAL = charSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-'");
const DOMAIN = charSet('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-');
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
// A letter or digit outside ASCII next to the address means we cut a word in two.
const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

function isIn(set: Uint8Array, code: number): boolean {
  return code < 128 && set[code] === 1;
}

function validDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) if (!LABEL.test(label)) return false;
  return TLD.test(labels[labels.length - 1]!);
}

/** Whether the character at `index` continues the word the address sits in ("_", or a non-ASCII letter). */
function cutsWord(text: string, index: number): boolean {
  const ch = text[index];
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  return code === 95 || (code >= 128 && NON_ASCII_WORD.test(ch));
}

export function findEmails(text: string, out: PiiMatch[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && isIn(LOCAL, text.charCodeAt(start - 1))) start--;
    // Quotes around an address belong to the sentence ("'a@b.example'").
    while (start < at && text.charCodeAt(start) === 39) start++;
    let end = at + 1;
    while (end < text.length && isIn(DOMAIN, text.charCodeAt(end))) end++;
    // A sentence may end right after the address ("write to a@b.com.").
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    const local = text.slice(start, at);
    // A dot-atom has no empty atoms (RFC 5322 §3.2.3): no leading, trailing or doubled dot.
    const ok =
      local.length > 0 &&
      local.length <= 64 &&
      !local.startsWith('.') &&
      !local.endsWith('.') &&
      !local.includes('..') &&
      end - start <= 254 &&
      validDomain(text.slice(at + 1, end)) &&
      !cutsWord(text, start - 1) &&
      !cutsWord(text, end);
    if (ok) {
      out.push({ type: 'pii.email', start, end });
      at = text.indexOf('@', end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
}
