// SPDX-License-Identifier: UNLICENSED
// The contract is complete and its schemas are strict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { METHODS, METHOD_NAMES, channelOf, isMethodName, type MethodName, type VaultApi } from '../../../../shared/api/contract.js';
import { dispatch } from '../../../../shared/api/dispatch.js';
import { args, array, int, object, optional, str } from '../../../../shared/api/schemas.js';
import { EvaultError } from '../../../../shared/errors.js';
import type { Handlers } from '../../../../shared/api/contract.js';

// Compile-time completeness: this literal must name every VaultApi method and nothing else, so
// adding a method to the interface without a schema (or the reverse) fails the build.
const EVERY_METHOD: { [K in keyof VaultApi]: true } = {
  status: true, createIdentity: true, unlock: true, lock: true,
  listCases: true, createCase: true, getCase: true, sealCase: true, addNote: true, transferCustody: true,
  listEvidence: true, importEvidence: true, cancelImport: true, verifyEvidence: true, exportEvidence: true, pickImportPaths: true, pickSavePath: true,
  custodyEvents: true, verifyVault: true, issueCheckpoint: true,
  searchLogs: true, logRecords: true, timeline: true, findings: true, revealRecord: true,
  verifyProof: true, disclose: true,
  issueReport: true, cancelReport: true, hashEvidenceFolder: true,
  listKeys: true, exportPublicKey: true, createCsr: true, importCertificate: true,
  incident: true, setIncidentField: true, incidentSuggestions: true, acceptIncidentSuggestions: true, incidentDeadlines: true, recordNotification: true,
  modelDetail: true, modelTensors: true, modelDiff: true, cancelModelDiff: true, writeManifest: true, checkManifest: true,
};

test('every method of the API has a schema and a vault: channel', () => {
  assert.deepEqual([...METHOD_NAMES].sort(), Object.keys(EVERY_METHOD).sort());
  for (const name of METHOD_NAMES) assert.equal(channelOf(name), `vault:${name}`);
  assert.equal(isMethodName('toString'), false);
  assert.equal(isMethodName('__proto__'), false);
});

