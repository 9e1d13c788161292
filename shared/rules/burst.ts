// SPDX-License-Identifier: UNLICENSED
// Request-rate bursts: one user sending hundreds of requests within minutes. A burst is a run of
// one user's requests, each at most `maxGapMs` after the previous, in which some `windowMs`
// window holds at least `minCount` requests; it covers the run from the first request of the
// first such window to the run's end. Memory: per active user, the requests of the current window
// (fewer than `minCount` until a burst starts) and, during a burst, its record indices.

export interface BurstOptions {
  minCount: number;
  windowMs: number;
  maxGapMs: number;
  /** Record indices kept per burst; a longer burst is reported with its count and first indices. */
  maxRecords: number;
}

export interface Burst {
  user: string;
  records: number[];
  count: number;
  startMs: number;
  endMs: number;
  /** Most requests seen in any one window of the burst. */
  peak: number;
}

/** Window entries kept per user: a burst faster than this per window reports this as its peak. */
const MAX_WINDOW = 100_000;

interface UserState {
  lastMs: number;
  times: number[];
  indices: number[];
  head: number;
  burst: Burst | null;
}

export class BurstTracker {
  private readonly users = new Map<string, UserState>();
  private readonly opts: BurstOptions;
  private latestMs = -Infinity;
  private sinceSweep = 0;

  constructor(opts: BurstOptions) {
    this.opts = opts;
  }

  get trackedUsers(): number {
    return this.users.size;
  }

  /** Notes one request; returns a burst that this request shows has ended (the user's previous one). */
  observe(index: number, user: string, ms: number, onEnded: (b: Burst) => void): void {
    if (ms > this.latestMs) this.latestMs = ms;
    if (++this.sinceSweep >= 8192) this.sweep(onEnded);
    let s = this.users.get(user);
    if (s && ms - s.lastMs > this.opts.maxGapMs) {
      if (s.burst) onEnded(s.burst);
      s = undefined;
    }
    if (!s) {
      s = { lastMs: ms, times: [], indices: [], head: 0, burst: null };
      this.users.set(user, s);
    }
    // Out-of-order timestamps count at the user's latest time: they never reopen a closed window.
    const t = Math.max(ms, s.lastMs);
    s.lastMs = t;
    s.times.push(t);
    s.indices.push(index);
    while (s.times[s.head]! < t - this.opts.windowMs || s.times.length - s.head > MAX_WINDOW) s.head++;
    const inWindow = s.times.length - s.head;
    const b = s.burst;
    if (b) {
      b.count++;
      b.endMs = t;
      if (b.records.length < this.opts.maxRecords) b.records.push(index);
      if (inWindow > b.peak) b.peak = inWindow;
    } else if (inWindow >= this.opts.minCount) {
      s.burst = { user, records: s.indices.slice(s.head, s.head + this.opts.maxRecords), count: inWindow, startMs: s.times[s.head]!, endMs: t, peak: inWindow };
    }
    // Keep only the current window.
    if (s.head > 1024 || (s.head > 0 && s.head * 2 > s.times.length)) {
      s.times = s.times.slice(s.head);
      s.indices = s.indices.slice(s.head);
      s.head = 0;
    }
  }

  /** Drops users idle for longer than the gap (their runs are over), reporting any burst they held. */
  private sweep(onEnded: (b: Burst) => void): void {
    this.sinceSweep = 0;
    for (const [user, s] of this.users) {
      if (this.latestMs - s.lastMs > this.opts.maxGapMs) {
        if (s.burst) onEnded(s.burst);
        this.users.delete(user);
      }
    }
  }

  /** Reports every burst still open at the end of the log. */
  finish(onEnded: (b: Burst) => void): void {
    for (const s of this.users.values()) if (s.burst) onEnded(s.burst);
    this.users.clear();
  }
}
