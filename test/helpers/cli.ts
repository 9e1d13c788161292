// SPDX-License-Identifier: UNLICENSED
// Runs the real `evault` command (electron/cli/bin.js) in a child process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repoRoot.js';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function evault(args: string[], env: Record<string, string | undefined> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'electron', 'cli', 'bin.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, EVAULT_VAULT: undefined, EVAULT_KEYSTORE: undefined, EVAULT_KEY: undefined, EVAULT_PASSPHRASE: undefined, ...env },
    input,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
