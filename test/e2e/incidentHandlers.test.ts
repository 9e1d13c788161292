// SPDX-License-Identifier: UNLICENSED
// The Incident screen's handlers on the real services, called through `dispatch` (the schema-
// checked path IPC and the loopback bridge share): the record grouped as §7, a signed custody
// event per change with the history intact, times kept with the offset they were entered in,
// proposals with their sources, deadlines in the examiner's zone, a filing that meets the clock,
// and coded errors that record nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import type { MethodName, Result } from '../../shared/api/contract.js';
import { dispatch } from '../../shared/api/dispatch.js';
import type { DeadlinesView, IncidentChangeView, IncidentProposalView, IncidentScreenView, NotificationLoggedView } from '../../shared/api/incidentTypes.js';
import type { CaseSummary, CustodyEventView } from '../../shared/api/types.js';
import { INCIDENT_GROUPS } from '../../shared/incident/fields.js';
import { corpusDir } from '../helpers/repoRoot.js';

const ctx = { transport: 'bridge' as const };
const LOG = join(corpusDir(), 'logs', 'ai', 'inference_audit.jsonl');

test('incident handlers: set, clear, propose and accept, deadlines, notify, history; errors record nothing', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-incident-app-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  const call = async <T>(method: MethodName, input: unknown): Promise<T> => {
    const r = (await dispatch(app.handlers, method, [input], ctx)) as Result<T>;
    if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { code: r.error.code });
    return r.value;
  };
  const fails = (code: string, re?: RegExp) => (e: unknown) => (e as { code?: string }).code === code && (!re || re.test((e as Error).message));
  try {
    await call('createIdentity', { name: 'Test Examiner', role: null, organisation: null, passphrase: 'correct horse battery staple' });
    const c = await call<CaseSummary>('createCase', { number: 'I-1', title: 'Incident test', description: null });
    const caseId = c.id;
    const events = async () => call<CustodyEventView[]>('custodyEvents', { caseId });

    const empty = await call<IncidentScreenView>('incident', { caseId });
    assert.deepEqual(empty.groups.map((g) => g.id), INCIDENT_GROUPS.map((g) => g.id), 'grouped as regulatory.md §7, in report order');
    assert.ok(empty.groups.every((g) => g.fields.every((f) => f.value === null && f.seq === null)));
    assert.deepEqual(empty.groups.find((g) => g.id === 'regimes')!.fields.find((f) => f.id === 'regimes.assessed')!.options, ['gdpr-art33', 'gdpr-art34', 'eu-ai-act-art73']);
    assert.deepEqual(empty.history, []);

    // A time with an offset: stored as the UTC instant and the offset it was entered in.
    const set = await call<IncidentChangeView>('setIncidentField', { caseId, field: 'times.awareness', at: '2026-01-10T09:15:00+01:00' });
    assert.equal(set.changed, true);
    assert.deepEqual(set.value, { utc: '2026-01-10T08:15:00.000Z', offset: '+01:00', entered: '2026-01-10T09:15:00+01:00' });
    const updated = (await events()).find((e) => e.seq === set.seq)!;
    assert.equal(updated.action, 'incident.updated');
    assert.equal((updated.details as { field: string }).field, 'times.awareness');
    // The same value again records nothing (typed as the value rather than with --at).
    const n = (await events()).length;
    assert.equal((await call<IncidentChangeView>('setIncidentField', { caseId, field: 'times.awareness', value: '2026-01-10T09:15:00+01:00' })).changed, false);
    assert.equal((await events()).length, n);

    // Refused before any service runs (schema) or by the field parser: nothing recorded.
    await assert.rejects(call('setIncidentField', { caseId, field: 'times.awareness', at: '2026-01-10T09:15', extra: 1 }), fails('BAD_INPUT', /extra: is not expected/));
    await assert.rejects(call('setIncidentField', { caseId, field: 'times.awareness', at: '2026-01-10 9:15' }), fails('BAD_INPUT', /not an RFC 3339 time/));
    await assert.rejects(call('setIncidentField', { caseId, field: 'classification.severity', value: 'catastrophic' }), fails('BAD_INPUT', /not one of low, medium, high, critical/));
    await assert.rejects(call('setIncidentField', { caseId, field: 'no.such', value: 'x' }), fails('BAD_INPUT', /unknown incident field/));
    assert.equal((await events()).length, n);

    await call('setIncidentField', { caseId, field: 'parties.counsel', value: 'Dana Counsel LLP' });
    const cleared = await call<IncidentChangeView>('setIncidentField', { caseId, field: 'parties.counsel', clear: true });
    assert.equal(cleared.changed, true);
    assert.equal(cleared.value, null);
    await call('setIncidentField', { caseId, field: 'regimes.assessed', value: 'gdpr-art33' });
    await call('setIncidentField', { caseId, field: 'classification.personalDataBreach', value: 'yes' });

    // Deadlines in the examiner's zone: GDPR Art. 33 72 h after awareness, open or overdue until filed.
    const before = await call<DeadlinesView>('incidentDeadlines', { caseId, zone: 'Europe/Berlin' });
    const gdpr = before.assessed.find((r) => r.id === 'gdpr-art33')!;
    const binding = gdpr.deadlines.find((d) => d.id === gdpr.binding)!;
    assert.equal(binding.dueUtc, '2026-01-13T08:15:00.000Z');
    assert.equal(binding.dueLocal, '2026-01-13 09:15:00 +01:00 (Europe/Berlin)');
    assert.ok(gdpr.missing.length > 0, 'required fields still missing are listed');
    assert.match(before.disclaimer, /counsel.s decision; this computation is not legal advice/);
    await assert.rejects(call('incidentDeadlines', { caseId, zone: 'Mars/Olympus' }), fails('BAD_INPUT', /not a time zone/));

    await assert.rejects(call('recordNotification', { caseId, regime: 'nis2', recipient: 'BSI', at: '2026-01-12T10:00:00Z', channel: null, ref: null }), fails('BAD_INPUT', /unknown regime/));
    await assert.rejects(call('recordNotification', { caseId, regime: 'gdpr-art33', recipient: 'DPA', at: '2999-01-01T00:00:00Z', channel: null, ref: null }), fails('BAD_INPUT', /in the future/));
    const logged = await call<NotificationLoggedView>('recordNotification', { caseId, regime: 'gdpr-art33', recipient: 'Berlin DPA', at: '2026-01-12T11:00:00+01:00', channel: 'portal', ref: 'BLN-1' });
    assert.equal(logged.notification.at.utc, '2026-01-12T10:00:00.000Z');
    const after = await call<DeadlinesView>('incidentDeadlines', { caseId, zone: null });
    const met = after.assessed.find((r) => r.id === 'gdpr-art33')!;
    assert.equal(met.status, 'met');
    assert.equal(met.notifications[0]!.onTime, true);

    // Proposals from the vault's own data, each with its source; accepting records the source.
    await call('importEvidence', { importId: 'incident-test-1', caseId, paths: [LOG] });
    const proposals = await call<IncidentProposalView[]>('incidentSuggestions', { caseId });
    const records = proposals.find((p) => p.field === 'impact.records');
    assert.ok(records && typeof records.value === 'number' && records.value > 0 && records.differs, JSON.stringify(proposals.map((p) => p.field)));
    assert.match(records.source, /distinct log records cited by \d+ AI-incident finding/);
    const [accepted] = await call<IncidentChangeView[]>('acceptIncidentSuggestions', { caseId, fields: ['impact.records'] });
    assert.equal(accepted!.value, records.value);
    assert.equal((await call<IncidentProposalView[]>('incidentSuggestions', { caseId })).find((p) => p.field === 'impact.records')!.differs, false);
    await assert.rejects(call('acceptIncidentSuggestions', { caseId, fields: ['narrative.effects'] }), fails('NOT_FOUND', /no proposal for narrative\.effects/));

    // The history: every change and the filing, with who and which custody event.
    const view = await call<IncidentScreenView>('incident', { caseId });
    assert.deepEqual(view.history.map((h) => `${h.kind}:${h.field}`), ['change:times.awareness', 'change:parties.counsel', 'change:parties.counsel', 'change:regimes.assessed', 'change:classification.personalDataBreach', 'notification:gdpr-art33', 'change:impact.records']);
    assert.ok(view.history.every((h) => h.actorName === 'Test Examiner'));
    const incidentSeqs = (await events()).filter((e) => e.action.startsWith('incident.')).map((e) => e.seq);
    assert.deepEqual(view.history.map((h) => h.seq), incidentSeqs, 'one custody event per entry, in log order');
    assert.equal(view.history[2]!.new, null, 'the clear is an event whose new value is null');
    assert.match(view.history.at(-1)!.source!, /^vault: distinct log records/);
    const field = view.groups.find((g) => g.id === 'impact')!.fields.find((f) => f.id === 'impact.records')!;
    assert.equal(field.seq, view.history.at(-1)!.seq);
    assert.equal(view.notifications[0]!.recipient, 'Berlin DPA');

    // An amendment needs an earlier report; refused before anything is signed.
    const before2 = (await events()).length;
    await assert.rejects(call('issueReport', { caseId, sections: ['incident'], reveal: false, organisation: null, classification: null, out: join(root, 'r.pdf'), reportType: 'amendment', passphrase: 'correct horse battery staple' }), fails('BAD_INPUT', /amendment amends an earlier report/));
    assert.equal((await events()).length, before2);

    // A sealed case takes no more changes.
    await call('sealCase', { caseId, reason: null });
    await assert.rejects(call('setIncidentField', { caseId, field: 'parties.counsel', value: 'x' }), fails('CASE_SEALED'));
    await assert.rejects(call('recordNotification', { caseId, regime: 'gdpr-art33', recipient: 'x', at: '2026-01-12T10:00:00Z', channel: null, ref: null }), fails('CASE_SEALED'));
    assert.equal((await call<IncidentScreenView>('incident', { caseId })).case.sealed, true);
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});
