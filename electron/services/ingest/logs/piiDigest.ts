// SPDX-License-Identifier: UNLICENSED
// A digest binding the full list of PII matches of a log into its signed finding.recorded event:
// SHA-256 over one RFC 8785 line per match (a JSON array), [idx, field, type, start, end, subtype], in order.
import { createHash, type Hash } from 'node:crypto';

export class PiiDigest {
  private readonly hash: Hash = createHash('sha256');
  readonly counts: Record<string, number> = {};
  total = 0;

  add(m: { idx: number; field: string; type: string; start: number; end: number; subtype: string | null }): void {
    // For an array of strings, integers and null, JSON.stringify is exactly the RFC 8785 form.
    this.hash.update(JSON.stringify([m.idx, m.field, m.type, m.start, m.end, m.subtype]) + '\n');
    this.counts[m.type] = (this.counts[m.type] ?? 0) + 1;
    this.total++;
  }

  hex(): string {
    return this.hash.copy().digest('hex');
  }
}
