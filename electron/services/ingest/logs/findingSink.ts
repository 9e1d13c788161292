// SPDX-License-Identifier: UNLICENSED
// Rule findings of a log streamed into a temporary table as the rules emit them, so a log with
// hundreds of thousands of findings is never held in memory. At the end they are bound by one
// signed event per type (see recordFindings.ts) and copied into the findings table.
import type { Finding } from '../../../../shared/findings.js';
import type { Db } from '../../vault/db.js';
import { stmt } from '../../vault/queries/statements.js';
import { toStoredFinding, type StoredFinding } from './storedFinding.js';

export class FindingSink {
  count = 0;

  constructor(private readonly db: Db) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS pending_findings (id INTEGER PRIMARY KEY, type TEXT NOT NULL, finding TEXT NOT NULL)');
    db.exec('DELETE FROM temp.pending_findings');
  }

  add(f: Finding): void {
    stmt(this.db, 'INSERT INTO temp.pending_findings (type, finding) VALUES (?, ?)').run(f.type, JSON.stringify(toStoredFinding(f)));
    this.count++;
  }

  types(): string[] {
    return (stmt(this.db, 'SELECT DISTINCT type FROM temp.pending_findings ORDER BY type').all() as { type: string }[]).map((r) => r.type);
  }

  *ofType(type: string): Generator<StoredFinding> {
    for (const row of stmt(this.db, 'SELECT finding FROM temp.pending_findings WHERE type = ? ORDER BY id').iterate(type) as Iterable<{ finding: string }>) {
      yield JSON.parse(row.finding) as StoredFinding;
    }
  }

  clear(): void {
    this.db.exec('DELETE FROM temp.pending_findings');
  }
}
