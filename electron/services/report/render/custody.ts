// SPDX-License-Identifier: UNLICENSED
// Section 10: chain of custody — the integrity statement (checkpoint, consistency with the previous
// report) and every event of the case log, printed even when there are few.
import { displayValue } from '../../../../shared/incident/display.js';
import type { ReportModel } from '../model.js';
import { count, plural } from './format.js';
import { THEME, type Layout } from './layout.js';
import { table } from './table.js';

export function renderCustody(l: Layout, m: ReportModel): void {
  l.heading('10. Chain of custody');
  l.heading('Integrity statement', 2);
  l.para(
    `Every action on this case is an event in an append-only log: RFC 8785 canonical JSON, signed with the acting examiner's Ed25519 key and linked to the previous event by its SHA-256. The events are also the leaves of an RFC 9162 Merkle tree. When this report was generated, the examiner signed the checkpoint below (a C2SP signed note) over the first ${plural(m.checkpoint.size, 'event')} of the log — exactly the events listed in this section and attached as custody.jsonl. Anyone holding this report can later ask the vault for a consistency proof from this checkpoint: if any event up to number ${count(m.checkpoint.size)} were removed or rewritten, no such proof could exist.`,
  );
  l.monoBox(m.checkpoint.note, { title: 'Checkpoint (C2SP tlog-checkpoint, signed note)' });
  if (m.previous) {
    l.para(`The case had an earlier report, ${m.previous.reportId} (recorded in event ${m.previous.issuedSeq}, PDF SHA-256 ${m.previous.pdfSha256}), which embedded a checkpoint at ${plural(m.previous.checkpoint.size, 'event')} with root ${m.previous.checkpoint.root}. The RFC 9162 consistency proof below shows that the log of ${count(m.checkpoint.size)} events extends that log unchanged: nothing was removed or rewritten between the two reports.`);
    l.monoBox(m.previous.consistency.length ? m.previous.consistency.map((h, i) => `${String(i + 1).padStart(2)}  ${h}`).join('\n') : '(empty: the two checkpoints cover the same log)', { title: `Consistency proof ${m.previous.checkpoint.size} → ${m.checkpoint.size}` });
    const changes = m.incident.changes;
    if (changes) {
      l.heading(`Incident record: changes since ${changes.since}`, 2);
      if (changes.fields.length === 0) l.para('No field of the incident record changed since that report.', { color: THEME.muted });
      else
        table(
          l,
          [
            { title: 'Field', width: 150 },
            { title: 'Previous value SHA-256', width: 90, font: 'mono', size: 6.6 },
            { title: 'Value now', width: 0, wrap: true },
          ],
          changes.fields.map((c) => [c.field, c.old ? `${c.old.slice(0, 16)}…` : '(not set)', displayValue(m.incident.folded.fields[c.field]?.value)]),
          { size: 7.4 },
        );
    }
  } else l.para('This is the first report issued for this case: there is no earlier checkpoint to prove consistency with.', { color: THEME.muted });
  l.heading('Custody events', 2);
  const names = new Map(m.examiners.map((e) => [e.fingerprint, e.name]));
  table(
    l,
    [
      { title: 'Seq', width: 30, align: 'right', font: 'mono', size: 6.8 },
      { title: 'Time (UTC)', width: 86, font: 'mono', size: 6.8 },
      { title: 'Actor', width: 78 },
      { title: 'Action', width: 84 },
      { title: 'Detail', width: 0 },
      { title: 'Event SHA-256', width: 70, font: 'mono', size: 6.8 },
    ],
    m.events.map((e) => [String(e.seq), `${e.at.slice(0, 10)} ${e.at.slice(11, 19)}`, names.get(e.actor) ?? e.actor.slice(0, 12), e.action, e.summary, `${e.hash.slice(0, 12)}…`]),
    { size: 7.4 },
  );
  l.para(`Actors: ${m.examiners.map((e) => `${e.name}${e.role ? ` (${e.role})` : ''}, key ${e.fingerprint.slice(0, 16)}…`).join('; ')}. Full event hashes, signatures and exact bytes are in custody.jsonl.`, { size: 8, color: THEME.muted });
}
