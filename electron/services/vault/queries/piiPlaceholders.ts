// SPDX-License-Identifier: UNLICENSED
import { createHash, randomBytes } from 'node:crypto';
import { canonicalPii } from '../../../../shared/pii/normalize.js';
import { PLACEHOLDER_NAMES } from '../../../../shared/pii/redact.js';
import type { PiiType } from '../../../../shared/findings.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.js';

/** Salted hash of a value's canonical spelling (a card with spaces or dashes is one value). */
export function piiValueHash(salt: string, type: string, value: string): string {
  return createHash('sha256').update(`${salt}\n${type}\n${canonicalPii(type as PiiType, value)}`).digest('hex');
}

/** The case's salt, made on first use. */
function caseSalt(db: Db, caseId: string): string {
  const existing = db.prepare('SELECT salt FROM case_pii_salt WHERE case_id = ?').pluck().get(caseId) as string | undefined;
  if (existing) return existing;
  const salt = randomBytes(32).toString('hex');
  db.prepare('INSERT INTO case_pii_salt (case_id, salt) VALUES (?, ?)').run(caseId, salt);
  return salt;
}

/** One table of placeholder names for the vault and the shared Redactor. */
const LABELS: Record<string, string> = PLACEHOLDER_NAMES;

export function placeholderText(type: string, number: number): string {
  return `[${LABELS[type] ?? 'PII'}#${number}]`;
}

/** Assigns and looks up the per-case placeholder numbers. */
export class PlaceholderBook {
  private readonly find: Statement;
  private readonly next: Statement;
  private readonly insert: Statement;
  private readonly salt: string;

  constructor(
    db: Db,
    private readonly caseId: string,
  ) {
    this.salt = caseSalt(db, caseId);
    this.find = db.prepare('SELECT number FROM pii_placeholders WHERE case_id = ? AND type = ? AND value_hash = ?').pluck();
    this.next = db.prepare('SELECT coalesce(max(number), 0) + 1 FROM pii_placeholders WHERE case_id = ? AND type = ?').pluck();
    this.insert = db.prepare('INSERT INTO pii_placeholders (case_id, type, value_hash, number) VALUES (?, ?, ?, ?)');
  }

  /** Values numbered during this session; bounded so a log of a million distinct values stays small. */
  private readonly seen = new Map<string, number>();

  /** Numbers a value if it was never seen in this case. */
  assign(type: string, value: string): void {
    const key = `${type}\n${value}`;
    if (this.seen.has(key)) return;
    const hash = piiValueHash(this.salt, type, value);
    let n = this.find.get(this.caseId, type, hash) as number | undefined;
    if (n === undefined) {
      n = this.next.get(this.caseId, type) as number;
      this.insert.run(this.caseId, type, hash, n);
    }
    if (this.seen.size >= 100_000) this.seen.clear();
    this.seen.set(key, n);
  }

  /** The placeholder of a value already numbered, or a generic one. */
  lookup(type: string, value: string): string {
    const n = this.find.get(this.caseId, type, piiValueHash(this.salt, type, value)) as number | undefined;
    return n === undefined ? `[${LABELS[type] ?? 'PII'}]` : placeholderText(type, n);
  }
}
