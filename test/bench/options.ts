// SPDX-License-Identifier: UNLICENSED
// Command-line flags of the benchmark: smaller sizes give a quick smoke run, the defaults a real one.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Size of the generated file, in MiB. */
  sizeMib: number;
  /** Notes appended to the custody log before it is verified. */
  events: number;
  /** Each measurement is repeated this many times and the best time is kept. */
  runs: number;
}

export const USAGE = 'usage: node dist/test/bench/run.js [--size-mib N (1024)] [--events N (10000)] [--runs N (2)]';

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'size-mib': { type: 'string', default: '1024' },
      events: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '2' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    sizeMib: positiveInteger('--size-mib', values['size-mib']),
    events: positiveInteger('--events', values.events),
    runs: positiveInteger('--runs', values.runs),
  };
}

function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} takes a positive whole number, not "${text}"\n${USAGE}`);
  return n;
}
