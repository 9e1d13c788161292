// SPDX-License-Identifier: UNLICENSED
// Shared pieces of the incident sections: a group's fields as label/value rows ("Not supplied"
// when empty, the vault's source when a value was a proposal), and the deadline table.
import { INCIDENT_FIELDS, INCIDENT_GROUPS, type GroupId } from '../../../../shared/incident/fields.js';
import { NOT_SUPPLIED, STATUS_TEXT, deadlineText, displayValue } from '../../../../shared/incident/display.js';
import type { RegimeResult } from '../../../../shared/regimes/deadlines.js';
import type { ReportModel } from '../model.js';
import { PAGE, THEME, type Layout } from './layout.js';
import { table } from './table.js';

/** A numbered section heading inside a run of sections: some air above it unless at the top of a page. */
export function sectionHeading(l: Layout, title: string): void {
  if (l.y > PAGE.margin.top + 1) l.y += 10;
  l.heading(title);
}

export function groupTitle(id: GroupId): string {
  const g = INCIDENT_GROUPS.find((x) => x.id === id)!;
  return `${g.section}. ${g.title}`;
}

/** Every field of the group, in catalogue order; empty ones print "Not supplied". */
export function fieldRows(l: Layout, m: ReportModel, group: GroupId, skip: readonly string[] = []): void {
  const rec = m.incident.folded;
  l.keyValues(
    INCIDENT_FIELDS.filter((f) => f.group === group && !skip.includes(f.id)).map((f) => {
      const e = rec.fields[f.id];
      const value = e ? `${displayValue(e.value)}${e.source ? ` [${e.source}]` : ''}` : '';
      return { label: f.label, value, mono: f.kind === 'list' && f.id === 'system.modelDigests' };
    }),
    190,
  );
}

export function regimeBlock(l: Layout, r: RegimeResult): void {
  l.heading(`${r.title}: ${STATUS_TEXT[r.status]}${r.exempt ? ` (${r.exempt})` : ''}`, 3);
  l.para(`Recipient: ${r.recipient}. Rules ${r.id} v${r.version}, SHA-256 ${r.sha256}.${r.relevant ? '' : ` Note: the record does not show ${r.relevantWhen}.`}`, { size: 8.2, color: THEME.muted, gap: 4 });
  table(
    l,
    [
      { title: 'Deadline', width: 150, wrap: true },
      { title: 'Clock start', width: 110, size: 7, wrap: true },
      { title: 'Due and status', width: 0, wrap: true },
    ],
    r.deadlines.map((d) => [`${d.label}${d.id === r.binding ? ' (binding)' : ''}`, d.start ? `${d.from} ${d.start.utc.slice(0, 16)}Z` : `${d.from}: ${NOT_SUPPLIED}`, deadlineText(d)]),
    { size: 7.6 },
  );
  for (const d of r.deadlines) l.para(d.cite, { size: 7.4, color: THEME.muted, gap: 2 });
  for (const n of r.notifications) l.para(`Notified ${n.recipient} at ${n.atUtc}${n.channel ? ` via ${n.channel}` : ''}${n.ref ? `, reference ${n.ref}` : ''} (custody event ${n.seq})${n.onTime === null ? '' : n.onTime ? ': on time' : ': LATE'}${n.awarenessEditedAfter ? '; awareness was changed after this notification was logged' : ''}.`, { size: 8.2, gap: 2 });
  l.para(r.missing.length === 0 ? 'Required fields: all supplied.' : `Required fields not supplied: ${r.missing.map((x) => `${x.field} (${x.cite.split(':')[0]})`).join('; ')}.`, { size: 8.2, color: r.missing.length ? THEME.alert : THEME.ink, gap: 8 });
}
