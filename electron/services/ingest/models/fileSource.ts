// SPDX-License-Identifier: UNLICENSED
// A ByteSource over an open file: positional reads (pread), so parsers fetch exactly the ranges they
// ask for. A sparse 100 GiB file costs only the header reads.
import { promises as fs } from 'node:fs';
import { ImportError } from '../../../../shared/errors.js';
import type { ByteSource } from '../../../../shared/models/byteSource.js';

export class FileSource implements ByteSource {
  /** Bytes read so far (to show that header inspection reads the header only). */
  bytesRead = 0;
  reads = 0;

  private constructor(
    private readonly handle: fs.FileHandle,
    readonly size: number,
    private readonly path: string,
  ) {}

  static async open(path: string): Promise<FileSource> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path, 'r');
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      throw new ImportError(code === 'ENOENT' ? 'SOURCE_MISSING' : 'SOURCE_UNREADABLE', `cannot open ${path}: ${(cause as Error).message}`, { cause });
    }
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw new ImportError('SOURCE_UNREADABLE', `${path} is not a regular file`);
      return new FileSource(handle, st.size, path);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    const buf = Buffer.allocUnsafe(n);
    let done = 0;
    try {
      while (done < n) {
        const { bytesRead } = await this.handle.read(buf, done, n - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
    } catch (cause) {
      throw new ImportError('SOURCE_UNREADABLE', `cannot read ${this.path}: ${(cause as Error).message}`, { cause });
    }
    this.bytesRead += done;
    this.reads++;
    return buf.subarray(0, done);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
