// SPDX-License-Identifier: UNLICENSED
// Sections 13–19 of regulatory.md §7: opinions and limitations, root cause and risk, measures,
// data-subject notice, the notification log, evidence disposition, examiner and authorization.
import { NOT_SUPPLIED } from '../../../../shared/incident/display.js';
import { formatEntered } from '../../../../shared/incident/time.js';
import type { ReportModel } from '../model.js';
import { fp, plural } from './format.js';
import { fieldRows, groupTitle, sectionHeading } from './incidentFields.js';
import { THEME, type Layout } from './layout.js';
import { table } from './table.js';

const SIX_MONTHS_DAYS = 183;

/** Gaps the vault can see for itself: log evidence spanning less than the six months Art. 19(1) / 26(6) ask to be kept. */
export function flaggedGaps(m: ReportModel): string[] {
  const out: string[] = [];
  for (const e of m.evidence) {
    if (!e.log?.firstTime || !e.log.lastTime) continue;
    const days = (Date.parse(e.log.lastTime) - Date.parse(e.log.firstTime)) / 86_400_000;
    if (days < SIX_MONTHS_DAYS) out.push(`${e.name} spans ${days.toFixed(1)} days (${e.log.firstTime.slice(0, 10)} to ${e.log.lastTime.slice(0, 10)}); AI Act Art. 19(1) and 26(6) ask for logs kept at least six months — whether older logs exist is not known to the vault.`);
  }
  return out;
}

export function renderAssessment(l: Layout, m: ReportModel): void {
  sectionHeading(l, groupTitle('opinions'));
  fieldRows(l, m, 'opinions');
  const gaps = flaggedGaps(m);
  if (gaps.length) {
    l.para('Flagged by the vault:', { size: 8.6, gap: 2 });
    for (const g of gaps) l.para(`• ${g}`, { size: 8.2, indent: 8, gap: 2 });
  }

  sectionHeading(l, groupTitle('assessment'));
  fieldRows(l, m, 'assessment');

  sectionHeading(l, groupTitle('measures'));
  fieldRows(l, m, 'measures');
  l.para('Art. 73(6): the system must not be altered in a way that may affect a later evaluation of the causes before the authorities are informed. The times at which the evidence in this report was preserved are in section 10.', { size: 8, color: THEME.muted });

  sectionHeading(l, groupTitle('notice'));
  fieldRows(l, m, 'notice');

  sectionHeading(l, '17. Notification log');
  const notes = m.incident.folded.notifications;
  if (notes.length === 0) l.para('No notification has been logged for this case.', { color: THEME.muted });
  else
    table(
      l,
      [
        { title: 'Regime', width: 80 },
        { title: 'Recipient', width: 110, wrap: true },
        { title: 'Filed (UTC; as entered)', width: 120, wrap: true, size: 7 },
        { title: 'Channel', width: 60, wrap: true },
        { title: 'Reference', width: 0, wrap: true },
        { title: 'Event', width: 34, align: 'right' },
      ],
      notes.map((n) => [n.regime, n.recipient, `${n.at.utc}; ${formatEntered(n.at)}`, n.channel ?? '—', n.ref ?? '—', String(n.seq)]),
      { size: 7.6 },
    );

  sectionHeading(l, groupTitle('disposition'));
  fieldRows(l, m, 'disposition');

  sectionHeading(l, groupTitle('examiner'));
  fieldRows(l, m, 'examiner', ['examiner.certification']);
  l.keyValues([
    { label: 'Signed by', value: `${m.signer.name}${m.signer.role ? `, ${m.signer.role}` : ''}` },
    { label: 'Signing key (Ed25519)', value: fp(m.signer.fingerprint), mono: true },
  ], 170);
  const cert = m.incident.folded.fields['examiner.certification']?.value;
  if (typeof cert === 'string') l.monoBox(cert, { title: 'Certification (FRE 902(13)/(14), 902(11) notice; 28 U.S.C. §1746)' });
  else l.keyValues([{ label: 'FRE 902(13)/(14) certification', value: '' }], 170);
  l.para(`Custody history of the incident record: ${plural(m.incident.folded.history.length, 'change')} (incident.updated events) and ${plural(notes.length, 'notification')} (incident.notified), all in section 10. ${cert === undefined ? `${NOT_SUPPLIED}: no certification text was entered.` : ''}`, { size: 8, color: THEME.muted });
}
