// SPDX-License-Identifier: UNLICENSED
// Prepared statements cached per connection: preparing costs more than running a small insert.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.js';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let forDb = cache.get(db);
  if (!forDb) {
    forDb = new Map();
    cache.set(db, forDb);
  }
  let s = forDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    forDb.set(sql, s);
  }
  return s;
}
