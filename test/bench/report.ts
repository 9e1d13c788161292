// SPDX-License-Identifier: UNLICENSED
// The result table: one row per measurement, its best time, throughput, comparison and target.

export interface Baseline {
  name: string;
  seconds: number;
  /**
   * 'speed': ratio = baseline time / our time (higher is better, 1.0 = as fast as the baseline).
   * 'time':  ratio = our time / baseline time (lower is better, below 1.0 = faster than it).
   */
  compare: 'speed' | 'time';
}

export type Target =
  | { on: 'ratio'; atLeast: number }
  | { on: 'ratio'; below: number }
  | { on: 'rate'; atLeast: number };

export interface Row {
  name: string;
  /** Every run's time; the best (smallest) one is reported. */
  times: number[];
  work: { amount: number; unit: 'bytes' | 'events' };
  baseline?: Baseline;
  target?: Target;
}

export type Outcome = 'PASS' | 'MISS' | 'info';

export const best = (times: readonly number[]): number => Math.min(...times);

/** Bytes per second in MB/s (10^6 bytes), or events per second. */
export function rate(row: Row): number {
  return row.work.amount / best(row.times);
}

export function ratio(row: Row): number | undefined {
  const b = row.baseline;
  if (!b) return undefined;
  return b.compare === 'speed' ? b.seconds / best(row.times) : best(row.times) / b.seconds;
}

export function outcome(row: Row): Outcome {
  const t = row.target;
  if (!t) return 'info';
  const value = t.on === 'rate' ? rate(row) : ratio(row);
  if (value === undefined) return 'MISS';
  const ok = 'atLeast' in t ? value >= t.atLeast : value < t.below;
  return ok ? 'PASS' : 'MISS';
}

function formatRate(row: Row): string {
  const r = rate(row);
  return row.work.unit === 'bytes' ? `${(r / 1e6).toFixed(0)} MB/s` : `${Math.round(r).toLocaleString('en-US')} ev/s`;
}

function formatRatio(row: Row): string {
  const r = ratio(row);
  return r === undefined ? '-' : `${row.baseline!.compare} ${r.toFixed(2)}×`;
}

function formatTarget(row: Row): string {
  const t = row.target;
  if (!t) return '-';
  if (t.on === 'rate') return `≥ ${t.atLeast.toLocaleString('en-US')} ev/s`;
  const kind = row.baseline?.compare ?? 'ratio';
  return 'atLeast' in t ? `${kind} ≥ ${t.atLeast.toFixed(2)}×` : `${kind} < ${t.below.toFixed(2)}×`;
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['measurement', 'best time', 'throughput', 'baseline', 'ratio', 'target', 'result', 'all runs (s)'];
  const body = rows.map((row) => [
    row.name,
    `${best(row.times).toFixed(3)} s`,
    formatRate(row),
    row.baseline?.name ?? '-',
    formatRatio(row),
    formatTarget(row),
    outcome(row),
    row.times.map((t) => t.toFixed(3)).join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
