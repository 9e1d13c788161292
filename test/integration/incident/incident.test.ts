// SPDX-License-Identifier: UNLICENSED
// The incident record in a real vault: every change a signed custody event with the history
// intact, proposals from a real AI-system log (../shared/corpus) with their sources, coded errors
// that record nothing, sealed cases refused, notifications judged met or late; and the same
// through the real `evault` command.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEvidence } from '../../../electron/services/ingest/importer.js';
import { incidentDeadlines, readIncident, recordNotification, setIncidentField, showIncident } from '../../../electron/services/incident/incident.js';
import { acceptSuggestions, suggestIncident } from '../../../electron/services/incident/suggest.js';
import { sealCase } from '../../../electron/services/vault/cases.js';
import { appendEvent } from '../../../electron/services/vault/custodyLog.js';
import { logEvents, logSize } from '../../../electron/services/vault/queries/events.js';
import { verifyVault } from '../../../electron/services/vault/verifyVault.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { EvaultError } from '../../../shared/errors.js';
import { valueHash } from '../../../shared/incident/record.js';
import { evault } from '../../helpers/cli.js';
import { corpusDir } from '../../helpers/repoRoot.js';
import { TEST_PASSPHRASE, vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';

const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;

describe('incident record in a vault', () => {
  let f: VaultFixture;
  before(async () => {
    f = await vaultFixture();
    await importEvidence(f.vault, f.signer, f.theCase.id, [join(corpusDir(), 'logs', 'ai', 'support_chatbot.csv')]);
  });
  after(() => f.cleanup());

  test('each change is one signed incident.updated event with the old and new value hashes; the vault verifies', async () => {
    const before = logSize(f.vault.db, f.theCase.id);
    const a = setIncidentField(f.vault, f.signer, f.theCase.number, { field: 'times.awareness', at: '2026-11-20T09:15:00+01:00' });
    const b = setIncidentField(f.vault, f.signer, f.theCase.number, { field: 'times.awareness', value: '2026-11-19T22:00:00-05:00' });
    assert.equal(logSize(f.vault.db, f.theCase.id), before + 2);
    const events = logEvents(f.vault.db, f.theCase.id).slice(before).map((r) => parseEvent(new Uint8Array(r.bytes)));
    assert.deepEqual(events.map((e) => [e.seq, e.action]), [[a.seq, 'incident.updated'], [b.seq, 'incident.updated']]);
    const d0 = events[0]!.details as { field: string; old: string | null; new: string; value: { utc: string; offset: string } };
    const d1 = events[1]!.details as typeof d0;
    assert.equal(d0.field, 'times.awareness');
    assert.equal(d0.old, null);
    assert.deepEqual(d0.value, { utc: '2026-11-20T08:15:00.000Z', offset: '+01:00', entered: '2026-11-20T09:15:00+01:00' });
    assert.equal(d0.new, valueHash(d0.value as never));
    assert.equal(d1.old, d0.new, 'the second event names the first value it replaces');
    assert.equal(d1.value.offset, '-05:00');
    const rec = readIncident(f.vault.db, f.theCase.id);
    assert.equal((rec.fields['times.awareness']!.value as { utc: string }).utc, '2026-11-20T03:00:00.000Z');
    assert.equal(rec.history.length, 2);
    assert.deepEqual(rec.problems, []);
    const v = await verifyVault(f.vault.dir);
    assert.equal(v.ok, true, JSON.stringify(v.issues));
  });

  test('an unchanged value records nothing; --clear records a null value', () => {
    const n = logSize(f.vault.db, f.theCase.id);
    setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.counsel', value: 'Dana Counsel LLP' });
    const same = setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.counsel', value: '  Dana Counsel LLP ' });
    assert.equal(same.changed, false);
    assert.equal(logSize(f.vault.db, f.theCase.id), n + 1);
    const cleared = setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.counsel', clear: true });
    assert.equal(cleared.new, null);
    assert.equal(readIncident(f.vault.db, f.theCase.id).fields['parties.counsel'], undefined);
    assert.equal(showIncident(f.vault, f.theCase.id).groups.find((g) => g.id === 'parties')!.fields.find((x) => x.id === 'parties.counsel')!.value, null);
  });

  test('bad input is a coded error and leaves the log as it was', () => {
    const n = logSize(f.vault.db, f.theCase.id);
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'times.nonsense', value: 'x' }), code('BAD_INPUT'));
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'times.detection', value: '20 Nov 2026' }), code('BAD_INPUT'));
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'classification.art3_49', value: 'a,e' }), code('BAD_INPUT'));
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'classification.atlas', value: 'T0051' }), code('BAD_INPUT'));
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'impact.persons', value: '-3' }), code('BAD_INPUT'));
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'examiner.timeZone', value: 'CET+1' }), code('BAD_INPUT'));
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.scope', value: 'x', at: '2026-11-20T00:00:00Z' }), code('BAD_INPUT'));
    assert.throws(() => setIncidentField(f.vault, f.signer, 'NO-SUCH-CASE', { field: 'parties.scope', value: 'x' }), code('NOT_FOUND'));
    assert.throws(() => recordNotification(f.vault, f.signer, f.theCase.id, { regime: 'nis2-art23', recipient: 'CSIRT', at: '2026-11-20T00:00:00Z' }), code('BAD_INPUT'));
    assert.throws(() => recordNotification(f.vault, f.signer, f.theCase.id, { regime: 'gdpr-art33', recipient: ' ', at: '2026-11-20T00:00:00Z' }), code('BAD_INPUT'));
    assert.throws(() => recordNotification(f.vault, f.signer, f.theCase.id, { regime: 'gdpr-art33', recipient: 'DPA', at: '2026-11-25T00:00:00Z', now: new Date('2026-11-21T00:00:00Z') }), code('BAD_INPUT'));
    assert.equal(logSize(f.vault.db, f.theCase.id), n);
  });

  test('proposals come from the log findings, PII and evidence, each with its source; accepting records the source', async () => {
    const proposals = await suggestIncident(f.vault, f.theCase.id);
    const by = new Map(proposals.map((p) => [p.field, p]));
    assert.ok((by.get('impact.records')!.value as number) > 0);
    assert.match(by.get('impact.records')!.source, /distinct log records cited by \d+ AI-incident findings in 1 log/);
    assert.ok((by.get('impact.distinctPiiValues')!.value as number) > 0);
    assert.ok((by.get('classification.atlas')!.value as string[]).includes('AML.T0051.000'));
    const first = (by.get('times.occurrence')!.value as { utc: string }).utc;
    const last = (by.get('times.end')!.value as { utc: string }).utc;
    assert.ok(first <= last);
    // Cross-check the count against the findings table itself.
    const rows = f.vault.db.prepare('SELECT evidence_id, records FROM findings WHERE case_id = ?').all(f.theCase.id) as { evidence_id: string; records: string }[];
    const distinct = new Set(rows.flatMap((r) => (JSON.parse(r.records) as number[]).map((i) => `${r.evidence_id}:${i}`)));
    assert.equal(by.get('impact.records')!.value, distinct.size);
    const done = await acceptSuggestions(f.vault, f.signer, f.theCase.id, ['impact.records', 'times.occurrence']);
    assert.deepEqual(done.map((d) => d.changed), [true, true]);
    const rec = readIncident(f.vault.db, f.theCase.id);
    assert.match(rec.fields['impact.records']!.source!, /^vault: distinct log records/);
    assert.equal((await suggestIncident(f.vault, f.theCase.id)).find((p) => p.field === 'times.occurrence')!.differs, false);
    await assert.rejects(acceptSuggestions(f.vault, f.signer, f.theCase.id, ['parties.counsel']), code('NOT_FOUND'));
  });

  test('a notification is a signed event; the deadline shows met', () => {
    setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'regimes.assessed', value: 'gdpr-art33' });
    const r = recordNotification(f.vault, f.signer, f.theCase.id, { regime: 'gdpr-art33', recipient: 'BfDI', at: '2026-11-21T10:00:00+01:00', channel: 'portal', ref: 'BFDI-2026-77' });
    const ev = parseEvent(new Uint8Array(logEvents(f.vault.db, f.theCase.id).at(-1)!.bytes));
    assert.equal(ev.seq, r.seq);
    assert.equal(ev.action, 'incident.notified');
    const d = incidentDeadlines(f.vault, f.theCase.id, { now: new Date('2026-12-01T00:00:00Z'), zone: 'Europe/Berlin' });
    assert.equal(d.assessed[0]!.status, 'met');
    assert.equal(d.assessed[0]!.notifications[0]!.ref, 'BFDI-2026-77');
    assert.throws(() => incidentDeadlines(f.vault, f.theCase.id, { zone: 'Nowhere/Town' }), code('BAD_INPUT'));
  });

  test('verify-vault reports a signed incident.updated event that does not name the value it replaces', async () => {
    const current = readIncident(f.vault.db, f.theCase.id).fields['times.awareness']!.value;
    // Written past the service, as another tool might: properly signed, but its old-value hash is wrong.
    const { event } = f.vault.db.transaction(() => appendEvent(f.vault.db, f.signer, { caseId: f.theCase.id, action: 'incident.updated', details: { field: 'times.awareness', old: 'f'.repeat(64), new: valueHash(current), value: current, source: null } }))();
    const v = await verifyVault(f.vault.dir);
    assert.equal(v.ok, false);
    assert.deepEqual(v.issues.map((i) => [i.code, i.seq]), [['INCIDENT_MISMATCH', event.seq]]);
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.scope', value: 'y' }), code('DB_CORRUPT'));
  });

  test('a sealed case refuses changes and notifications', () => {
    sealCase(f.vault, f.signer, f.theCase.id, 'closed');
    assert.throws(() => setIncidentField(f.vault, f.signer, f.theCase.id, { field: 'parties.scope', value: 'x' }), code('CASE_SEALED'));
    assert.throws(() => recordNotification(f.vault, f.signer, f.theCase.id, { regime: 'gdpr-art33', recipient: 'DPA', at: '2026-11-21T00:00:00Z' }), code('CASE_SEALED'));
  });
});

