// SPDX-License-Identifier: UNLICENSED
// What the benchmark works on: a file of pseudo-random bytes and an unlocked examiner key.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Keystore } from '../../electron/services/keys/keystore.js';
import type { Signer } from '../../electron/services/keys/signer.js';

const BLOCK = 16 * 1024 * 1024;

/**
 * Writes `size` pseudo-random bytes (incompressible, so no filesystem or hash shortcut applies)
 * and fsyncs them, so their writeback cannot overlap a later measurement.
 */
export async function writeRandomFile(path: string, size: number): Promise<void> {
  const handle = await fs.open(path, 'wx', 0o600);
  try {
    for (let done = 0; done < size; ) {
      const block = randomBytes(Math.min(BLOCK, size - done));
      let offset = 0;
      while (offset < block.length) offset += (await handle.write(block, offset, block.length - offset)).bytesWritten;
      done += block.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A real examiner key, created and unlocked through the keystore the app uses. */
export async function benchSigner(dir: string): Promise<Signer> {
  const keystore = new Keystore(join(dir, 'keys'));
  const passphrase = 'benchmark passphrase';
  const key = await keystore.create({ name: 'Benchmark Examiner', role: 'benchmark', passphrase });
  return keystore.unlock(key.fingerprint, passphrase);
}
