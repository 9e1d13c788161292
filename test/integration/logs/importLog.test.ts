// SPDX-License-Identifier: UNLICENSED
// Log evidence end to end: records root, search, redaction, findings list, tamper checks, atomicity.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { importEvidence, type ImportedItem } from '../../../electron/services/ingest/importer.js';
import { listFindings } from '../../../electron/services/vault/findingsList.js';
import { searchRecords, viewRecords } from '../../../electron/services/vault/logSearch.js';
import { logEvents } from '../../../electron/services/vault/queries/events.js';
import { caseEvidence } from '../../../electron/services/vault/queries/evidence.js';
import { getRecords } from '../../../electron/services/vault/queries/logRecords.js';
import { verifyVault } from '../../../electron/services/vault/verifyVault.js';
import { Vault } from '../../../electron/services/vault/vault.js';
import { leafHash, merkleRoot } from '../../../shared/crypto/merkle.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { toHex } from '../../../shared/encoding.js';
import { writeInferenceLog } from '../../bench/logs/generate.js';
import { corpusDir } from '../../helpers/repoRoot.js';
import { vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';

const ai = join(corpusDir(), 'logs', 'ai');

/** The records root computed independently: one leaf per LF-separated line of the file. */
function jsonlRoot(path: string): { count: number; root: string } {
  const bytes = readFileSync(path);
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return { count: lines.length, root: toHex(merkleRoot(lines.map((l) => leafHash(l)))) };
}

describe('log evidence', () => {
  let f: VaultFixture;
  let items: ImportedItem[];
  before(async () => {
    f = await vaultFixture();
    items = await importEvidence(f.vault, f.signer, 'CASE-1', [join(ai, 'inference_audit.jsonl'), join(ai, 'support_chatbot.csv')]);
  });
  after(() => f.cleanup());

  test('the records root in the signed acquisition event is the RFC 9162 root over every line', () => {
    const expected = jsonlRoot(join(ai, 'inference_audit.jsonl'));
    const item = items[0]!;
    assert.equal(item.log!.records, 2908);
    assert.equal(item.log!.malformed, 3);
    assert.equal(item.log!.recordsRoot, expected.root);
    const event = parseEvent(new Uint8Array(logEvents(f.vault.db, f.theCase.id).find((e) => e.evidence_id === item.id && e.action === 'evidence.acquired')!.bytes));
    const log = event.details.log as Record<string, unknown>;
    assert.equal(log.recordsRoot, expected.root);
    assert.equal(log.records, expected.count);
    assert.equal(log.format, 'jsonl');
    assert.equal(log.parser, 'evault-logs');
    const csv = items[1]!;
    assert.equal(csv.log!.records, 1974);
    assert.equal(csv.log!.malformed, 1);
  });

  test('each log has a signed PII scan finding, and verify-vault checks roots, framing and PII digests', async () => {
    const scans = logEvents(f.vault.db, f.theCase.id).filter((e) => e.action === 'finding.recorded').map((e) => parseEvent(new Uint8Array(e.bytes))).filter((e) => e.details.type === 'pii.scan');
    assert.equal(scans.length, 2);
    assert.ok(scans.every((s) => s.details.type === 'pii.scan' && typeof s.details.digest === 'string' && (s.details.matches as number) > 100));
    const r = await verifyVault(f.vault.dir);
    assert.deepEqual(r.issues, []);
  });

  test('AI-incident findings are signed events naming the rule set, and each stored row matches its event', () => {
    const events = logEvents(f.vault.db, f.theCase.id).filter((e) => e.action === 'finding.recorded').map((e) => parseEvent(new Uint8Array(e.bytes))).filter((e) => String(e.details.type).startsWith('ai.'));
    const rows = listFindings(f.vault, f.theCase.id).filter((x) => x.type.startsWith('ai.'));
    // One signed event per evidence item and finding type binds all its findings by count and digest.
    assert.equal(rows.length, events.reduce((n, e) => n + (e.details.count as number), 0));
    assert.ok(rows.length > 50, `${rows.length} AI findings`);
    assert.equal(new Set(events.map((e) => `${e.evidence}/${String(e.details.type)}`)).size, events.length);
    for (const e of events) {
      assert.equal(e.details.ruleset, 'evault-rules');
      assert.match(String(e.details.rulesetHash), /^[0-9a-f]{64}$/);
      assert.match(String(e.details.digest), /^[0-9a-f]{64}$/);
    }
    const types = new Set(rows.map((x) => x.type));
    for (const t of ['ai.prompt_injection', 'ai.system_prompt_exfiltration', 'ai.response_leak', 'ai.cross_tenant', 'ai.burst', 'ai.model_change']) assert.ok(types.has(t), t);
    const injection = rows.find((x) => x.type === 'ai.prompt_injection')!;
    assert.match(String(injection.atlas), /^AML\.T005[14]/);
  });

  test('the id indexes dropped for the first log are built again when it is stored, and searches use them', () => {
    const names = f.vault.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'log_records' AND sql IS NOT NULL ORDER BY name").pluck().all();
    assert.deepEqual(names, ['log_records_request', 'log_records_session', 'log_records_tenant', 'log_records_user']);
    const plan = f.vault.db.prepare("EXPLAIN QUERY PLAN SELECT * FROM log_records WHERE session = 's'").all() as { detail: string }[];
    assert.match(plan.map((r) => r.detail).join(' | '), /USING INDEX log_records_session/);
  });

  test('search by session, user, request id, free text and time window', () => {
    const lines = readFileSync(join(ai, 'inference_audit.jsonl'), 'utf8').split('\n');
    const session = JSON.parse(lines[0]!).session_id as string;
    const expected = lines.filter((l) => l.includes(`"session_id": "${session}"`) || l.includes(`"session_id":"${session}"`)).length;
    const bySession = searchRecords(f.vault, f.theCase.id, { query: session, field: 'session', limit: 1000 });
    assert.equal(bySession.length, expected);
    assert.ok(bySession.every((r) => r.session === session));
    const text = searchRecords(f.vault, f.theCase.id, { query: 'print it verbatim', limit: 1000 });
    const inAudit = text.filter((r) => r.evidence_id === items[0]!.id);
    assert.ok(inAudit.length > 0 && inAudit.every((r) => lines[r.idx]!.toLowerCase().includes('verbatim')), 'free text finds only records with the words');
    assert.equal(inAudit.length, lines.filter((l) => /print it verbatim/i.test(l)).length);
    // A phrase is words in order and adjacent: the same words apart or reordered do not match.
    const apart = searchRecords(f.vault, f.theCase.id, { query: 'verbatim print', limit: 1000 }).filter((r) => r.evidence_id === items[0]!.id);
    assert.equal(apart.length, lines.filter((l) => /verbatim print/i.test(l)).length);
    assert.ok(lines.filter((l) => /print/i.test(l) && /verbatim/i.test(l)).length > apart.length, 'records with both words exist');
    const windowed = searchRecords(f.vault, f.theCase.id, { query: session, field: 'session', from: bySession[0]!.ts!, to: bySession[0]!.ts! });
    assert.equal(windowed.length, 1);
    assert.throws(() => searchRecords(f.vault, f.theCase.id, { query: 'x', from: 'yesterday' }), (e: Error & { code?: string }) => e.code === 'BAD_INPUT');
  });

  test('record views are redacted with consistent placeholders unless revealed', async () => {
    const ev = caseEvidence(f.vault.db, f.theCase.id).find((e) => e.id === items[0]!.id)!;
    const pii = f.vault.db.prepare("SELECT idx FROM pii_matches WHERE evidence_id = ? AND type = 'pii.email' ORDER BY idx LIMIT 1").pluck().get(ev.id) as number;
    const [redacted] = await viewRecords(f.vault, ev, getRecords(f.vault.db, ev.id, [pii]));
    const [revealed] = await viewRecords(f.vault, ev, getRecords(f.vault.db, ev.id, [pii]), true);
    assert.equal(redacted!.redacted, true);
    assert.match(redacted!.text, /\[EMAIL#\d+\]/);
    assert.doesNotMatch(redacted!.text, /[\w.+-]+@[\w-]+\.[\w.]+/, 'no e-mail address left');
    assert.equal(revealed!.text, readFileSync(join(ai, 'inference_audit.jsonl'), 'utf8').split('\n')[pii]);
    const again = await viewRecords(f.vault, ev, getRecords(f.vault.db, ev.id, [pii]));
    assert.equal(again[0]!.text, redacted!.text, 'the same value gets the same placeholder every time');
  });

  test('findings list has the contract fields for every PII match', () => {
    const all = listFindings(f.vault, f.theCase.id);
    const emails = listFindings(f.vault, f.theCase.id, 'pii.email');
    assert.ok(emails.length > 50 && emails.every((x) => x.type === 'pii.email'));
    for (const x of all.slice(0, 50)) for (const k of ['evidence', 'evidence_name', 'record', 'type', 'rule', 'atlas', 'field', 'start', 'end']) assert.ok(k in x, k);
    assert.throws(() => listFindings(f.vault, f.theCase.id, 'pii.nope'), (e: Error & { code?: string }) => e.code === 'BAD_INPUT');
  });

  test('a changed record leaf or a removed PII match is caught by verify-vault', async () => {
    f.vault.close();
    const db = new Database(join(f.vault.dir, 'vault.db'));
    db.exec('DROP TRIGGER log_records_no_update; DROP TRIGGER findings_no_update;');
    db.prepare("UPDATE findings SET records = '[0]' WHERE id = (SELECT min(id) FROM findings)").run();
    db.prepare('UPDATE log_records SET leaf = zeroblob(32) WHERE evidence_id = ? AND idx = 5').run(items[0]!.id);
    // PII matches live in their record's row: drop the first match of the first record that has any.
    db.prepare("UPDATE log_records SET pii = json_remove(pii, '$[0]') WHERE id = (SELECT min(id) FROM log_records WHERE evidence_id = ? AND pii IS NOT NULL)").run(items[1]!.id);
    db.close();
    const r = await verifyVault(f.vault.dir);
    const codes = r.issues.map((i) => `${i.code}:${i.evidence}`);
    assert.ok(codes.includes(`RECORDS_MISMATCH:${items[0]!.id}`), codes.join());
    assert.ok(codes.includes(`FINDINGS_MISMATCH:${items[1]!.id}`), codes.join());
    assert.ok(r.issues.some((i) => i.code === 'FINDINGS_MISMATCH' && /findings no longer match their signed finding.recorded event/.test(i.message)), 'the edited findings row');
    f.vault = await Vault.open(f.vault.dir);
  });
});

test('--strict refuses a log with malformed records, naming the first one', async () => {
  const f = await vaultFixture();
  try {
    await assert.rejects(importEvidence(f.vault, f.signer, 'CASE-1', [join(ai, 'chat_completions.jsonl')], { strict: true }), (e: Error & { code?: string }) => e.code === 'BAD_INPUT' && /1 malformed record\(s\), the first at line 904 \(not valid JSON/.test(e.message));
    assert.equal(f.vault.db.prepare('SELECT count(*) FROM evidence').pluck().get(), 0);
  } finally {
    f.cleanup();
  }
});

test('a broken log in a batch records nothing from the batch', async () => {
  const f = await vaultFixture();
  try {
    const gz = gzipSync(readFileSync(join(ai, 'inference_audit.jsonl')));
    writeFileSync(join(f.root, 'cut.jsonl.gz'), gz.subarray(0, gz.length >> 1));
    await assert.rejects(importEvidence(f.vault, f.signer, 'CASE-1', [join(ai, 'chat_completions.jsonl'), join(f.root, 'cut.jsonl.gz')]), (e: Error & { code?: string }) => e.code === 'BAD_INPUT' && /gzip/.test(e.message));
    for (const table of ['log_records', 'pii_matches', 'log_meta', 'evidence', 'pii_placeholders']) {
      assert.equal(f.vault.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), 0, table);
    }
    assert.equal(f.vault.db.prepare("SELECT count(*) FROM log_text WHERE log_text MATCH 'adjuster'").pluck().get(), 0, 'no FTS rows');
    assert.equal(logEvents(f.vault.db, f.theCase.id).length, 1, 'only case.created');
    assert.equal((await verifyVault(f.vault.dir)).ok, true);
  } finally {
    f.cleanup();
  }
});

test('cancelling while a log is being analysed and stored records nothing', async () => {
  const f = await vaultFixture();
  try {
    const path = join(f.root, 'many.jsonl');
    await writeInferenceLog(path, 20_000);
    const controller = new AbortController();
    // Cancel as soon as the first batch of rows is in the (still open) transaction: the analysis
    // thread can be at most two batches ahead, so most of the log is still to come.
    const poll = (): void => {
      if ((f.vault.db.prepare('SELECT count(*) FROM log_records').pluck().get() as number) > 0) controller.abort();
      else setImmediate(poll);
    };
    setImmediate(poll);
    await assert.rejects(importEvidence(f.vault, f.signer, 'CASE-1', [path], { signal: controller.signal }), (e: Error & { code?: string }) => e.code === 'CANCELLED');
    for (const table of ['log_records', 'pii_matches', 'log_meta', 'evidence', 'pii_placeholders', 'findings']) {
      assert.equal(f.vault.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), 0, table);
    }
    assert.equal(f.vault.db.prepare("SELECT count(*) FROM log_text WHERE log_text MATCH 'refund'").pluck().get(), 0, 'no FTS rows');
    assert.equal(f.vault.db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'log_records' AND sql IS NOT NULL").pluck().get(), 4, 'the id indexes dropped for the import are back');
    assert.equal(logEvents(f.vault.db, f.theCase.id).length, 1, 'only case.created');
    assert.deepEqual(readdirSync(join(f.vault.dir, 'objects'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name), [], 'no object left');
    assert.equal((await verifyVault(f.vault.dir)).ok, true);
  } finally {
    f.cleanup();
  }
});

test('a record just under the 8 MiB parse limit, made of many small values, is parsed and scanned', async () => {
  const f = await vaultFixture();
  try {
    // About 7.6 MiB of small objects: the most JavaScript objects one record can turn into,
    // which the analysis thread's heap limit must hold.
    const big = JSON.stringify({ prompt: 'mail ops@example.com', response: 'ok', items: Array.from({ length: 500_000 }, (_, i) => ({ k: `v${i}` })) });
    assert.ok(big.length > 7 * 1024 * 1024 && big.length < 8 * 1024 * 1024);
    const path = join(f.root, 'big.jsonl');
    writeFileSync(path, `{"prompt":"hello","response":"hi"}\n${big}\n`);
    const [item] = await importEvidence(f.vault, f.signer, 'CASE-1', [path]);
    assert.equal(item!.log!.records, 2);
    assert.equal(item!.log!.malformed, 0);
    assert.equal(f.vault.db.prepare("SELECT count(*) FROM pii_matches WHERE evidence_id = ? AND idx = 1 AND type = 'pii.email'").pluck().get(item!.id), 1);
  } finally {
    f.cleanup();
  }
});
