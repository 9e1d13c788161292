// SPDX-License-Identifier: UNLICENSED
// Deadline arithmetic on folded incident records: 72 hours exactly, the AI Act's 2/10/15 days by
// classification, daylight saving, offsets, a notification met or late, awareness edited after a
// notification, required-field checklists, the Art. 34(3) exemption.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonValue } from '../../../../shared/canonicalJson.js';
import { CUSTODY_EVENT_TYPE, GENESIS_PREV, type CustodyEvent } from '../../../../shared/custody/event.js';
import { REGIME_IDS, fieldSpec, parseFieldValue } from '../../../../shared/incident/fields.js';
import { changedFields, foldIncident, valueHash, type IncidentRecord } from '../../../../shared/incident/record.js';
import { parseRfc3339 } from '../../../../shared/incident/time.js';
import { computeDeadlines, type RegimeResult } from '../../../../shared/regimes/deadlines.js';
import { REGIMES } from '../../../../shared/regimes/index.js';

/** Builds a record the way the vault does: one incident event per change, folded in order. */
class Log {
  events: CustodyEvent[] = [];
  private held = new Map<string, JsonValue>();
  private push(action: 'incident.updated' | 'incident.notified', details: { [k: string]: JsonValue }): void {
    this.events.push({ type: CUSTODY_EVENT_TYPE, case: 'c', seq: this.events.length + 2, at: '2026-01-01T00:00:00.000Z', actor: 'a'.repeat(64), action, evidence: null, details, prev: GENESIS_PREV });
  }
  set(field: string, value: string, extra: { at?: string; status?: string } = {}): this {
    const v = parseFieldValue(fieldSpec(field), { value, ...extra }) as unknown as JsonValue;
    this.push('incident.updated', { field, old: valueHash(this.held.get(field) ?? null), new: valueHash(v), value: v, source: null });
    this.held.set(field, v);
    return this;
  }
  notify(regime: string, at: string): this {
    this.push('incident.notified', { regime, recipient: 'authority', at: parseRfc3339(at) as unknown as JsonValue, channel: null, ref: null });
    return this;
  }
  get record(): IncidentRecord {
    return foldIncident(this.events);
  }
}

const regime = (rec: IncidentRecord, id: string, now = '2026-01-01T00:00:00Z', zone?: string): RegimeResult => computeDeadlines(rec, now, zone).assessed.find((r) => r.id === id)!;
const line = (r: RegimeResult, id: string) => r.deadlines.find((d) => d.id === id)!;

describe('GDPR Art. 33: 72 hours', () => {
  const base = () => new Log().set('regimes.assessed', 'gdpr-art33').set('times.awareness', '2026-11-20T09:15:00+01:00');

  test('due exactly 72 hours after awareness; open at the due instant, overdue one millisecond later', () => {
    const rec = base().record;
    const at = regime(rec, 'gdpr-art33', '2026-11-23T08:15:00.000Z');
    assert.equal(line(at, 'art33-1-72h').dueUtc, '2026-11-23T08:15:00.000Z');
    assert.equal(at.status, 'open');
    assert.equal(line(at, 'art33-1-72h').marginMs, 0);
    const after = regime(rec, 'gdpr-art33', '2026-11-23T08:15:00.001Z');
    assert.equal(after.status, 'overdue');
    assert.equal(line(after, 'art33-1-72h').marginMs, -1);
  });

  test('a notification at the due instant is met; one second later it is late, and reasons for delay become required', () => {
    const met = regime(base().notify('gdpr-art33', '2026-11-23T09:15:00+01:00').record, 'gdpr-art33');
    assert.equal(met.status, 'met');
    assert.equal(met.notifications[0]!.onTime, true);
    assert.ok(!met.missing.some((m) => m.field === 'regimes.delayReasons'));
    const late = regime(base().notify('gdpr-art33', '2026-11-23T03:15:01-05:00').record, 'gdpr-art33');
    assert.equal(late.status, 'late');
    assert.equal(line(late, 'art33-1-72h').marginMs, -1000);
    assert.ok(late.missing.some((m) => m.field === 'regimes.delayReasons'));
  });

  test('the same awareness instant entered in different offsets gives the same due time', () => {
    const a = regime(new Log().set('regimes.assessed', 'gdpr-art33').set('times.awareness', '2026-11-20T13:45:00+05:30').record, 'gdpr-art33');
    const b = regime(new Log().set('regimes.assessed', 'gdpr-art33').set('times.awareness', '2026-11-20T00:15:00-08:00').record, 'gdpr-art33');
    assert.equal(line(a, 'art33-1-72h').dueUtc, '2026-11-23T08:15:00.000Z');
    assert.equal(line(b, 'art33-1-72h').dueUtc, line(a, 'art33-1-72h').dueUtc);
  });

  test('across the spring DST change: 72 elapsed hours, so the Berlin wall clock shows one hour later', () => {
    const rec = new Log().set('regimes.assessed', 'gdpr-art33').set('times.awareness', '2026-03-27T10:00:00+01:00').record;
    const d = line(regime(rec, 'gdpr-art33', '2026-03-27T10:00:00Z', 'Europe/Berlin'), 'art33-1-72h');
    assert.equal(d.dueUtc, '2026-03-30T09:00:00.000Z');
    assert.equal(d.dueLocal, '2026-03-30 11:00:00 +02:00 (Europe/Berlin)');
  });

  test('without awareness there is no clock, and awareness is listed as missing', () => {
    const r = regime(new Log().set('regimes.assessed', 'gdpr-art33').record, 'gdpr-art33');
    assert.equal(r.status, 'no-clock');
    assert.deepEqual(r.missing.map((m) => m.field), ['times.awareness', 'narrative.whatHappened', 'impact.dataSubjectCategories', 'impact.persons', 'impact.dataCategories', 'impact.records', 'parties.contact', 'narrative.consequences', 'measures.containment', 'measures.corrective']);
  });

  test('the checklist shrinks as fields are supplied', () => {
    const log = base().set('narrative.whatHappened', 'Prompt injection exposed customer records').set('impact.dataSubjectCategories', 'customers').set('impact.persons', '120').set('impact.dataCategories', 'email,phone').set('impact.records', '79').set('parties.contact', 'dpo@example.com').set('narrative.consequences', 'phishing risk');
    assert.deepEqual(regime(log.record, 'gdpr-art33').missing.map((m) => m.field), ['measures.containment', 'measures.corrective']);
    log.set('measures.containment', 'API keys revoked', { at: '2026-11-20T12:00:00+01:00' }).set('measures.corrective', 'Input filter', { status: 'planned', at: '2026-12-01T00:00:00Z' });
    assert.deepEqual(regime(log.record, 'gdpr-art33').missing, []);
  });
});