test('object schemas refuse unknown keys, wrong types and oversized values', () => {
  const s = object({ a: str({ min: 1, max: 3 }), n: optional(int({ min: 0, max: 9 })), l: optional(array(str(), { max: 2 })) });
  assert.deepEqual(s.parse({ a: 'abc' }), { a: 'abc' });
  assert.deepEqual(s.parse({ a: 'x', n: 3, l: ['p'] }), { a: 'x', n: 3, l: ['p'] });
  for (const bad of [{ a: '' }, { a: 'abcd' }, { a: 1 }, { a: 'x', b: 1 }, { a: 'x', n: 1.5 }, { a: 'x', n: 10 }, { a: 'x', l: ['1', '2', '3'] }, null, [], 'x']) {
    assert.throws(() => s.parse(bad), (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT', JSON.stringify(bad));
  }
  assert.throws(() => args(s).parse([{ a: 'x' }, 'surplus']), /at most 1/);
  assert.throws(() => s.parse({ a: 'x', l: [7] }), /l\[0\]: must be text/);
});

test('issueReport takes known sections only and needs the passphrase', () => {
  const ok = { caseId: 'c1', sections: ['summary', 'custody'], reveal: false, organisation: null, classification: null, out: '/tmp/r.pdf', passphrase: 'x' };
  assert.deepEqual(METHODS.issueReport.parse([ok]), [ok]);
  for (const bad of [{ ...ok, sections: [] }, { ...ok, sections: ['summary', 'appendix'] }, { ...ok, passphrase: '' }, { ...ok, passphrase: undefined }, { ...ok, out: '' }, { ...ok, reveal: 'yes' }]) {
    assert.throws(() => METHODS.issueReport.parse([bad]), (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT', JSON.stringify(bad));
  }
});

test('issueReport takes a report type from the closed list, or none', () => {
  const ok = { caseId: 'c1', sections: ['summary'], reveal: false, organisation: null, classification: null, out: '/tmp/r.pdf', passphrase: 'x' };
  for (const reportType of ['initial', 'follow-up', 'final', 'amendment']) assert.deepEqual(METHODS.issueReport.parse([{ ...ok, reportType }]), [{ ...ok, reportType }]);
  assert.throws(() => METHODS.issueReport.parse([{ ...ok, reportType: 'draft' }]), /reportType: must be one of initial, follow-up, final, amendment/);
});

test('incident inputs: a measure status is done or planned, notifications name a recipient, lists are bounded', () => {
  assert.deepEqual(METHODS.setIncidentField.parse([{ caseId: 'c', field: 'times.awareness', at: '2026-11-20T09:15:00+01:00' }]), [{ caseId: 'c', field: 'times.awareness', at: '2026-11-20T09:15:00+01:00' }]);
  assert.throws(() => METHODS.setIncidentField.parse([{ caseId: 'c', field: 'measures.containment', value: 'x', status: 'maybe' }]), /status: must be one of done, planned/);
  assert.throws(() => METHODS.setIncidentField.parse([{ caseId: 'c', field: 'x', value: 1 }]), /value: must be text/);
  assert.throws(() => METHODS.recordNotification.parse([{ caseId: 'c', regime: 'gdpr-art33', recipient: '', at: '2026-11-20T09:15:00Z', channel: null, ref: null }]), /recipient: must not be empty/);
  assert.throws(() => METHODS.acceptIncidentSuggestions.parse([{ caseId: 'c', fields: [] }]), /fields: must have at least 1/);
  assert.throws(() => METHODS.incidentDeadlines.parse([{ caseId: 'c' }]), /zone/);
});

test('dialog purposes are a closed list (main words the dialog, not the page)', () => {
  assert.deepEqual(METHODS.pickSavePath.parse([{ suggestedName: 'r.pdf', purpose: 'report' }]), [{ suggestedName: 'r.pdf', purpose: 'report' }]);
  assert.deepEqual(METHODS.pickImportPaths.parse([{ folders: true, purpose: 'evidence-folder' }]), [{ folders: true, purpose: 'evidence-folder' }]);
  assert.throws(() => METHODS.pickSavePath.parse([{ suggestedName: 'r.pdf', purpose: 'Click here to win' }]), (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT');
  assert.throws(() => METHODS.pickImportPaths.parse([{ purpose: 'export' }]), (e: unknown) => e instanceof EvaultError && e.code === 'BAD_INPUT');
});

test('the real schemas: import paths, record pages and passphrases are bounded', () => {
  assert.throws(() => METHODS.importEvidence.parse([{ importId: 'short', caseId: 'c', paths: ['/x'] }]), /importId/);
  assert.throws(() => METHODS.importEvidence.parse([{ importId: 'abcdef12', caseId: 'c', paths: [] }]), /paths/);
  assert.throws(() => METHODS.logRecords.parse([{ caseId: 'c', evidenceId: 'e', start: -1, count: 10 }]), /start/);
  assert.throws(() => METHODS.logRecords.parse([{ caseId: 'c', evidenceId: 'e', start: 0, count: 100_000 }]), /count/);
  assert.throws(() => METHODS.createIdentity.parse([{ name: 'A', role: null, organisation: null, passphrase: 'short' }]), /passphrase/);
  assert.deepEqual(METHODS.status.parse([]), []);
});

test('dispatch validates before calling and wraps the outcome', async () => {
  let called = 0;
  const handlers = new Proxy({} as Handlers, { get: () => async () => ++called });
  const bad = await dispatch(handlers, 'getCase', [{ caseId: 3 }], { transport: 'bridge' });
  assert.deepEqual(bad, { ok: false, error: { code: 'BAD_INPUT', message: 'caseId: must be text' } });
  const unknown = await dispatch(handlers, 'dropTables', [], { transport: 'bridge' });
  assert.equal(!unknown.ok && unknown.error.code, 'USAGE');
  assert.equal(called, 0);
  assert.deepEqual(await dispatch(handlers, 'listCases' satisfies MethodName, [], { transport: 'bridge' }), { ok: true, value: 1 });
});
