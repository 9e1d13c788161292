// SPDX-License-Identifier: UNLICENSED
import type { ParseArgsConfig } from 'node:util';
import type { Parsed } from './args.js';
import type { Context } from './context.js';

export interface Command {
  /** One or two words, e.g. "import" or "case create". */
  name: string;
  usage: string;
  summary: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code (0 when omitted). */
  run(ctx: Context, args: Parsed): Promise<number | void>;
}
