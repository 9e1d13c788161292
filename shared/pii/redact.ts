// SPDX-License-Identifier: UNLICENSED
// Typed, consistent placeholders for redacted views and exports: within a case the same value
// always becomes the same placeholder ("[EMAIL#3]"), numbered per type in first-seen order.
//
// The state maps a key to a placeholder, and is meant to be stored with the case. It holds no raw
// value: the key is SHA-256 over a per-case random salt, the type and the value's canonical
// spelling (normalize.ts). The salt keeps keys of one case from being matched against another's.
// It does not stop someone holding the state from testing guesses of a low-entropy value (an SSN
// has fewer than 10^9): keep the state with the same care as the vault, where the values are.
import { sha256Hex } from '../crypto/sha256.js';
import { toHex } from '../encoding.js';
import { EvaultError } from '../errors.js';
import { PII_TYPES, type PiiMatch, type PiiType } from '../findings.js';
import { canonicalPii } from './normalize.js';

export const PLACEHOLDER_NAMES = {
  'pii.email': 'EMAIL',
  'pii.phone': 'PHONE',
  'pii.credit_card': 'CARD',
  'pii.us_ssn': 'SSN',
  'pii.iban': 'IBAN',
  'pii.ip': 'IP',
  'pii.secret': 'SECRET',
} as const satisfies Record<PiiType, string>;

export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[PiiType];

export interface RedactorState {
  version: 1;
  /** 16 random bytes, hex. */
  salt: string;
  /** The last number handed out per placeholder name. */
  counts: Partial<Record<PlaceholderName, number>>;
  /** Placeholder ("EMAIL#3") by key: hex SHA-256 of salt, type and canonical value. */
  entries: Record<string, string>;
}

const NAMES: readonly string[] = Object.values(PLACEHOLDER_NAMES);
const ENTRY = /^(EMAIL|PHONE|CARD|SSN|IBAN|IP|SECRET)#([1-9]\d{0,8})$/;

function malformed(what: string): EvaultError {
  return new EvaultError('BAD_INPUT', `The saved redaction state is malformed (${what}); restore it from the vault or start a new one.`);
}

/** Checks a state read back from storage; never echoes its contents. */
function checkState(state: unknown): RedactorState {
  if (typeof state !== 'object' || state === null) throw malformed('not an object');
  const s = state as Partial<RedactorState>;
  if (s.version !== 1) throw malformed('unknown version');
  if (typeof s.salt !== 'string' || !/^[0-9a-f]{32}$/.test(s.salt)) throw malformed('salt is not 16 bytes of hex');
  if (typeof s.counts !== 'object' || s.counts === null) throw malformed('counts missing');
  if (typeof s.entries !== 'object' || s.entries === null) throw malformed('entries missing');
  for (const [name, n] of Object.entries(s.counts)) {
    if (!NAMES.includes(name) || !Number.isSafeInteger(n) || (n as number) < 0) throw malformed('bad count');
  }
  const seen = new Set<string>();
  for (const [key, placeholder] of Object.entries(s.entries)) {
    const m = typeof placeholder === 'string' ? ENTRY.exec(placeholder) : null;
    if (!/^[0-9a-f]{64}$/.test(key) || m === null) throw malformed('bad entry');
    if (seen.has(placeholder)) throw malformed('one placeholder given to two values');
    seen.add(placeholder);
    if (Number(m[2]) > (s.counts[m[1] as PlaceholderName] ?? 0)) throw malformed('an entry beyond its count');
  }
  return { version: 1, salt: s.salt, counts: { ...s.counts }, entries: { ...s.entries } };
}

export class Redactor {
  private readonly salt: string;
  private readonly counts: Partial<Record<PlaceholderName, number>>;
  private readonly entries: Map<string, string>;

  /** A new state with a fresh random salt, or one restored from toJSON() output. */
  constructor(state?: RedactorState) {
    const s = state === undefined ? undefined : checkState(state);
    this.salt = s?.salt ?? toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
    this.counts = s?.counts ?? {};
    this.entries = new Map(Object.entries(s?.entries ?? {}));
  }

  /** "[EMAIL#3]": the same (canonical) value of a type always gets the same placeholder. */
  placeholder(type: PiiType, value: string): string {
    if (!PII_TYPES.includes(type)) throw new EvaultError('BAD_INPUT', 'Cannot redact a value of an unknown PII type; use one of PII_TYPES.');
    const key = sha256Hex(`${this.salt}\u0000${type}\u0000${canonicalPii(type, value)}`);
    let placeholder = this.entries.get(key);
    if (placeholder === undefined) {
      const name = PLACEHOLDER_NAMES[type];
      const n = (this.counts[name] ?? 0) + 1;
      this.counts[name] = n;
      placeholder = `${name}#${n}`;
      this.entries.set(key, placeholder);
    }
    return `[${placeholder}]`;
  }

  /** `text` with every match replaced by its placeholder. Matches may come in any order but must not overlap. */
  redact(text: string, matches: readonly PiiMatch[]): string {
    const sorted = [...matches].sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const m of sorted) {
      if (!Number.isInteger(m.start) || !Number.isInteger(m.end) || m.start < at || m.end <= m.start || m.end > text.length) {
        throw new EvaultError('BAD_INPUT', `Cannot redact the span [${m.start}, ${m.end}) of a ${text.length}-character text: it is empty, out of range or overlaps another.`);
      }
      out += text.slice(at, m.start) + this.placeholder(m.type, text.slice(m.start, m.end));
      at = m.end;
    }
    return out + text.slice(at);
  }

  toJSON(): RedactorState {
    return { version: 1, salt: this.salt, counts: { ...this.counts }, entries: Object.fromEntries(this.entries) };
  }
}
