// SPDX-License-Identifier: UNLICENSED
// CPU seconds per thread of this process, from /proc/self/task/*/stat (Linux only), sampled so a
// thread that exits before the end (the import's analysis worker) keeps its last reading. Node 20
// names no threads, so the main thread is told apart by its id (the process id) and the rest by
// their CPU: in a log import the busiest other thread is the analysis worker.
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  main: number;
  /** CPU of each other thread, busiest first. */
  others: number[];
}

export class ThreadCpuSampler {
  private readonly seconds = new Map<string, number>();
  private readonly timer: NodeJS.Timeout | undefined;
  /** Readings at construction, subtracted at the end: only what runs after is counted. */
  private readonly baseline = new Map<string, number>();

  constructor(intervalMs = 100) {
    if (!this.sample()) return;
    for (const [t, s] of this.seconds) this.baseline.set(t, s);
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): boolean {
    let tasks: string[];
    try {
      tasks = readdirSync('/proc/self/task');
    } catch {
      return false;
    }
    for (const t of tasks) {
      try {
        const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
        // Fields after the parenthesised name: state is field 3, utime 14 and stime 15 (proc(5)).
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // In clock ticks of USER_HZ, which is 100 on every Linux architecture Node supports.
        this.seconds.set(t, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        // The thread exited between the listing and the read: its last sample stands.
      }
    }
    return true;
  }

  /** The last readings, or null where /proc is not available. */
  stop(): ThreadCpu | null {
    if (this.timer === undefined) return null;
    clearInterval(this.timer);
    this.sample();
    const since = (t: string, s: number) => s - (this.baseline.get(t) ?? 0);
    const main = since(String(process.pid), this.seconds.get(String(process.pid)) ?? 0);
    const others = [...this.seconds].filter(([t]) => t !== String(process.pid)).map(([t, s]) => since(t, s)).sort((a, b) => b - a);
    return { main, others };
  }
}
