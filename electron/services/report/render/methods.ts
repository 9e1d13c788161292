// SPDX-License-Identifier: UNLICENSED
// Section 11: methods and validation — the tool and the versioned, hashed rules behind every
// result (log parsers, detection rule sets, PII detector, model scanner, regime rules), then the
// examiner's procedure and validation references.
import { parseEvent } from '../../../../shared/custody/verifyLog.js';
import type { ReportModel } from '../model.js';
import { fieldRows, groupTitle } from './incidentFields.js';
import { THEME, type Layout } from './layout.js';
import { table } from './table.js';

export function methodRows(m: ReportModel): string[][] {
  const rows = new Map<string, string[]>();
  const add = (what: string, name: string, version: string, hash: string) => rows.set(`${what}|${name}|${version}|${hash}`, [what, name, version, hash]);
  add('Tool', m.tool, '', '');
  for (const e of m.signedEvents) {
    const ev = parseEvent(e.bytes);
    const d = ev.details as { ruleset?: string; rulesetVersion?: string; rulesetHash?: string; detector?: string; detectorVersion?: string; scanner?: string; scannerVersion?: string; rulesHash?: string; log?: { parser?: string; parserVersion?: string } };
    if (ev.action === 'finding.recorded' && d.ruleset) add('Detection rules', d.ruleset, d.rulesetVersion ?? '', d.rulesetHash ?? '');
    if (ev.action === 'finding.recorded' && d.detector) add('PII detector', d.detector, d.detectorVersion ?? '', '');
    if (ev.action === 'evidence.acquired' && d.log?.parser) add('Log parser', d.log.parser, d.log.parserVersion ?? '', '');
    if (ev.action === 'finding.recorded' && d.scanner) add('Model scanner', d.scanner, d.scannerVersion ?? '', d.rulesHash ?? '');
  }
  for (const r of m.incident.regimes) add('Regime rules', r.id, r.version, r.sha256);
  return [...rows.values()];
}

export function renderMethods(l: Layout, m: ReportModel): void {
  l.heading(groupTitle('methods'));
  l.para('Hashes are SHA-256 (FIPS 180-4); log records and custody events are leaves of RFC 9162 Merkle trees; events are RFC 8785 canonical JSON signed with Ed25519 (RFC 8032); the PDF carries a PAdES signature with ECDSA P-256. Every result below names the versioned rules that produced it, as signed in the custody log.', { size: 8.6 });
  table(l, [{ title: 'Component', width: 90 }, { title: 'Name', width: 120 }, { title: 'Version', width: 50 }, { title: 'Rules SHA-256', width: 0, font: 'mono', size: 6.2 }], methodRows(m), { size: 7.8 });
  fieldRows(l, m, 'methods');
  l.para('The test suite behind these components (known-answer vectors, corpus accuracy tests, tamper tests) is described in the tool’s documentation.', { size: 8, color: THEME.muted });
}
