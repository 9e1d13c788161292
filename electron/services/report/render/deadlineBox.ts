// SPDX-License-Identifier: UNLICENSED
// The deadline box on the first page: for each regime the examiner assessed, the binding due time
// (UTC and the examiner's zone), its status when the report was generated, the filings logged and
// the required fields still missing — with the disclaimer that applicability is counsel's call.
import { STATUS_TEXT } from '../../../../shared/incident/display.js';
import { formatDuration } from '../../../../shared/incident/time.js';
import type { RegimeResult } from '../../../../shared/regimes/deadlines.js';
import type { ReportModel } from '../model.js';
import { utc } from './format.js';
import { CONTENT_WIDTH, THEME, type Layout } from './layout.js';

export function regimeSummary(r: RegimeResult): string {
  const b = r.deadlines.find((d) => d.id === r.binding);
  const due = b?.dueUtc ? `due ${utc(b.dueUtc)}${b.dueLocal ? ` (${b.dueLocal})` : ''}` : b ? b.label : 'no clock';
  const margin = b?.marginMs == null ? '' : b.status === 'open' ? `, ${formatDuration(b.marginMs)} left` : b.status === 'overdue' ? `, overdue by ${formatDuration(b.marginMs)}` : '';
  const filed = r.notifications.length ? `; notified ${r.notifications.length}×, first ${utc(r.notifications[0]!.atUtc)}` : '';
  const missing = r.missing.length ? `; ${r.missing.length} required field${r.missing.length === 1 ? '' : 's'} missing` : '; required fields supplied';
  return `${r.title.split(':')[0]}: ${STATUS_TEXT[r.status]}${r.exempt ? ` (${r.exempt})` : ''}, ${due}${margin}${filed}${missing}`;
}

const SIZE = 8.4;
const PAD = 8;

/**
 * The box's lines: every regime in full when they fit in `budget` points, else as many regimes as
 * fit, in their order, and a line saying how many more section 3 lists.
 */
function boxLines(l: Layout, m: ReportModel, budget: number): { wrapped: string[]; foot: string[]; h: number } {
  const d = m.incident.deadlines;
  const width = CONTENT_WIDTH - 2 * PAD - 4;
  const foot = l.wrap(`Status at generation (${utc(d.computedAt)}); section 3 has every deadline with the article behind it. ${d.disclaimer}`, 'italic', 7.4, width);
  const heightOf = (n: number) => 14 + n * SIZE * 1.3 + foot.length * 7.4 * 1.3 + 2 * PAD;
  const regimes = d.assessed.length ? d.assessed.map((r) => l.wrap(regimeSummary(r), 'sans', SIZE, width)) : [l.wrap('No notification regime was marked as assessed by the examiner (regimes.assessed: Not supplied).', 'sans', SIZE, width)];
  const all = regimes.flat();
  if (heightOf(all.length) <= budget || regimes.length === 1) return { wrapped: all, foot, h: heightOf(all.length) };
  const wrapped: string[] = [];
  let shown = 0;
  while (shown < regimes.length && heightOf(wrapped.length + regimes[shown]!.length + 1) <= budget) wrapped.push(...regimes[shown++]!);
  if (shown === 0) wrapped.push(...regimes[shown++]!);
  const rest = regimes.length - shown;
  if (rest > 0) wrapped.push(`… and ${rest} more regime${rest === 1 ? '' : 's'}: section 3 lists every one with its clock.`);
  return { wrapped, foot, h: heightOf(wrapped.length) };
}

/** Draws the box; `budget` (points) is the room the cover leaves it, so the cover stays one page. */
export function deadlineBox(l: Layout, m: ReportModel, budget = Infinity): void {
  const size = SIZE;
  const pad = PAD;
  const { wrapped, foot, h } = boxLines(l, m, budget - 8);
  l.ensure(h + 10);
  l.doc.rect(l.x, l.y, CONTENT_WIDTH, h).fill('#fff7e6');
  l.doc.rect(l.x, l.y, 3, h).fill('#b54708');
  let y = l.y + pad;
  l.at('NOTIFICATION DEADLINES', l.x + pad + 4, y, 'bold', 8, '#b54708', { characterSpacing: 1 });
  y += 14;
  for (const t of wrapped) {
    l.at(t, l.x + pad + 4, y, 'sans', size, THEME.ink);
    y += size * 1.3;
  }
  for (const t of foot) {
    l.at(t, l.x + pad + 4, y, 'italic', 7.4, THEME.muted);
    y += 7.4 * 1.3;
  }
  l.y += h + 8;
}
