// SPDX-License-Identifier: UNLICENSED
// A vault is a folder: vault.db (SQLite) and objects/ (content-addressed copies).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { VaultError } from '../../../shared/errors.js';
import { openDatabase, type Db } from './db.js';
import { ObjectStore } from './objectStore.js';

export class Vault {
  private constructor(
    readonly dir: string,
    readonly db: Db,
    readonly objects: ObjectStore,
    readonly id: string,
  ) {}

  static dbPath(dir: string): string {
    return join(dir, 'vault.db');
  }

  static exists(dir: string): boolean {
    return existsSync(Vault.dbPath(dir));
  }

  /** Creates a new vault in an empty (or missing) folder. */
  static async create(dirInput: string): Promise<Vault> {
    const dir = resolve(dirInput);
    if (Vault.exists(dir)) throw new VaultError('ALREADY_EXISTS', `a vault already exists at ${dir}`);
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new VaultError('ALREADY_EXISTS', `${dir} is not empty; choose an empty or new folder for the vault`);
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const db = openDatabase(Vault.dbPath(dir), { create: true });
    const id = randomUUID();
    db.prepare('INSERT INTO vault_info (id, created_at) VALUES (?, ?)').run(id, new Date().toISOString());
    const objects = new ObjectStore(dir);
    await objects.init();
    return new Vault(dir, db, objects, id);
  }

  static async open(dirInput: string): Promise<Vault> {
    const dir = resolve(dirInput);
    if (!Vault.exists(dir)) {
      throw new VaultError('VAULT_MISSING', `no vault at ${dir}; create one with "evault init" or pass --vault DIR`);
    }
    const db = openDatabase(Vault.dbPath(dir), { create: false });
    let info: { id: string } | undefined;
    try {
      info = db.prepare('SELECT id FROM vault_info LIMIT 1').get() as { id: string } | undefined;
    } catch (cause) {
      db.close();
      throw new VaultError('DB_CORRUPT', `${Vault.dbPath(dir)} cannot be read: ${(cause as Error).message}`, { cause });
    }
    if (!info) {
      db.close();
      throw new VaultError('DB_CORRUPT', `${Vault.dbPath(dir)} has no vault identity row`);
    }
    const objects = new ObjectStore(dir);
    await objects.init();
    await objects.sweepTemp();
    return new Vault(dir, db, objects, info.id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
