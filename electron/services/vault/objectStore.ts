// SPDX-License-Identifier: UNLICENSED
// Content-addressed store of imported copies: objects/sha256/ab/cdef…, written once, read-only.
import { constants, promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

export class ObjectStore {
  readonly root: string;
  readonly tmpDir: string;

  constructor(vaultDir: string) {
    this.root = join(vaultDir, 'objects', 'sha256');
    this.tmpDir = join(vaultDir, 'objects', 'tmp');
  }

  async init(): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    await fs.mkdir(this.tmpDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new TypeError(`not a SHA-256 hex digest: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256), constants.F_OK);
      return true;
    } catch {
      return false;
    }
  }

  /** A fresh temp file inside the vault (same filesystem, so the final rename is atomic). */
  tempPath(): string {
    return join(this.tmpDir, `${randomUUID()}.part`);
  }

  /**
   * Moves a fully written, fsynced temp file into place as `sha256`, read-only. Returns false when
   * the object already existed (the temp file is removed and the existing object is kept as it is).
   */
  async commit(tempPath: string, sha256: string): Promise<boolean> {
    const final = this.pathOf(sha256);
    if (await this.has(sha256)) {
      await fs.rm(tempPath, { force: true });
      return false;
    }
    const dir = join(this.root, sha256.slice(0, 2));
    await fs.mkdir(dir, { recursive: true });
    await fs.chmod(tempPath, 0o444);
    // link() fails if the name exists, so a concurrent writer can never replace an object.
    try {
      await fs.link(tempPath, final);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      await fs.rm(tempPath, { force: true });
      return false;
    }
    await fs.rm(tempPath, { force: true });
    await fsyncDir(dir);
    return true;
  }

  /** Removes an object this process created and that no evidence row references (failed import). */
  async discard(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
  }

  /** Removes temp files left behind by an interrupted import; they were never evidence. */
  async sweepTemp(): Promise<void> {
    for (const name of await fs.readdir(this.tmpDir).catch(() => [] as string[])) {
      if (name.endsWith('.part')) await fs.rm(join(this.tmpDir, name), { force: true });
    }
  }

  /** Every object file in the store, as its digest (from its path). */
  async list(): Promise<string[]> {
    const out: string[] = [];
    for (const dir of await fs.readdir(this.root).catch(() => [] as string[])) {
      for (const name of await fs.readdir(join(this.root, dir))) out.push(dir + name);
    }
    return out;
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
