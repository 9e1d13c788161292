// SPDX-License-Identifier: UNLICENSED
// Opens vault.db: WAL, foreign keys, pending migrations in one transaction, and a refusal to open
// a database written by a newer version of the app.
import Database from 'better-sqlite3';
import { VaultError } from '../../../shared/errors.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export function openDatabase(path: string, options: { create: boolean }): Db {
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch (cause) {
    throw new VaultError('DB_CORRUPT', `cannot open ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    // 64 MiB of page cache: log imports update several indexes per record.
    db.pragma('cache_size = -65536');
    migrate(db, MIGRATIONS);
    return db;
  } catch (cause) {
    db.close();
    if (cause instanceof VaultError) throw cause;
    throw new VaultError(
      'DB_CORRUPT',
      `${path} is not a readable vault database (${(cause as Error).message}); run "evault verify-vault" or restore it from a backup`,
      { cause },
    );
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every pending migration in one transaction; refuses a database from a newer schema. */
export function migrate(db: Db, migrations: readonly Migration[], target = migrations.length ? migrations[migrations.length - 1]!.version : 0): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list is not numbered 1..n at position ${i}`);
  });
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new VaultError(
      'DB_FROM_FUTURE',
      `this vault has schema version ${current}, newer than this app's ${SCHEMA_VERSION}; open it with a newer Evidence Vault`,
    );
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) m.update(db);
    db.pragma(`user_version = ${target}`);
  })();
}
