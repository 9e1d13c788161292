// SPDX-License-Identifier: UNLICENSED
// The SQLite floor of a log import: the rows the import would store (row, its indexes, FTS5 text),
// prepared beforehand by the same analysis and held in memory, inserted into a fresh vault with the
// same statements, in one transaction — no reading, parsing, PII, hashing, rules or signing inside
// the timed part. Prints the seconds of that insert (and COMMIT) as JSON.
// Usage: node floorChild.js VAULT_DIR CASE_ID FILE
import { randomBytes } from 'node:crypto';
import { analyzeLog } from '../../../electron/services/ingest/logs/analyzeLog.js';
import { LogRecordWriter, type RecordValues } from '../../../electron/services/vault/queries/logRecords.js';
import { caseSalt } from '../../../electron/services/vault/queries/piiPlaceholders.js';
import { Vault } from '../../../electron/services/vault/vault.js';

const [vaultDir, caseId, file] = process.argv.slice(2) as [string, string, string];
const vault = await Vault.open(vaultDir);
const db = vault.db;
const rows: RecordValues[] = [];
await analyzeLog({ path: file, name: file, year: 2026, salt: caseSalt(db, caseId) }, (batch) => {
  for (const r of batch.records) {
    r[4] = Buffer.from(r[4]);
    rows.push(r);
  }
});
// An evidence row for the records to belong to (the foreign key is checked at COMMIT, as in an import).
const examiner = db.prepare('SELECT fingerprint FROM examiners LIMIT 1').pluck().get() as string;
const evidenceId = randomBytes(16).toString('hex');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
db.exec('BEGIN IMMEDIATE');
db.prepare(
  `INSERT INTO evidence (id, case_id, name, kind, size, sha256, stored, source_path, acquired_at, acquired_by, event_seq)
   VALUES (?, ?, 'floor.jsonl', 'log', 0, ?, 1, ?, '2026-11-23T00:00:00Z', ?, 1)`,
).run(evidenceId, caseId, '0'.repeat(64), file, examiner);
const writer = new LogRecordWriter(db, evidenceId);
for (const r of rows) writer.insert(r);
writer.finish();
db.exec('COMMIT');
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
vault.close();
process.stdout.write(JSON.stringify({ seconds, records: rows.length, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS }) + '\n');
