// SPDX-License-Identifier: UNLICENSED
// A digest binding the full list of PII matches of a log into its signed finding.recorded event:
// SHA-256 over one RFC 8785 line per match, [idx, field, type, start, end, subtype], in order.
import { createHash, type Hash } from 'node:crypto';
import { canonicalize } from '../../../../shared/canonicalJson.js';

export class PiiDigest {
  private readonly hash: Hash = createHash('sha256');
  readonly counts: Record<string, number> = {};
  total = 0;

  add(m: { idx: number; field: string; type: string; start: number; end: number; subtype: string | null }): void {
    this.hash.update(canonicalize([m.idx, m.field, m.type, m.start, m.end, m.subtype]) + '\n');
    this.counts[m.type] = (this.counts[m.type] ?? 0) + 1;
    this.total++;
  }

  hex(): string {
    return this.hash.copy().digest('hex');
  }
}