describe('EU AI Act Art. 73: 2, 10 and 15 days by classification', () => {
  const ai = () => new Log().set('regimes.assessed', 'eu-ai-act-art73').set('times.awareness', '2026-06-01T12:00:00Z').set('classification.art3_49', 'c');
  const binding = (rec: IncidentRecord) => {
    const r = regime(rec, 'eu-ai-act-art73');
    return [r.binding, line(r, r.binding!).dueUtc];
  };

  test('15 days in general', () => assert.deepEqual(binding(ai().record), ['art73-2-15d', '2026-06-16T12:00:00.000Z']));
  test('10 days for a death', () => assert.deepEqual(binding(ai().set('classification.death', 'yes').record), ['art73-4-10d', '2026-06-11T12:00:00.000Z']));
  test('2 days for a widespread infringement', () => assert.deepEqual(binding(ai().set('classification.widespread', 'yes').record), ['art73-3-2d', '2026-06-03T12:00:00.000Z']));
  test('2 days for an Art. 3(49)(b) incident', () => assert.deepEqual(binding(ai().set('classification.art3_49', 'b,c').record), ['art73-3-2d', '2026-06-03T12:00:00.000Z']));
  test('death and widespread: the earlier limit binds', () => assert.deepEqual(binding(ai().set('classification.death', 'yes').set('classification.widespread', 'yes').record), ['art73-3-2d', '2026-06-03T12:00:00.000Z']));
  test('widespread answered "no" leaves 15 days, and the 2-day line is marked not applicable', () => {
    const r = regime(ai().set('classification.widespread', 'no').record, 'eu-ai-act-art73');
    assert.equal(r.binding, 'art73-2-15d');
    assert.equal(line(r, 'art73-3-2d').status, 'not-applicable');
  });

  test('across the autumn DST change: 2 days = 48 hours; Berlin shows one hour earlier on the wall clock', () => {
    const rec = new Log().set('regimes.assessed', 'eu-ai-act-art73').set('times.awareness', '2026-10-24T12:00:00+02:00').set('classification.widespread', 'yes').record;
    const d = line(regime(rec, 'eu-ai-act-art73', '2026-10-24T10:00:00Z', 'Europe/Berlin'), 'art73-3-2d');
    assert.equal(d.dueUtc, '2026-10-26T10:00:00.000Z');
    assert.equal(d.dueLocal, '2026-10-26 11:00:00 +01:00 (Europe/Berlin)');
  });

  test('required-field checklist: what Art. 73 asks for, shrinking as fields are supplied', () => {
    const log = ai();
    assert.deepEqual(regime(log.record, 'eu-ai-act-art73').missing.map((m) => m.field), ['impact.memberStates', 'regimes.recipients', 'parties.provider', 'system.name', 'system.euDatabaseId', 'narrative.whatHappened', 'assessment.rootCause']);
    log.set('impact.memberStates', 'DE,FR').set('regimes.recipients', 'MSA DE, MSA FR').set('parties.provider', 'Acme AI GmbH').set('system.name', 'SupportBot').set('system.euDatabaseId', 'EU-AI-000123');
    assert.deepEqual(regime(log.record, 'eu-ai-act-art73').missing.map((m) => m.field), ['narrative.whatHappened', 'assessment.rootCause']);
  });

  test('"immediately" after the causal link has no number: due now once the link is recorded', () => {
    assert.equal(line(regime(ai().record, 'eu-ai-act-art73'), 'art73-2-immediately').status, 'no-clock');
    assert.equal(line(regime(ai().set('times.causalLink', '2026-06-02T08:00:00Z').record, 'eu-ai-act-art73'), 'art73-2-immediately').status, 'due-now');
  });
});

