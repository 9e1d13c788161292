// SPDX-License-Identifier: UNLICENSED
// Timing helpers. Every trial times only its own critical section, so setup (creating a vault, a
// case) and cleanup (deleting copies, flushing dirty pages) stay outside the figures.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Wall-clock seconds taken by `fn`, and what it returned. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

/** Runs a command to completion and resolves to its stdout; a non-zero exit rejects. */
export function runCommand(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}): ${Buffer.concat(err).toString('utf8').trim()}`));
    });
  });
}

/** Writes back every dirty page, so one trial's copy is not flushed during the next trial. */
export async function flushDirtyPages(): Promise<void> {
  await runCommand('sync', []);
}

export interface Trial {
  name: string;
  /** Runs once and returns the seconds of its timed section. */
  run(): Promise<number>;
}

/**
 * Runs every trial once per round, for `rounds` rounds, and returns each trial's times. Rounds are
 * interleaved rather than grouped (A A, B B, C C) so slow drift on a shared machine affects all
 * trials alike, and every other round runs backwards (A B C, C B A) so no trial always follows the
 * same one: on this VM the first 1 GiB write after a pause in writing measured 0.5–0.8 s slower
 * than one right after another write, whichever trial it was.
 */
export async function runRounds(trials: readonly Trial[], rounds: number, log: (line: string) => void): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(trials.map((t) => [t.name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const trial of round % 2 === 1 ? trials : [...trials].reverse()) {
      const seconds = await trial.run();
      times.get(trial.name)!.push(seconds);
      log(`round ${round}/${rounds}  ${trial.name}: ${seconds.toFixed(3)} s`);
    }
  }
  return times;
}
