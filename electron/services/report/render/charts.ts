// SPDX-License-Identifier: UNLICENSED
// Two small vector charts: log activity over time (columns) and findings by type (bars).
import { count, label } from './format.js';
import { CONTENT_WIDTH, THEME, type Layout } from './layout.js';

const MAX_COLUMNS = 96;

/** Buckets merged so at most MAX_COLUMNS columns are drawn. */
function merge(points: readonly { bucket: string; count: number }[]): { bucket: string; count: number }[] {
  const step = Math.ceil(points.length / MAX_COLUMNS);
  if (step <= 1) return [...points];
  const out: { bucket: string; count: number }[] = [];
  for (let i = 0; i < points.length; i += step) out.push({ bucket: points[i]!.bucket, count: points.slice(i, i + step).reduce((n, p) => n + p.count, 0) });
  return out;
}

export function activityChart(l: Layout, points: readonly { bucket: string; count: number }[], bucket: 'hour' | 'day'): void {
  const data = merge(points);
  const h = 96;
  l.ensure(h + 50);
  l.at(`Log records per ${bucket} (UTC)`, l.x, l.y, 'bold', 9, THEME.ink);
  l.y += 16;
  if (data.length === 0) {
    l.para('No log records with timestamps.', { color: THEME.muted });
    return;
  }
  const left = l.x + 36;
  const width = CONTENT_WIDTH - 36;
  const top = l.y;
  const max = Math.max(...data.map((p) => p.count), 1);
  const doc = l.doc;
  for (const f of [0, 0.5, 1]) {
    const y = top + h - f * h;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.4).strokeColor(THEME.rule).stroke();
    l.at(count(Math.round(max * f)), l.x, y - 4, 'sans', 6.8, THEME.muted, { width: 32, align: 'right' });
  }
  const slot = width / data.length;
  const barWidth = Math.max(1, slot * 0.72);
  data.forEach((p, i) => {
    const bh = (p.count / max) * h;
    doc.rect(left + i * slot + (slot - barWidth) / 2, top + h - bh, barWidth, bh).fill(THEME.accent);
  });
  const labels = Math.min(6, data.length);
  for (let k = 0; k < labels; k++) {
    const i = labels === 1 ? 0 : Math.round((k * (data.length - 1)) / (labels - 1));
    const text = bucket === 'hour' ? `${data[i]!.bucket.slice(5, 10)} ${data[i]!.bucket.slice(11, 13)}h` : data[i]!.bucket;
    l.at(text, Math.min(left + i * slot, left + width - 50), top + h + 4, 'sans', 6.8, THEME.muted);
  }
  l.y = top + h + 22;
}

export function findingsChart(l: Layout, byType: readonly { type: string; count: number; color: string }[]): void {
  if (byType.length === 0) return;
  const rowH = 15;
  l.ensure(byType.length * rowH + 34);
  l.at('Findings by type', l.x, l.y, 'bold', 9, THEME.ink);
  l.y += 16;
  const labelW = 170;
  const barMax = CONTENT_WIDTH - labelW - 50;
  const max = Math.max(...byType.map((b) => b.count), 1);
  for (const b of byType) {
    l.at(label(b.type), l.x, l.y + 2, 'sans', 8, THEME.ink);
    const w = Math.max(1.5, (b.count / max) * barMax);
    l.doc.rect(l.x + labelW, l.y + 1, w, rowH - 5).fill(b.color);
    l.at(count(b.count), l.x + labelW + w + 5, l.y + 2, 'sans', 8, THEME.muted);
    l.y += rowH;
  }
  l.y += 10;
}
