// SPDX-License-Identifier: UNLICENSED
import { hash, randomBytes } from 'node:crypto';
import { canonicalPii } from '../../../../shared/pii/normalize.js';
import { PLACEHOLDER_NAMES } from '../../../../shared/pii/redact.js';
import type { PiiType } from '../../../../shared/findings.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.js';

/**
 * Salted hash of a value's canonical spelling (a card with spaces or dashes is one value): the first
 * 128 bits of SHA-256, in hex. Stored as 16 bytes (schema 5): a smaller key keeps more of a large
 * case's table in SQLite's cache; two values of a case would share a number only on a 128-bit collision.
 */
export function piiValueHash(salt: string, type: string, value: string): string {
  return hash('sha256', `${salt}\n${type}\n${canonicalPii(type as PiiType, value)}`, 'hex').slice(0, 32);
}

/** The stored form of a value hash. */
function key(valueHash: string): Buffer {
  const bytes = Buffer.from(valueHash, 'hex');
  if (bytes.length !== 16 || valueHash.length !== 32) throw new Error(`a PII value hash is 32 hex digits, not ${JSON.stringify(valueHash)}`);
  return bytes;
}

/** The case's salt, made on first use. */
export function caseSalt(db: Db, caseId: string): string {
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

/** Looks up the per-case placeholder numbers (PlaceholderNumbering assigns them). */
export class PlaceholderBook {
  private readonly find: Statement;
  private readonly salt: string;

  constructor(
    db: Db,
    private readonly caseId: string,
  ) {
    this.salt = caseSalt(db, caseId);
    this.find = db.prepare('SELECT number FROM pii_placeholders WHERE case_id = ? AND type = ? AND value_hash = ?').pluck();
  }

  /** The placeholder of a value already numbered, or a generic one. */
  lookup(type: string, value: string): string {
    const n = this.find.get(this.caseId, type, key(piiValueHash(this.salt, type, value))) as number | undefined;
    return n === undefined ? `[${LABELS[type] ?? 'PII'}]` : placeholderText(type, n);
  }
}

/**
 * Numbers the values of one import as they arrive, by their salted hashes: a value the case already
 * has keeps its number (the insert does nothing); a new one takes the next number of its type. The
 * highest number of each type is read once and then counted here, so numbering a value is one
 * statement, not a lookup, a max() and an insert.
 */
export class PlaceholderNumbering {
  private readonly insert: Statement;
  private readonly top = new Map<string, number>();

  constructor(
    db: Db,
    private readonly caseId: string,
  ) {
    for (const r of db.prepare('SELECT type, max(number) AS top FROM pii_placeholders WHERE case_id = ? GROUP BY type').all(caseId) as { type: string; top: number }[]) this.top.set(r.type, r.top);
    // Only a value already numbered is skipped; a clash on a number would still fail loudly.
    this.insert = db.prepare('INSERT INTO pii_placeholders (case_id, type, value_hash, number) VALUES (?, ?, ?, ?) ON CONFLICT (case_id, type, value_hash) DO NOTHING');
  }

  /** Numbers a value (given as piiValueHash with the case's salt) if the case does not have it yet. */
  assign(type: string, valueHash: string): void {
    const n = (this.top.get(type) ?? 0) + 1;
    if (this.insert.run(this.caseId, type, key(valueHash), n).changes === 1) this.top.set(type, n);
  }
}