describe('system-prompt digests from a chat-completion log', () => {
  let f: VaultFixture;
  before(async () => {
    f = await vaultFixture();
    await importEvidence(f.vault, f.signer, f.theCase.id, [join(corpusDir(), 'logs', 'ai', 'chat_completions.jsonl')]);
  });
  after(() => f.cleanup());

  test('the proposal is the SHA-256 of every distinct system message among the implicated records, counted', async () => {
    const rows = f.vault.db.prepare('SELECT records FROM findings WHERE case_id = ?').all(f.theCase.id) as { records: string }[];
    const implicated = new Set(rows.flatMap((r) => JSON.parse(r.records) as number[]));
    assert.ok(implicated.size > 0, 'the corpus log has findings');
    const lines = readFileSync(join(corpusDir(), 'logs', 'ai', 'chat_completions.jsonl'), 'utf8').split('\n').filter((l) => l.length > 0);
    const expected = new Map<string, number>();
    for (const i of implicated) {
      const messages = (JSON.parse(lines[i]!) as { request: { messages: { role: string; content: string }[] } }).request.messages;
      for (const m of messages.filter((x) => x.role === 'system')) {
        const h = createHash('sha256').update(m.content).digest('hex');
        expected.set(h, (expected.get(h) ?? 0) + 1);
      }
    }
    const p = (await suggestIncident(f.vault, f.theCase.id)).find((x) => x.field === 'system.systemPromptDigests')!;
    assert.deepEqual([...(p.value as string[])].sort(), [...expected.keys()].sort());
    assert.match(p.source, new RegExp(`SHA-256 of the system messages in ${implicated.size} implicated chat-completion records of 1 log`));
    const top = [...expected].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    assert.equal((p.value as string[])[0], top[0], 'most frequent first');
  });
});

