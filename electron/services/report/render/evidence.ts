// SPDX-License-Identifier: UNLICENSED
// Section 9: the evidence inventory — one block per item with its full SHA-256.
import type { ManifestEvidence } from '../../../../shared/report/manifest.js';
import type { ReportModel } from '../model.js';
import { bytes, count, utc } from './format.js';
import { BOTTOM, CONTENT_WIDTH, THEME, type Layout } from './layout.js';

const NUM_W = 26;
const RIGHT_W = 130;

function lines(e: ManifestEvidence, by: string): { left: [string, 'bold' | 'sans' | 'mono', number, string][]; right: [string, string][] } {
  const left: [string, 'bold' | 'sans' | 'mono', number, string][] = [
    [e.name, 'bold', 8.8, THEME.ink],
    [`${e.kind} · ${bytes(e.size)}`, 'sans', 7.8, THEME.muted],
    [`SHA-256 ${e.sha256}`, 'mono', 6.8, THEME.ink],
  ];
  if (e.md5) left.push([`MD5 ${e.md5}`, 'mono', 6.6, THEME.muted], [`SHA-1 ${e.sha1 ?? ''}`, 'mono', 6.6, THEME.muted]);
  if (e.log) {
    left.push([`Log (${e.log.format}): ${count(e.log.records)} records${e.log.malformed ? `, ${count(e.log.malformed)} malformed` : ''}; ${e.log.firstTime ? `${utc(e.log.firstTime)} – ${utc(e.log.lastTime)}` : 'no timestamps'}`, 'sans', 7.8, THEME.muted]);
    left.push([`Records root ${e.log.recordsRoot}`, 'mono', 6.6, THEME.ink]);
  }
  if (e.model) {
    left.push([`Model (${e.model.format}): ${count(e.model.tensors)} tensors, ${count(e.model.parameters)} parameters; scanner verdict: ${e.model.verdict ?? 'none (no pickle)'}`, 'sans', 7.8, e.model.verdict && e.model.verdict !== 'safe' ? THEME.alert : THEME.muted]);
    if (e.model.weightsRoot) left.push([`Weights root ${e.model.weightsRoot}`, 'mono', 6.6, THEME.ink]);
  }
  const v = e.lastVerification;
  const right: [string, string][] = [
    [`Acquired ${utc(e.acquiredAt)}`, THEME.ink],
    [`by ${by}`, THEME.muted],
    [`custody event ${e.acquisitionSeq}`, THEME.muted],
    [v ? `Re-verified: ${v.outcome.toUpperCase()}` : 'Not re-verified since acquisition', v ? (v.outcome === 'match' ? '#1e7b45' : THEME.alert) : THEME.muted],
  ];
  if (v) right.push([utc(v.at), THEME.muted], [`custody event ${v.seq}`, THEME.muted]);
  return { left, right };
}

export function renderEvidence(l: Layout, m: ReportModel): void {
  l.heading('9. Evidence inventory');
  l.para(`${count(m.evidence.length)} items. Each SHA-256 was computed in one streamed pass when the item was acquired and is recorded in the signed evidence.acquired event of the custody log; "re-verified" is the outcome of the latest re-hash recorded in the log. Names are as acquired, relative to the folder given on import.`, { color: THEME.muted, size: 8.6 });
  const names = new Map(m.examiners.map((e) => [e.fingerprint, e.name]));
  m.evidence.forEach((e, i) => {
    const { left, right } = lines(e, names.get(e.acquiredBy) ?? e.acquiredBy.slice(0, 16));
    const lh = (size: number) => size * 1.42;
    const h = Math.max(left.reduce((n, [, , s]) => n + lh(s), 0), right.length * lh(7.8)) + 12;
    if (l.y + h > BOTTOM) l.newPage();
    if (i % 2 === 0) l.doc.rect(l.x, l.y, CONTENT_WIDTH, h).fill(THEME.zebra);
    l.at(String(i + 1), l.x + 4, l.y + 6, 'bold', 8.8, THEME.faint);
    let y = l.y + 6;
    for (const [text, font, size, color] of left) {
      l.at(l.fit(text, font, size, CONTENT_WIDTH - NUM_W - RIGHT_W - 8), l.x + NUM_W, y, font, size, color);
      y += lh(size);
    }
    y = l.y + 6;
    for (const [text, color] of right) {
      l.at(l.fit(text, 'sans', 7.8, RIGHT_W), l.x + CONTENT_WIDTH - RIGHT_W, y, 'sans', 7.8, color);
      y += lh(7.8);
    }
    l.y += h;
    l.doc.moveTo(l.x, l.y).lineTo(l.x + CONTENT_WIDTH, l.y).lineWidth(0.4).strokeColor(THEME.rule).stroke();
  });
  l.y += 12;
}
