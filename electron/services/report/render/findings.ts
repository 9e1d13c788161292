// SPDX-License-Identifier: UNLICENSED
// Section 12: findings — each AI-incident finding with its rule, the records it rests on (text
// redacted by default) and their inclusion proofs; then personal data found, by item and type.
import type { CitedRecord, ReportModel } from '../model.js';
import { count, label, utc } from './format.js';
import { BOTTOM, CONTENT_WIDTH, THEME, type Layout } from './layout.js';
import { table } from './table.js';

function citationBox(l: Layout, c: CitedRecord): void {
  const title = `Record ${c.index} of ${c.evidenceName} (line ${c.line}${c.time ? `, ${utc(c.time)}` : ''})${c.redacted ? ' — redacted' : ''}`;
  l.monoBox(c.text, { title, size: 7.2, color: '#9aa7b6' });
  l.y -= 4;
  const proof = `Inclusion proof: leaf ${c.leafHash.slice(0, 16)}…, ${c.auditPath}-hash audit path to records root ${c.recordsRoot.slice(0, 16)}… of ${count(c.treeSize)} records — ${c.proven ? 'verified' : 'DOES NOT VERIFY'}${c.redacted ? '; the proof covers the original bytes, the redacted text cannot be checked against it' : ''}.`;
  l.para(proof, { size: 7.4, color: c.proven ? THEME.muted : THEME.alert, indent: 4, gap: 6 });
}

/** The records the examiner chose, in their order, each with the findings that rest on it. */
function renderExaminerCited(l: Layout, m: ReportModel): void {
  const wanted = new Set(m.examinerCited.map((c) => `${c.evidence}:${c.index}`));
  const findingsOf = new Map<string, string[]>();
  m.findings.forEach((f, i) => {
    for (const r of f.records) {
      const key = `${f.evidence}:${r}`;
      if (wanted.has(key)) findingsOf.set(key, [...(findingsOf.get(key) ?? []), `F-${String(i + 1).padStart(3, '0')}`]);
    }
  });
  l.heading(`Records cited by the examiner (${count(m.examinerCited.length)})`, 2);
  l.para(`Log records the examiner chose to cite, in the order chosen; the list is part of the signed options in manifest.json and each record's inclusion proof is in its recordProofs. Text is ${m.options.reveal ? 'shown as recorded (UNREDACTED)' : 'redacted: personal data is replaced by case-wide placeholders'}.`, { color: THEME.muted, size: 8.6 });
  for (const c of m.examinerCited) {
    const ids = findingsOf.get(`${c.evidence}:${c.index}`) ?? [];
    l.para(ids.length ? `Cited by finding${ids.length === 1 ? '' : 's'} ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ` and ${count(ids.length - 12)} more` : ''}.` : 'No automated finding rests on this record.', { size: 7.8, color: THEME.muted, gap: 2 });
    citationBox(l, c);
    if (l.y > BOTTOM - 30) l.newPage();
  }
}

