// SPDX-License-Identifier: UNLICENSED
// Model version changes during the period: the first record that carries a version not seen
// before, or one that comes back after `returnAfter` records of other versions (a roll-back).
// Two versions served side by side (an A/B test) alternate within a few records and raise only
// the first appearance of each. State: one entry per distinct model string.

export interface ModelChange {
  record: number;
  from: string;
  to: string;
  /** The last record served by the previous version. */
  previousRecord: number;
  kind: 'new' | 'returned';
  timestamp?: string;
}

export class ModelChangeTracker {
  private readonly lastSeen = new Map<string, number>();
  private current: string | null = null;
  private currentRecord = -1;
  private readonly returnAfter: number;

  constructor(returnAfter: number) {
    this.returnAfter = returnAfter;
  }

  observe(record: number, model: string, timestamp?: string): ModelChange | null {
    let change: ModelChange | null = null;
    if (this.current !== null && model !== this.current) {
      const last = this.lastSeen.get(model);
      if (last === undefined || record - last > this.returnAfter) {
        change = { record, from: this.current, to: model, previousRecord: this.currentRecord, kind: last === undefined ? 'new' : 'returned', ...(timestamp ? { timestamp } : {}) };
      }
    }
    this.lastSeen.set(model, record);
    this.current = model;
    this.currentRecord = record;
    return change;
  }
}
