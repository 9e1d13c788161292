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
  /** Size of the generated safetensors file of the model benchmark, in GiB (0: skip the model benchmark). */
  modelGib: number;
  /** Size of the generated model folder of the model benchmark, in GiB. */
  folderGib: number;
}

export const USAGE = 'usage: node dist/test/bench/run.js [--size-mib N (1024)] [--events N (10000)] [--runs N (2)] [--model-gib N (2), 0 skips the model benchmark] [--folder-gib N (1)]';

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'size-mib': { type: 'string', default: '1024' },
      events: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '2' },
      'model-gib': { type: 'string', default: '2' },
      'folder-gib': { type: 'string', default: '1' },
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
    modelGib: values['model-gib'] === '0' ? 0 : positiveInteger('--model-gib', values['model-gib']),
    folderGib: positiveInteger('--folder-gib', values['folder-gib']),
  };
}

function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} takes a positive whole number, not "${text}"\n${USAGE}`);
  return n;
}
