// SPDX-License-Identifier: UNLICENSED
// A digest binding the full list of PII matches of a log into its signed finding.recorded event:
// SHA-256 over one RFC 8785 line per match (a JSON array), [idx, field, type, start, end, subtype], in order.
import { createHash, type Hash } from 'node:crypto';

/** Lines are hashed in runs of about this many characters: one update per run, not per match. */
const RUN = 64 * 1024;

export class PiiDigest {
  private readonly hash: Hash = createHash('sha256');
  private pending = '';
  readonly counts: Record<string, number> = {};
  total = 0;

  add(idx: number, field: string, type: string, start: number, end: number, subtype: string | null): void {
    // For an array of strings, integers and null, JSON.stringify is exactly the RFC 8785 form; the
    // integers need no quoting, so only the strings go through it.
    this.pending += `[${idx},${JSON.stringify(field)},${JSON.stringify(type)},${start},${end},${subtype === null ? 'null' : JSON.stringify(subtype)}]\n`;
    if (this.pending.length >= RUN) this.flush();
    this.counts[type] = (this.counts[type] ?? 0) + 1;
    this.total++;
  }

  hex(): string {
    this.flush();
    return this.hash.copy().digest('hex');
  }

  private flush(): void {
    if (this.pending === '') return;
    this.hash.update(this.pending);
    this.pending = '';
  }
}
