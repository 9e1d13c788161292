// SPDX-License-Identifier: UNLICENSED
// Formatting for people: sizes, UTC times, counts, fingerprints. Locale-independent on purpose
// (en-US digit grouping everywhere), so a report renders the same on every machine.
import { groupFingerprint } from '../../../../shared/crypto/keyFingerprint.js';

export const count = (n: number): string => n.toLocaleString('en-US');

export function bytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${count(n)} bytes` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]} (${count(n)} bytes)`;
}

/** "2026-11-23 02:41:34 UTC" from an RFC 3339 time (milliseconds dropped). */
export function utc(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** Fingerprint in groups of four on one line. */
export function fp(fingerprint: string): string {
  return groupFingerprint(fingerprint).replace(/\n/g, ' ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export const FINDING_LABELS: Record<string, string> = {
  'ai.prompt_injection': 'Prompt injection',
  'ai.system_prompt_exfiltration': 'System-prompt exfiltration',
  'ai.response_leak': 'Sensitive data in model response',
  'ai.cross_tenant': 'Cross-tenant access',
  'ai.burst': 'Request burst',
  'ai.model_change': 'Model change',
  'pii.email': 'E-mail address',
  'pii.phone': 'Phone number',
  'pii.credit_card': 'Payment card number',
  'pii.us_ssn': 'US Social Security number',
  'pii.iban': 'IBAN',
  'pii.ip': 'IP address',
  'pii.secret': 'Secret or credential',
};

export const label = (type: string): string => FINDING_LABELS[type] ?? type;
