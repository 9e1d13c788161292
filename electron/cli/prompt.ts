// SPDX-License-Identifier: UNLICENSED
// Reads a passphrase: EVAULT_PASSPHRASE for scripts, else an interactive prompt that does not echo.
import { UsageError } from '../../shared/errors.js';

export async function readPassphrase(prompt: string, options: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = process.env.EVAULT_PASSPHRASE;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError('a passphrase is needed: run in a terminal to be asked for it, or set EVAULT_PASSPHRASE for scripts');
  }
  const first = await promptHidden(prompt);
  if (options.confirm) {
    const second = await promptHidden('Repeat passphrase: ');
    if (first !== second) throw new UsageError('the two passphrases differ; nothing was created');
  }
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
