// SPDX-License-Identifier: UNLICENSED
// Section 1: the executive summary, written from the data (counts, time span, key findings).
import type { ReportModel } from '../model.js';
import { activityChart, findingsChart } from './charts.js';
import { bytes, count, label, plural, utc } from './format.js';
import { CONTENT_WIDTH, THEME, type Layout } from './layout.js';
import { table } from './table.js';

const SEVERITIES = ['high', 'medium', 'low', 'info'];

function span(times: readonly (string | null)[]): [string, string] | null {
  const t = times.filter((x): x is string => x !== null).sort();
  return t.length ? [t[0]!, t[t.length - 1]!] : null;
}

export function keyFindingRows(m: ReportModel): string[][] {
  const groups = new Map<string, { severity: string; type: string; atlas: string; count: number; evidence: Set<string> }>();
  for (const f of m.findings) {
    const key = `${f.severity}|${f.type}|${f.atlas ?? ''}`;
    const g = groups.get(key) ?? { severity: f.severity, type: f.type, atlas: f.atlas ?? '—', count: 0, evidence: new Set<string>() };
    g.count++;
    g.evidence.add(m.evidence.find((e) => e.id === f.evidence)?.name ?? f.evidence);
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.count - a.count || a.type.localeCompare(b.type))
    .map((g) => [g.severity.toUpperCase(), label(g.type), g.atlas, count(g.count), [...g.evidence].sort().join(', ')]);
}

function tiles(l: Layout, items: readonly [string, string, string?][]): void {
  const gap = 10;
  const w = (CONTENT_WIDTH - gap * (items.length - 1)) / items.length;
  const h = 54;
  l.ensure(h + 10);
  items.forEach(([value, caption, color], i) => {
    const x = l.x + i * (w + gap);
    l.doc.rect(x, l.y, w, h).fill(THEME.box);
    l.doc.rect(x, l.y, w, 2.5).fill(color ?? THEME.accent);
    l.at(value, x + 10, l.y + 12, 'bold', 17, color ?? THEME.navy);
    l.at(caption, x + 10, l.y + 36, 'sans', 7.8, THEME.muted);
  });
  l.y += h + 16;
}

export function renderSummary(l: Layout, m: ReportModel): void {
  l.heading('1. Executive summary');
  const kinds = new Map<string, number>();
  for (const e of m.evidence) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  const totalSize = m.evidence.reduce((n, e) => n + e.size, 0);
  const acquired = span(m.evidence.map((e) => e.acquiredAt));
  const logTimes = span(m.evidence.flatMap((e) => (e.log ? [e.log.firstTime, e.log.lastTime] : [])));
  const records = m.evidence.reduce((n, e) => n + (e.log?.records ?? 0), 0);
  const bySeverity = new Map<string, number>();
  for (const f of m.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const piiMatches = m.pii.reduce((n, p) => n + p.count, 0);
  const piiTypes = new Set(m.pii.map((p) => p.type));
  const examiners = new Set(m.events.map((e) => e.actor));
  const rulesets = [...new Set(m.findings.map((f) => f.rulesetVersion).filter((v): v is string => v !== null))];

  const text: string[] = [];
  text.push(
    `This report covers case ${m.case.number}, "${m.case.title}", opened ${utc(m.case.createdAt)}. It inventories ${plural(m.evidence.length, 'evidence item')}` +
      (kinds.size ? ` (${[...kinds].map(([k, n]) => `${count(n)} ${k}${n === 1 ? '' : 's'}`).join(', ')})` : '') +
      ` totalling ${bytes(totalSize)}` +
      (acquired ? `, acquired between ${utc(acquired[0])} and ${utc(acquired[1])}` : '') +
      `. ${plural(examiners.size, 'examiner')} signed the ${plural(m.events.length, 'custody event')} covered by this report.`,
  );
  if (records > 0) text.push(`The logs hold ${plural(records, 'record')}${logTimes ? `, from ${utc(logTimes[0])} to ${utc(logTimes[1])}` : ''}. Every record is bound to the signed acquisition of its log by an RFC 9162 Merkle tree, so any cited record can be proven to be part of the evidence as acquired.`);
  if (m.findings.length > 0) {
    const sev = SEVERITIES.filter((s) => bySeverity.has(s)).map((s) => `${count(bySeverity.get(s)!)} ${s}`).join(', ');
    const atlas = [...new Set(m.findings.map((f) => f.atlas).filter((a): a is string => a !== null))].sort();
    text.push(`The automated AI-incident rules${rulesets.length ? ` (rule set ${rulesets.join(', ')})` : ''} recorded ${plural(m.findings.length, 'finding')}: ${sev}.${atlas.length ? ` They map to MITRE ATLAS techniques ${atlas.join(', ')}.` : ''} Findings are leads produced by rules and a classifier; each is shown with the records it rests on so that an examiner can confirm or reject it.`);
  } else text.push('The automated AI-incident rules recorded no findings.');
  if (piiMatches > 0) text.push(`Personal data: ${plural(piiMatches, 'match', 'matches')} of ${plural(piiTypes.size, 'type')} (${[...piiTypes].map(label).join(', ').toLowerCase()}). Cited records are shown ${m.options.reveal ? 'UNREDACTED' : 'with personal data replaced by case-wide placeholders such as [EMAIL#3]'}.`);
  text.push(`The custody log of the case was checkpointed at ${plural(m.checkpoint.size, 'event')} when this report was made (signed Merkle root ${m.checkpoint.root.slice(0, 16)}…)` + (m.previous ? `; a consistency proof shows it extends, unchanged, the log checkpointed by report ${m.previous.reportId} at ${plural(m.previous.checkpoint.size, 'event')}.` : '.'));
  for (const p of text) l.para(p, { gap: 7 });
  l.y += 4;
  tiles(l, [
    [count(m.evidence.length), 'evidence items'],
    [count(records), 'log records'],
    [count(bySeverity.get('high') ?? 0), 'high-severity findings', (bySeverity.get('high') ?? 0) > 0 ? THEME.alert : undefined],
    [count(m.events.length), 'custody events'],
  ]);
  if (m.findings.length > 0) {
    l.heading('Key findings', 2);
    table(l, [{ title: 'Severity', width: 58 }, { title: 'Finding', width: 150 }, { title: 'MITRE ATLAS', width: 78, font: 'mono', size: 7.6 }, { title: 'Count', width: 44, align: 'right' }, { title: 'Evidence', width: 0, wrap: true }], keyFindingRows(m), {
      colorOf: (row, col) => (col === 0 ? THEME.severity[row[0]!.toLowerCase()] : undefined),
    });
  }
  l.heading('Activity and findings at a glance', 2);
  activityChart(l, m.activity, m.activityBucket);
  const byType = new Map<string, { count: number; severity: string }>();
  for (const f of m.findings) {
    const b = byType.get(f.type) ?? { count: 0, severity: f.severity };
    b.count++;
    if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(b.severity)) b.severity = f.severity;
    byType.set(f.type, b);
  }
  const piiByType = new Map<string, number>();
  for (const p of m.pii) piiByType.set(p.type, (piiByType.get(p.type) ?? 0) + p.count);
  findingsChart(l, [
    ...[...byType].sort((a, b) => b[1].count - a[1].count).map(([type, b]) => ({ type, count: b.count, color: THEME.severity[b.severity] ?? THEME.accent })),
    ...[...piiByType].sort((a, b) => b[1] - a[1]).map(([type, n]) => ({ type, count: n, color: '#7c8aa0' })),
  ]);
}
