// SPDX-License-Identifier: UNLICENSED
// What the figures were measured on, and whether the test file sits in the page cache.
import { statfsSync } from 'node:fs';
import os from 'node:os';
import { runCommand } from './measure.js';

// statfs(2) f_type magic numbers (linux/magic.h) of filesystems a vault is likely to live on.
const FS_TYPES: Record<number, string> = {
  0xef53: 'ext2/3/4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x01021994: 'tmpfs',
  0x794c7630: 'overlayfs',
  0x2fc12fc1: 'zfs',
};

export async function machineInfo(dir: string): Promise<string[]> {
  const cpus = os.cpus();
  const opensslCli = await runCommand('openssl', ['version']).then((s) => s.trim(), (e: Error) => `unavailable (${e.message})`);
  let fsType = 'unknown';
  try {
    const type = statfsSync(dir).type;
    fsType = FS_TYPES[type] ?? `0x${type.toString(16)}`;
  } catch {
    // statfs is not available everywhere; the figure is informative only.
  }
  return [
    `cpu:       ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores (os.availableParallelism ${os.availableParallelism()})`,
    `memory:    ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    `os:        ${os.type()} ${os.release()} ${os.arch()}`,
    `node:      ${process.version} (bundled OpenSSL ${process.versions.openssl})`,
    `openssl:   ${opensslCli} (command-line tool used as the baseline)`,
    `temp dir:  ${dir} (${fsType})`,
    `load:      ${loadAverage()} (1/5/15-min load average at start; above ~0.5 other work shares the cores)`,
  ];
}

/** Other processes on a 2-core machine skew every figure; printed at start and end so a reader can tell. */
export function loadAverage(): string {
  return os.loadavg().map((n) => n.toFixed(2)).join(' / ');
}

/**
 * Fraction of `path` resident in the page cache, from util-linux fincore(1); undefined where that
 * tool is missing. The benchmark cannot drop caches (that needs root on the host, not in a
 * container), so it does the opposite: it reads the file first and checks it stays cached, making
 * every measurement a hot-cache measurement.
 */
export async function cacheResidency(path: string, size: number): Promise<number | undefined> {
  try {
    const out = await runCommand('fincore', ['--bytes', '--noheadings', '--output', 'RES', path]);
    return Number(out.trim()) / size;
  } catch {
    return undefined;
  }
}