export function renderFindings(l: Layout, m: ReportModel): void {
  l.heading('12. Findings');
  const names = new Map(m.evidence.map((e) => [e.id, e.name]));
  if (m.findings.length === 0) l.para('The automated rules recorded no AI-incident findings for this case.', { color: THEME.muted });
  else {
    l.para(`${count(m.findings.length)} findings, most severe first${m.findings.length > m.detailed.length ? `; ${count(m.detailed.length)} are shown in full (examples of every kind first), the others are grouped after them` : ''}. Each was recorded by the rules when its log was imported and is covered by a signed finding.recorded event (its event number is given). Up to two records per finding are cited; cited text is ${m.options.reveal ? 'shown as recorded (UNREDACTED)' : 'redacted: personal data is replaced by case-wide placeholders'}. Each cited record carries an RFC 9162 inclusion proof against the records root signed at acquisition; the proofs are in manifest.json.`, { color: THEME.muted, size: 8.6 });
  }
  for (const i of m.detailed) {
    const f = m.findings[i]!;
    const color = THEME.severity[f.severity] ?? THEME.accent;
    const id = `F-${String(i + 1).padStart(3, '0')}`;
    const meta = [`Rule ${f.rule}${f.rulesetVersion ? ` (rule set ${f.rulesetVersion})` : ''}`, `evidence ${names.get(f.evidence) ?? f.evidence}`, `record${f.records.length === 1 ? '' : 's'} ${f.records.slice(0, 8).join(', ')}${f.records.length > 8 ? ` and ${count(f.records.length - 8)} more` : ''}`, ...(f.score !== null ? [`score ${f.score.toFixed(3)}`] : []), ...(f.eventSeq !== null ? [`signed in event ${f.eventSeq}`] : [])].join(' · ');
    const explanation = l.wrap(f.explanation, 'sans', 9, CONTENT_WIDTH - 14);
    const metaLines = l.wrap(meta, 'sans', 7.8, CONTENT_WIDTH - 14);
    const h = 18 + explanation.length * 12.4 + metaLines.length * 10.8 + 6;
    l.ensure(h + 20);
    const top = l.y;
    l.doc.rect(l.x, top, 3, h).fill(color);
    l.at(id, l.x + 10, top + 2, 'bold', 9.5, THEME.ink);
    l.at(f.severity.toUpperCase(), l.x + 52, top + 3, 'bold', 8, color);
    l.at(`${label(f.type)}`, l.x + 100, top + 2, 'bold', 9.5, THEME.ink);
    if (f.atlas) l.at(`MITRE ATLAS ${f.atlas}`, l.x, top + 3, 'mono', 7.8, THEME.accent, { width: CONTENT_WIDTH, align: 'right' });
    let y = top + 18;
    for (const line of explanation) {
      l.at(line, l.x + 10, y, 'sans', 9, THEME.ink);
      y += 12.4;
    }
    for (const line of metaLines) {
      l.at(line, l.x + 10, y, 'sans', 7.8, THEME.muted);
      y += 10.8;
    }
    l.y = top + h;
    for (const c of m.citations.get(i) ?? []) citationBox(l, c);
    l.y += 8;
    if (l.y > BOTTOM - 30) l.newPage();
  }
  const shown = new Set(m.detailed);
  const groups = new Map<string, { severity: string; type: string; rule: string; atlas: string; evidence: string; explanation: string; ids: number[]; records: number[] }>();
  m.findings.forEach((f, i) => {
    if (shown.has(i)) return;
    const key = [f.severity, f.type, f.rule, f.atlas, f.evidence, f.explanation].join('|');
    const g = groups.get(key) ?? { severity: f.severity, type: f.type, rule: f.rule, atlas: f.atlas ?? '—', evidence: names.get(f.evidence) ?? f.evidence, explanation: f.explanation, ids: [], records: [] };
    g.ids.push(i + 1);
    g.records.push(...f.records);
    groups.set(key, g);
  });
  if (groups.size > 0) {
    const rest = m.findings.length - m.detailed.length;
    l.heading(`Further findings (${count(rest)})`, 2);
    l.para(`The other ${count(rest)} findings, grouped where rule, evidence and explanation are the same. Every finding, with all its records, is in manifest.json; the IDs are their positions there.`, { color: THEME.muted, size: 8.6 });
    const list = (xs: number[], n: number) => `${xs.slice(0, n).join(', ')}${xs.length > n ? ` and ${count(xs.length - n)} more` : ''}`;
    table(
      l,
      [{ title: 'Severity', width: 50 }, { title: 'Finding', width: 160, wrap: true }, { title: 'ATLAS', width: 66, font: 'mono', size: 7 }, { title: 'Count', width: 34, align: 'right' }, { title: 'Evidence: records', width: 0, wrap: true }],
      [...groups.values()].map((g) => [g.severity.toUpperCase(), `${label(g.type)}: ${g.explanation} (rule ${g.rule}; ${g.ids.length === 1 ? `F-${String(g.ids[0]).padStart(3, '0')}` : `F-${String(g.ids[0]).padStart(3, '0')} to F-${String(g.ids.at(-1)).padStart(3, '0')}`})`, g.atlas, count(g.ids.length), `${g.evidence}: ${list([...new Set(g.records)].sort((a, b) => a - b), 40)}`]),
      { size: 7.4, colorOf: (row, col) => (col === 0 ? THEME.severity[row[0]!.toLowerCase()] : undefined) },
    );
  }
  if (m.examinerCited.length > 0) renderExaminerCited(l, m);
  if (m.pii.length > 0) {
    l.heading('Personal data found', 2);
    l.para('Matches of the PII detectors per evidence item and type. The values are not reproduced; the matches are bound by the signed pii.scan digest in the custody log.', { color: THEME.muted, size: 8.6 });
    table(l, [{ title: 'Evidence', width: 0, wrap: true }, { title: 'Type', width: 150 }, { title: 'Matches', width: 60, align: 'right' }, { title: 'Records', width: 60, align: 'right' }], m.pii.map((p) => [names.get(p.evidence) ?? p.evidence, label(p.type), count(p.count), count(p.records)]));
  }
}
