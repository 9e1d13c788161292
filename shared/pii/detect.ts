// SPDX-License-Identifier: UNLICENSED
// PII detection over one text field. Runs on every string of every imported record, so it is
// built to be cheap when nothing is there: a detector runs only when its trigger is present (a
// literal prefix for secrets, "@" for e-mail, two colons for IPv6, a run of eight digits for cards,
// SSNs and phones), each trigger being one indexOf or one small regex test, which V8 runs in
// native code far faster than a JavaScript loop over the characters. Each detector is a global
// regex or an indexOf walk; none backtracks more than linearly.
import type { PiiMatch, PiiType } from '../findings.js';
import { findCards } from './card.js';
import { findEmails } from './email.js';
import { findIbans } from './iban.js';
import { findIpv4, findIpv6 } from './ip.js';
import { findPhones } from './phone.js';
import { findSecrets } from './secrets.js';
import { findSsns } from './ssn.js';

/**
 * Which match wins where two overlap: the kind that can contain the other. A key or token may hold
 * anything; an e-mail address may hold digits or an IP literal; an IBAN holds runs of digits that
 * can pass for a card or a phone number; a card number is a stricter pattern than an SSN or a
 * phone number. Between matches of one kind, the longer wins ("::ffff:192.0.2.1" over its IPv4).
 */
const RANK: Readonly<Record<PiiType, number>> = {
  'pii.secret': 0,
  'pii.email': 1,
  'pii.iban': 2,
  'pii.credit_card': 3,
  'pii.us_ssn': 4,
  'pii.phone': 5,
  'pii.ip': 6,
};

// Literal prefixes of the secrets (see secrets.ts), and the "e[wy]…." start of a JOSE header.
const SECRET_HINT = /AKIA|ASIA|sk-|gh[pousr]_|github_pat_|-----BEGIN |e[wy][\w-]{8,}\./;
const DIGIT = /\d/;
// Digits with at most three separators (space, parentheses, dot, slash, hyphen) between them.
const DIGIT_RUN_8 = /\d(?:[ ()./-]{0,3}\d){7}/;

/**
 * Every PII value in `text`, sorted by start and non-overlapping. start/end are a half-open range
 * of UTF-16 indices into `text`. The value itself is not returned: callers slice it when they must.
 */
export function detectPii(text: string): PiiMatch[] {
  // The shortest value any detector accepts is four characters (the IPv6 address "1::2").
  if (text.length < 4) return [];
  const found: PiiMatch[] = [];
  if (SECRET_HINT.test(text)) findSecrets(text, found);
  if (text.includes('@')) findEmails(text, found);
  const colon = text.indexOf(':');
  if (colon !== -1 && text.indexOf(':', colon + 1) !== -1) findIpv6(text, found);
  if (DIGIT.test(text)) {
    findIbans(text, found);
    if (text.includes('.')) findIpv4(text, found);
    // Cards, SSNs and phone numbers all have at least eight digits in one run of digit groups.
    if (DIGIT_RUN_8.test(text)) {
      findCards(text, found);
      findSsns(text, found);
      findPhones(text, found);
    }
  }
  return resolveOverlaps(found);
}

/**
 * Keeps the strongest of overlapping matches (see RANK) and returns the rest sorted by start.
 * Overlaps are resolved within each cluster of transitively overlapping matches, so a text with
 * thousands of matches costs a sort, not a quadratic search.
 */
export function resolveOverlaps(found: PiiMatch[]): PiiMatch[] {
  if (found.length <= 1) return found;
  const byStart = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PiiMatch[] = [];
  for (let i = 0; i < byStart.length; ) {
    let j = i + 1;
    let end = byStart[i]!.end;
    while (j < byStart.length && byStart[j]!.start < end) end = Math.max(end, byStart[j++]!.end);
    if (j === i + 1) kept.push(byStart[i]!);
    else kept.push(...strongest(byStart.slice(i, j)));
    i = j;
  }
  return kept;
}

/** Greedy by rank within one cluster: each match is kept unless it overlaps a stronger kept one. */
function strongest(cluster: PiiMatch[]): PiiMatch[] {
  const ranked = [...cluster].sort((a, b) => RANK[a.type] - RANK[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiMatch[] = [];
  for (const m of ranked) if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}
