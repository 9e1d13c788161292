// SPDX-License-Identifier: UNLICENSED
// Schema version 4: the examiner's organisation, as signed in examiner.registered (null where the
// examiner gave none or registered before this version). The table stays append-only: its
// triggers refuse UPDATE and DELETE whatever the columns.
import type { Database } from 'better-sqlite3';

export default function updateToSchemaVersion4(db: Database): void {
  db.exec('ALTER TABLE examiners ADD COLUMN organisation TEXT');
}
