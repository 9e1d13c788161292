// SPDX-License-Identifier: UNLICENSED
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../../shared/errors.js';
import type { GlobalOptions } from './context.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS = {
  vault: { type: 'string' },
  keystore: { type: 'string' },
  key: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export interface Parsed {
  global: GlobalOptions & { help?: boolean };
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parse(argv: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
    const v = values as Record<string, string | boolean | string[] | undefined>;
    return {
      global: { vault: v.vault as string | undefined, keystore: v.keystore as string | undefined, key: v.key as string | undefined, json: v.json === true, debug: v.debug === true, help: v.help === true },
      values: v,
      positionals,
    };
  } catch (err) {
    throw new UsageError(`${(err as Error).message.replace(/\. To specify a positional.*$/s, '')}; see "evault help"`);
  }
}

export function requireArgs(positionals: string[], names: string[], usage: string): string[] {
  if (positionals.length < names.length) throw new UsageError(`missing ${names.slice(positionals.length).join(' ')}; usage: ${usage}`);
  return positionals;
}

export function intArg(value: string | undefined, name: string): number {
  if (value === undefined || !/^[0-9]+$/.test(value)) throw new UsageError(`${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

export function stringOpt(values: Parsed['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
