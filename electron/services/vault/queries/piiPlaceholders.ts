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

/** Looks up the per-case placeholder numbers (PlaceholderQueue assigns them). */
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
    const n = this.find.get(this.caseId, type, piiValueHash(this.salt, type, value)) as number | undefined;
    return n === undefined ? `[${LABELS[type] ?? 'PII'}]` : placeholderText(type, n);
  }
}

/**
 * Numbers the values of one import in bulk: value hashes are queued in first-seen order into a
 * temporary table (one cheap append each), and flush() numbers the new ones per type in that order,
 * after the case's highest number, in one statement — the same numbers assign() would give one by
 * one, without two lookups per value on the import's hot path.
 */
export class PlaceholderQueue {
  private readonly add: Statement;

  constructor(
    private readonly db: Db,
    private readonly caseId: string,
  ) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS pending_placeholders (id INTEGER PRIMARY KEY, type TEXT NOT NULL, value_hash TEXT NOT NULL)');
    db.exec('DELETE FROM temp.pending_placeholders');
    this.add = db.prepare('INSERT INTO temp.pending_placeholders (type, value_hash) VALUES (?, ?)');
  }

  /** Queues a value by its salted hash (piiValueHash with the case's salt). */
  queue(type: string, valueHash: string): void {
    this.add.run(type, valueHash);
  }

  /** Numbers every queued value the case does not have yet; returns how many were new. */
  flush(): number {
    const { changes } = this.db
      .prepare(
        `WITH firsts AS (SELECT type, value_hash, min(id) AS first FROM temp.pending_placeholders GROUP BY type, value_hash),
              fresh AS (SELECT f.* FROM firsts f WHERE NOT EXISTS (SELECT 1 FROM pii_placeholders p WHERE p.case_id = @case AND p.type = f.type AND p.value_hash = f.value_hash)),
              base AS (SELECT type, max(number) AS top FROM pii_placeholders WHERE case_id = @case GROUP BY type)
         INSERT INTO pii_placeholders (case_id, type, value_hash, number)
         SELECT @case, f.type, f.value_hash, coalesce(b.top, 0) + row_number() OVER (PARTITION BY f.type ORDER BY f.first)
         FROM fresh f LEFT JOIN base b ON b.type = f.type ORDER BY f.first`,
      )
      .run({ case: this.caseId });
    this.db.exec('DELETE FROM temp.pending_placeholders');
    return changes;
  }
}