describe('evault incident / deadlines / notify', () => {
  let f: VaultFixture;
  let env: Record<string, string>;
  before(async () => {
    f = await vaultFixture();
    env = { EVAULT_VAULT: f.vault.dir, EVAULT_KEYSTORE: f.keystore.dir, EVAULT_PASSPHRASE: TEST_PASSPHRASE };
  });
  after(() => f.cleanup());

  test('set, show --json, deadlines --json, notify; bad input exits 2 and records nothing', () => {
    const run = (...args: string[]) => evault(args, env);
    assert.equal(run('incident', 'CASE-1', 'set', 'regimes.assessed', 'gdpr-art33,eu-ai-act-art73').status, 0);
    assert.equal(run('incident', 'CASE-1', 'set', 'times.awareness', '--at', '2026-10-23T18:30:00+02:00').status, 0);
    assert.equal(run('incident', 'CASE-1', 'set', 'classification.widespread', 'yes').status, 0);
    assert.equal(run('incident', 'CASE-1', 'set', 'measures.containment', 'Tool disabled', '--at', '2026-10-23T20:00:00+02:00').status, 0);
    const shown = JSON.parse(run('--json', 'incident', 'CASE-1', 'show').stdout) as { groups: { fields: { id: string; value: unknown }[] }[]; history: unknown[] };
    const all = new Map(shown.groups.flatMap((g) => g.fields.map((x) => [x.id, x.value])));
    assert.deepEqual(all.get('measures.containment'), { text: 'Tool disabled', status: 'done', date: { utc: '2026-10-23T18:00:00.000Z', offset: '+02:00', entered: '2026-10-23T20:00:00+02:00' } });
    assert.equal(all.get('parties.requester'), null);
    assert.equal(shown.history.length, 4);

    const history = run('incident', 'CASE-1', 'history').stdout.trim().split('\n');
    assert.equal(history.length, 4);
    assert.match(history[1]!, /^event +\d+ .* times\.awareness: \(unset\) → [0-9a-f]{12}…$/);
    const events = logSize(f.vault.db, f.theCase.id);
    const bad = run('incident', 'CASE-1', 'set', 'times.detection', '2026-10-23 18:30');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /not an RFC 3339 time/);
    assert.equal(run('incident', 'CASE-1', 'frobnicate').status, 2);
    assert.equal(run('notify', 'CASE-1', '--regime', 'eu-ai-act-art73', '--recipient', 'MSA').status, 2);
    assert.equal(logSize(f.vault.db, f.theCase.id), events);

    const open = JSON.parse(run('--json', 'deadlines', 'CASE-1', '--now', '2026-10-24T12:00:00Z', '--zone', 'Europe/Berlin').stdout) as { assessed: { id: string; status: string; binding: string; deadlines: { id: string; dueUtc: string; dueLocal: string }[] }[]; disclaimer: string };
    const ai = open.assessed.find((r) => r.id === 'eu-ai-act-art73')!;
    assert.equal(ai.binding, 'art73-3-2d');
    assert.equal(ai.status, 'open');
    // 48 hours across the end of summer time on 25 October 2026.
    assert.equal(ai.deadlines.find((d) => d.id === 'art73-3-2d')!.dueLocal, '2026-10-25 17:30:00 +01:00 (Europe/Berlin)');
    assert.match(open.disclaimer, /not legal advice/);

    const n = run('notify', 'CASE-1', '--regime', 'eu-ai-act-art73', '--recipient', 'Bundesnetzagentur (DE MSA)', '--at', '2026-10-25T18:00:00+01:00', '--channel', 'portal', '--ref', 'MSA-1');
    assert.equal(n.status, 0, n.stderr);
    const text = run('deadlines', 'CASE-1', '--now', '2026-10-26T00:00:00Z').stdout;
    assert.match(text, /EU AI Act Art\. 73.* — LATE/);
    assert.match(text, /late by 00:30 h/);
    assert.match(text, /Applicability is counsel.s decision; this computation is not legal advice\./);
  });
});