describe('notifications and edits', () => {
  test('awareness edited after a notification: judged on the current awareness, and flagged', () => {
    const log = new Log().set('regimes.assessed', 'gdpr-art33').set('times.awareness', '2026-11-20T09:00:00Z').notify('gdpr-art33', '2026-11-22T09:00:00Z');
    const before = regime(log.record, 'gdpr-art33');
    assert.equal(before.status, 'met');
    assert.equal(before.notifications[0]!.awarenessEditedAfter, false);
    log.set('times.awareness', '2026-11-18T09:00:00Z');
    const after = regime(log.record, 'gdpr-art33');
    assert.equal(after.status, 'late');
    assert.equal(after.notifications[0]!.onTime, false);
    assert.equal(after.notifications[0]!.awarenessEditedAfter, true);
    assert.equal(log.record.history.filter((h) => h.field === 'times.awareness').length, 2, 'both values stay in the history');
  });

  test('the earliest notification of a regime decides; notifications of other regimes do not count', () => {
    const log = new Log().set('regimes.assessed', 'gdpr-art33,eu-ai-act-art73').set('times.awareness', '2026-11-20T09:00:00Z').set('classification.art3_49', 'c');
    log.notify('eu-ai-act-art73', '2026-11-21T09:00:00Z').notify('gdpr-art33', '2026-11-24T09:00:00Z').notify('gdpr-art33', '2026-11-22T09:00:00Z');
    const g = regime(log.record, 'gdpr-art33');
    assert.equal(g.status, 'met');
    assert.deepEqual(g.notifications.map((n) => n.onTime), [true, false]);
    assert.equal(regime(log.record, 'eu-ai-act-art73').status, 'met');
  });

  test('GDPR Art. 34: "without undue delay" has no number; an Art. 34(3) exemption discharges it', () => {
    const log = new Log().set('regimes.assessed', 'gdpr-art34').set('times.awareness', '2026-11-20T09:00:00Z');
    assert.equal(regime(log.record, 'gdpr-art34').status, 'due-now');
    assert.deepEqual(regime(log.record, 'gdpr-art34').missing.map((m) => m.field), ['notice.text', 'parties.contact', 'narrative.consequences', 'measures.corrective']);
    log.notify('gdpr-art34', '2026-11-21T09:00:00Z');
    assert.equal(regime(log.record, 'gdpr-art34').status, 'notified');
    log.set('notice.exemption', 'a');
    const r = regime(log.record, 'gdpr-art34');
    assert.equal(r.status, 'exempt');
    assert.equal(r.exempt, 'notice.exemption = a');
  });

  test('only regimes marked as assessed are computed; the others are listed with a relevance hint', () => {
    const rec = new Log().set('regimes.assessed', 'eu-ai-act-art73').set('classification.personalDataBreach', 'yes').record;
    const r = computeDeadlines(rec, '2026-01-01T00:00:00Z');
    assert.deepEqual(r.assessed.map((x) => x.id), ['eu-ai-act-art73']);
    assert.deepEqual(r.notAssessed, [
      { id: 'gdpr-art33', title: REGIMES[0]!.title, relevant: true },
      { id: 'gdpr-art34', title: REGIMES[1]!.title, relevant: true },
    ]);
    assert.match(r.disclaimer, /counsel.s decision.*not legal advice/);
  });
});

describe('the record fold and the rules', () => {
  test('a changed, then cleared field: history keeps every step; changedFields lists exactly the differences', () => {
    const log = new Log().set('parties.counsel', 'A').set('impact.users', '3');
    const first = log.record;
    log.set('parties.counsel', 'B').set('parties.scope', 'logs');
    assert.deepEqual(changedFields(first, log.record).map((c) => c.field), ['parties.counsel', 'parties.scope']);
    assert.deepEqual(log.record.problems, []);
  });

  test('an event whose old hash is not the held value is reported as a problem', () => {
    const log = new Log().set('parties.counsel', 'A');
    (log.events[0]!.details as { old: string | null }).old = 'f'.repeat(64);
    assert.equal(log.record.problems.length, 1);
  });

  test('the regime ids the record accepts are the regimes that ship', () => {
    assert.deepEqual([...REGIME_IDS], REGIMES.map((r) => r.id));
  });

  test('every number a regime encodes is in the article text it cites', () => {
    const words: Record<number, RegExp> = { 72: /72 hours/, 48: /two days/, 240: /10 days/, 360: /15 days/ };
    for (const r of REGIMES) {
      for (const d of r.deadlines) {
        if (d.hours === null) assert.match(d.cite, /immediately|without undue delay/, `${r.id} ${d.id}`);
        else assert.match(d.cite, words[d.hours]!, `${r.id} ${d.id}`);
      }
    }
  });
});
