// SPDX-License-Identifier: UNLICENSED
// Records cited by the examiner: shown in section 12 with their proofs and the findings that rest
// on them, recorded in the signed manifest's options, checked by the verifier; a bad citation is
// refused before anything is signed or written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseManifest } from '../../../shared/report/manifest.js';
import { PdfDocument } from '../../../shared/report/pdfDocument.js';
import { EvaultError } from '../../../shared/errors.js';
import { verifyReportFile } from '../../../electron/services/report/verifyFile.js';
import { caseEvidence } from '../../../electron/services/vault/queries/evidence.js';
import { logEvents } from '../../../electron/services/vault/queries/events.js';
import { failures, reportFixture, type ReportFixture } from './reportFixture.js';

function pdftotext(path: string): string {
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error(`pdftotext is not installed (apt-get install -y poppler-utils): ${r.error.message}`);
  return r.stdout;
}

describe('records cited by the examiner', () => {
  let f: ReportFixture;
  let logId = '';
  let fileId = '';
  let withFinding = -1;
  let without = -1;
  before(async () => {
    f = await reportFixture();
    const items = caseEvidence(f.vault.db, f.theCase.id);
    logId = items.find((e) => e.name.endsWith('support_chatbot.csv'))!.id;
    fileId = items.find((e) => e.name.endsWith('model-card.bin'))!.id;
    const rows = f.vault.db.prepare('SELECT records FROM findings WHERE evidence_id = ?').all(logId) as { records: string }[];
    const cited = new Set(rows.flatMap((x) => JSON.parse(x.records) as number[]));
    withFinding = [...cited].sort((a, b) => a - b).at(-1)!;
    without = [...Array(200).keys()].find((i) => !cited.has(i))!;
    assert.ok(withFinding >= 0 && without >= 0, 'the corpus log has records with and without findings');
  });
  after(() => f.cleanup());

  test('shown in section 12 in the order chosen, in the signed options, each with a proven inclusion proof', async () => {
    const r = await f.report('cited.pdf', { cite: [{ evidence: logId, index: without }, { evidence: logId, index: withFinding }] });
    const v = await verifyReportFile({ pdf: r.pdf, sig: r.sig, fingerprint: f.signer.fingerprint });
    assert.equal(v.ok, true, failures(v).join('\n'));
    const step = v.steps.find((s) => s.id === 'record-proofs')!;
    assert.match(step.detail, /2 of them chosen by the examiner/);
    assert.ok(step.checks.some((c) => c.name === `record ${without} of evidence/support_chatbot.csv` && c.ok));

    const doc = new PdfDocument(new Uint8Array(readFileSync(r.pdf)));
    const m = parseManifest(doc.attachments().find((a) => a.name === 'manifest.json')!.data);
    assert.deepEqual(m.options.cite, [{ evidence: logId, index: without }, { evidence: logId, index: withFinding }]);

    const text = pdftotext(r.pdf);
    const at = text.indexOf('Records cited by the examiner (2)');
    assert.ok(at > 0, 'the subsection is there');
    const part = text.slice(at);
    const first = part.indexOf(`Record ${without} of evidence/support_chatbot.csv`);
    const second = part.indexOf(`Record ${withFinding} of evidence/support_chatbot.csv`);
    assert.ok(first > 0 && second > first, 'in the order chosen');
    assert.match(part.slice(0, first), /No automated finding rests on this record/);
    assert.match(part.slice(first, second), /Cited by findings? F-\d{3}/);
  });

  test('a report without citations has no such subsection and no cite option', async () => {
    const r = await f.report('plain.pdf');
    const m = parseManifest(new PdfDocument(new Uint8Array(readFileSync(r.pdf))).attachments().find((a) => a.name === 'manifest.json')!.data);
    assert.equal('cite' in m.options, false);
    assert.doesNotMatch(pdftotext(r.pdf), /Records cited by the examiner/);
  });

  test('a bad citation is refused with a clear error before anything is signed or written', async () => {
    const events = () => logEvents(f.vault.db, f.theCase.id).length;
    const cases: [string, object, RegExp][] = [
      ['no such record', { cite: [{ evidence: logId, index: 1_000_000 }] }, /record 1000000 does not exist/],
      ['not a log', { cite: [{ evidence: fileId, index: 0 }] }, /not a log export/],
      ['not in the case', { cite: [{ evidence: 'f'.repeat(32), index: 0 }] }, /is not an item of case CASE-1/],
      ['twice', { cite: [{ evidence: logId, index: 1 }, { evidence: logId, index: 1 }] }, /cited twice/],
      ['empty', { cite: [] }, /empty/],
      ['no findings section', { cite: [{ evidence: logId, index: 1 }], sections: ['summary', 'custody'] }, /include that section/],
    ];
    for (const [name, options, message] of cases) {
      const before = events();
      await assert.rejects(f.report(`bad-${name}.pdf`, options), (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT' && message.test(e.message) && /nothing was written/.test(e.message), name);
      assert.equal(events(), before, `${name}: no custody event`);
      assert.equal(existsSync(join(f.root, `bad-${name}.pdf`)), false, `${name}: no file`);
    }
  });
});
