// SPDX-License-Identifier: UNLICENSED
// One streamed pass over a file: SHA-256 (plus MD5/SHA-1 on request), size, the first bytes for
// format sniffing, and optionally a copy written in the same pass. The next read is in flight while
// the current chunk is hashed and written, so disk and CPU overlap; the file is never whole in memory.
import { createHash, type Hash } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import { ImportError } from '../../../shared/errors.js';

export const CHUNK_SIZE = 4 * 1024 * 1024;
export const HEAD_SIZE = 64 * 1024;
const SYNC_EVERY = 64 * 1024 * 1024;

export interface Fingerprint {
  size: number;
  sha256: string;
  md5?: string;
  sha1?: string;
  /** The first bytes of the file (up to HEAD_SIZE), for format detection. */
  head: Buffer;
}

export interface FingerprintOptions {
  legacyHashes?: boolean;
  /** Where to write a copy of the bytes as they are read; it is fsynced before returning. */
  copyTo?: string;
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Sees every chunk of the same single read, with its file offset (tensor digests); may return a promise for back-pressure. */
  onChunk?: (chunk: Buffer, offset: number) => Promise<void> | void | undefined;
}

export async function fingerprintFile(path: string, options: FingerprintOptions = {}): Promise<Fingerprint> {
  const input = await openSource(path);
  let output: fs.FileHandle | undefined;
  try {
    const before = await input.stat();
    if (!before.isFile()) throw new ImportError('SOURCE_UNREADABLE', `${path} is not a regular file`);
    if (options.copyTo) output = await fs.open(options.copyTo, 'wx', 0o600);
    const hashes: Hash[] = [createHash('sha256')];
    if (options.legacyHashes) hashes.push(createHash('md5'), createHash('sha1'));
    const headParts: Buffer[] = [];
    let headLength = 0;
    let position = 0;
    let lastWrite: Promise<void> = Promise.resolve();
    // The copy is flushed to disk in the background every SYNC_EVERY bytes while hashing goes on, so
    // the closing fsync finds little left to write (it is what makes the rename atomic and durable).
    let inFlightSync: Promise<void> | undefined;
    let unsynced = 0;
    const readAt = async (pos: number): Promise<Buffer> => {
      const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
      const { bytesRead } = await input.read(buffer, 0, CHUNK_SIZE, pos);
      return buffer.subarray(0, bytesRead);
    };
    let pending = readAt(0);
    pending.catch(() => undefined);
    for (;;) {
      const chunk = await pending.catch((cause: unknown) => {
        throw new ImportError('SOURCE_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, { cause });
      });
      if (chunk.length === 0) break;
      if (options.signal?.aborted) throw new ImportError('CANCELLED', 'import cancelled; nothing was recorded');
      position += chunk.length;
      pending = readAt(position);
      pending.catch(() => undefined); // awaited on the next turn; an early exit must not leave it unhandled
      let previousWrite: Promise<void> = Promise.resolve();
      if (output) {
        const out = output;
        // Writes run in order, each overlapping the hashing of the chunks after it; at most two wait.
        previousWrite = lastWrite;
        lastWrite = lastWrite.then(() => writeAll(out, chunk));
        // A failed write (ENOSPC) is raised where it is awaited below; until then it is not "unhandled".
        lastWrite.catch(() => undefined);
      }
      for (const h of hashes) h.update(chunk);
      const consumed = options.onChunk?.(chunk, position - chunk.length);
      if (consumed) await consumed;
      if (headLength < HEAD_SIZE) {
        headParts.push(chunk.subarray(0, HEAD_SIZE - headLength));
        headLength += Math.min(chunk.length, HEAD_SIZE - headLength);
      }
      options.onProgress?.(position, before.size);
      if (output) {
        await previousWrite;
        unsynced += chunk.length;
        if (unsynced >= SYNC_EVERY && !inFlightSync) {
          unsynced = 0;
          const out = output;
          inFlightSync = out.datasync().finally(() => (inFlightSync = undefined));
          inFlightSync.catch(() => undefined);
        }
      }
    }
    await pending.catch(() => undefined);
    await lastWrite;
    await inFlightSync;
    if (output) await output.sync();
    await assertUnchanged(path, before, position);
    const [sha256, md5, sha1] = hashes.map((h) => h.digest('hex'));
    return { size: position, sha256: sha256!, ...(md5 ? { md5, sha1: sha1! } : {}), head: Buffer.concat(headParts) };
  } catch (err) {
    throw translateIoError(err, path);
  } finally {
    await input.close();
    await output?.close().catch(() => undefined);
  }
}

async function openSource(path: string): Promise<fs.FileHandle> {
  try {
    return await fs.open(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportError('SOURCE_MISSING', `${path} does not exist (it may have been moved or deleted)`, { cause });
    throw new ImportError('SOURCE_UNREADABLE', `cannot open ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** The fingerprint is only true if the file at `path` is still the one we read, whole and unchanged. */
async function assertUnchanged(path: string, before: Stats, bytesRead: number): Promise<void> {
  let after: Stats;
  try {
    after = await fs.stat(path);
  } catch {
    throw new ImportError('SOURCE_CHANGED', `${path} vanished while it was being read; nothing was recorded`);
  }
  if (after.ino !== before.ino || after.dev !== before.dev || after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytesRead !== before.size) {
    throw new ImportError('SOURCE_CHANGED', `${path} changed while it was being read; nothing was recorded — import it again once it is stable`);
  }
}

async function writeAll(handle: fs.FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

function translateIoError(err: unknown, path: string): unknown {
  if (err instanceof ImportError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ImportError('DISK_FULL', `the vault's disk is full while copying ${path}; free some space and import again (nothing was recorded)`, { cause: err });
  }
  return new ImportError('IO', `cannot import ${path}: ${(err as Error).message}`, { cause: err });
}
