// SPDX-License-Identifier: UNLICENSED
// Tables with a header row repeated on every page. Cells either wrap or are cut to one line with
// an ellipsis (the fast path the 10,000-event custody table takes).
import { BOTTOM, CONTENT_WIDTH, THEME, type Font, type Layout } from './layout.js';

export interface Column {
  title: string;
  /** Points; one column may be 0 to take the remaining width. */
  width: number;
  font?: Font;
  size?: number;
  align?: 'left' | 'right';
  wrap?: boolean;
}

export interface TableOptions {
  size?: number;
  /** Per-row text color of the given column (e.g. severity). */
  colorOf?: (row: readonly string[], column: number) => string | undefined;
}

const PAD_X = 4;
const PAD_Y = 3.2;

export function table(l: Layout, columns: readonly Column[], rows: readonly (readonly string[])[], opts: TableOptions = {}): void {
  const size = opts.size ?? 8;
  const fixed = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => (c.width === 0 ? CONTENT_WIDTH - fixed : c.width));
  const lineHeight = size * 1.32;
  const header = () => {
    const h = lineHeight + 2 * PAD_Y + 1;
    l.doc.rect(l.x, l.y, CONTENT_WIDTH, h).fill(THEME.head);
    let x = l.x;
    columns.forEach((c, i) => {
      const w = widths[i]!;
      l.at(c.title, x + PAD_X, l.y + PAD_Y + 0.5, 'bold', size - 0.4, THEME.muted, { width: w - 2 * PAD_X, align: c.align ?? 'left' });
      x += w;
    });
    l.y += h;
  };
  l.ensure(3 * lineHeight + 4 * PAD_Y);
  header();
  rows.forEach((row, r) => {
    const cells = columns.map((c, i) => {
      const font = c.font ?? 'sans';
      const s = c.size ?? size;
      const inner = widths[i]! - 2 * PAD_X;
      const text = row[i] ?? '';
      return c.wrap ? l.wrap(text, font, s, inner) : [l.fit(text, font, s, inner)];
    });
    const h = Math.max(...cells.map((c) => c.length)) * lineHeight + 2 * PAD_Y;
    if (l.y + h > BOTTOM) {
      l.newPage();
      header();
    }
    if (r % 2 === 1) l.doc.rect(l.x, l.y, CONTENT_WIDTH, h).fill(THEME.zebra);
    let x = l.x;
    columns.forEach((c, i) => {
      const w = widths[i]!;
      const color = opts.colorOf?.(row, i) ?? THEME.ink;
      cells[i]!.forEach((line, k) => l.at(line, x + PAD_X, l.y + PAD_Y + k * lineHeight, c.font ?? 'sans', c.size ?? size, color, c.align === 'right' ? { width: w - 2 * PAD_X, align: 'right' } : {}));
      x += w;
    });
    l.y += h;
  });
  l.doc.moveTo(l.x, l.y).lineTo(l.x + CONTENT_WIDTH, l.y).lineWidth(0.5).strokeColor(THEME.rule).stroke();
  l.y += 10;
}
