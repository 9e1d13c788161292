// SPDX-License-Identifier: UNLICENSED
// Rule findings of a log streamed into a temporary table as the rules emit them, so a log with
// hundreds of thousands of findings is never held in memory. What the signed event of each type
// carries (count, rules, ATLAS ids, digest of the canonical lines) is accumulated as they arrive,
// so binding them at the end (recordFindings.ts) reads nothing back: it signs one event per type
// and lets SQLite copy that type's rows into the findings table.
import { createHash, type Hash } from 'node:crypto';
import type { Finding } from '../../../../shared/findings.js';
import type { Db } from '../../vault/db.js';
import { stmt } from '../../vault/queries/statements.js';
import { findingLine, toStoredFinding } from './storedFinding.js';

/** What one type's finding.recorded event binds. */
export interface FindingTypeSummary {
  type: string;
  count: number;
  rules: string[];
  atlas: string[];
  /** SHA-256 over findingLine() of every finding of the type, in the order they were added. */
  digest: string;
}

interface Accumulator {
  digest: Hash;
  count: number;
  rules: Set<string>;
  atlas: Set<string>;
}

export class FindingSink {
  count = 0;
  private readonly byType = new Map<string, Accumulator>();

  constructor(private readonly db: Db) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS pending_findings (id INTEGER PRIMARY KEY, type TEXT NOT NULL, finding TEXT NOT NULL)');
    db.exec('DELETE FROM temp.pending_findings');
  }

  add(f: Finding): void {
    const stored = toStoredFinding(f);
    // The canonical line is JSON: it is what is hashed and what the copy reads its columns from.
    const line = findingLine(stored);
    stmt(this.db, 'INSERT INTO temp.pending_findings (type, finding) VALUES (?, ?)').run(stored.type, line);
    let acc = this.byType.get(stored.type);
    if (!acc) this.byType.set(stored.type, (acc = { digest: createHash('sha256'), count: 0, rules: new Set(), atlas: new Set() }));
    acc.digest.update(line);
    acc.count++;
    acc.rules.add(stored.rule);
    if (stored.atlas) acc.atlas.add(stored.atlas);
    this.count++;
  }

  /** One summary per type of finding added, by type name. */
  summaries(): FindingTypeSummary[] {
    return [...this.byType.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([type, acc]) => ({ type, count: acc.count, rules: [...acc.rules].sort(), atlas: [...acc.atlas].sort(), digest: acc.digest.copy().digest('hex') }));
  }

  clear(): void {
    this.db.exec('DELETE FROM temp.pending_findings');
    this.byType.clear();
    this.count = 0;
  }
}
