// SPDX-License-Identifier: UNLICENSED
import type { Database } from 'better-sqlite3';
import updateToSchemaVersion1 from './0001-initial.js';
import updateToSchemaVersion2 from './0002-log-records.js';
import updateToSchemaVersion3 from './0003-models.js';
import updateToSchemaVersion4 from './0004-examiner-organisation.js';
import updateToSchemaVersion5 from './0005-placeholder-numbers.js';

export interface Migration {
  version: number;
  update: (db: Database) => void;
}

/** Every migration, in order; versions strictly increase by one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, update: updateToSchemaVersion1 },
  { version: 2, update: updateToSchemaVersion2 },
  { version: 3, update: updateToSchemaVersion3 },
  { version: 4, update: updateToSchemaVersion4 },
  { version: 5, update: updateToSchemaVersion5 },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
