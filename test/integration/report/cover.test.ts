// SPDX-License-Identifier: UNLICENSED
// The cover stays one page however much the case puts on it: every regime assessed, filings logged,
// the unredacted banner, a two-line title and a long description. The deadline box then shows
// the regimes that fit and points to section 3 for the rest; section 1 starts on page 2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { recordNotification, setIncidentField } from '../../../electron/services/incident/incident.js';
import { createCase } from '../../../electron/services/vault/cases.js';
import { NOW, reportFixture, type ReportFixture } from './reportFixture.js';

function pages(path: string): string[] {
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error(`pdftotext is not installed (apt-get install -y poppler-utils): ${r.error.message}`);
  return r.stdout.split('\f');
}

describe('report cover', () => {
  let f: ReportFixture;
  before(async () => {
    f = await reportFixture();
  });
  after(() => f.cleanup());

  test('a crowded cover stays on page 1 and section 1 starts on page 2', async () => {
    const c = createCase(f.vault, f.signer, {
      number: '2026-CROWDED-0001',
      title: 'Cross-tenant disclosure of customer conversations by the retail banking support assistant after a prompt injection',
      description: 'Reported by the operator on 20 November 2026 after a customer received another customer’s statement excerpt in a chat reply. '.repeat(3),
    });
    const set = (field: string, value?: string, at?: string) => setIncidentField(f.vault, f.signer, c.id, { field, value, at });
    set('regimes.assessed', 'gdpr-art33,gdpr-art34,eu-ai-act-art73');
    set('examiner.timeZone', 'Europe/Berlin');
    set('times.awareness', undefined, '2026-11-20T09:15:00+01:00');
    set('classification.personalDataBreach', 'yes');
    set('classification.art3_49', 'c');
    for (const [regime, recipient] of [['gdpr-art33', 'Berliner Beauftragte für Datenschutz und Informationsfreiheit'], ['gdpr-art34', 'Affected data subjects (e-mail and in-app notice)'], ['eu-ai-act-art73', 'Market surveillance authority of the Member State']] as const) {
      recordNotification(f.vault, f.signer, c.id, { regime, recipient, at: '2026-11-21T10:00:00+01:00', channel: 'portal', ref: `REF-${regime}`, now: NOW });
      recordNotification(f.vault, f.signer, c.id, { regime, recipient, at: '2026-11-22T10:00:00+01:00', channel: 'portal', ref: `REF-${regime}-2`, now: NOW });
    }
    const r = await f.report('crowded.pdf', { reveal: true, organisation: 'Northwind Incident Response', classification: 'CONFIDENTIAL — LEGAL PRIVILEGE' }, c.id);
    const [cover, second] = pages(r.pdf);
    assert.match(cover!, /Cited log records are shown UNREDACTED/);
    assert.match(cover!, /N\s*O\s*T\s*I\s*F\s*I\s*C\s*A\s*T\s*I\s*O\s*N/, 'the deadline box');
    assert.match(cover!, /Integrity at a glance/);
    assert.match(cover!, /invalidates both signatures/, 'the cover ends on page 1');
    assert.match(cover!, /Page 1 of \d+/);
    assert.match(second!, /1\. Executive summary/, 'section 1 starts on page 2');
    assert.match(second!, /Page 2 of \d+/);
    // The box made room: the regimes that did not fit are pointed to section 3, which lists them all.
    assert.match(cover!, /… and [12] more regimes?: section 3 lists every one with its clock/);
    for (const regime of ['GDPR Art. 33', 'GDPR Art. 34', 'EU AI Act Art. 73']) assert.ok(pages(r.pdf).join('\f').split('3. Regimes and clocks')[1]?.includes(regime), `section 3 has ${regime}`);
  });
});
