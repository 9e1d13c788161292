// SPDX-License-Identifier: UNLICENSED
// Page layout for reports: A4, the theme, flowing text with page breaks, key-value blocks, tables
// and monospaced boxes. Everything is positioned explicitly (no pdfkit auto-paging), so the output
// depends only on the content.
import type PDFDocument from 'pdfkit';
import type { TextOptions } from 'pdfkit';
import { useFastMonoLayout } from './monoFastPath.js';

export const THEME = {
  ink: '#1b2330',
  muted: '#5b6676',
  faint: '#8a94a3',
  navy: '#14213d',
  accent: '#0b5f7f',
  rule: '#d3d9e1',
  head: '#e9eef3',
  box: '#f5f7f9',
  zebra: '#fafbfc',
  white: '#ffffff',
  alert: '#b42318',
  severity: { high: '#b42318', medium: '#b54708', low: '#1d5fbf', info: '#5b6676' } as Record<string, string>,
};

export const PAGE = { width: 595.28, height: 841.89, margin: { top: 78, bottom: 66, left: 56, right: 56 } };
export const CONTENT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
export const BOTTOM = PAGE.height - PAGE.margin.bottom;

export type Font = 'sans' | 'bold' | 'italic' | 'mono';

/** Printable text: control characters (other than newline) become spaces; tabs too. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

export class Layout {
  y = PAGE.margin.top;
  private current = '';
  private readonly widths = new Map<string, number>();
  /**
   * `sources` maps our font names to TTF paths. Fonts are selected by path, never by a registered
   * name: pdfkit 0.20.2 does not cache a registered name whose font it already holds under another
   * key (the default font), and re-parses the file on every font() call (~1 ms each).
   */
  constructor(
    readonly doc: PDFDocument,
    private readonly sources: Record<Font, string>,
  ) {}

  /** Selects font and size, skipping pdfkit when they are already current. */
  use(font: Font, size: number): void {
    const key = `${font}/${size}`;
    if (key === this.current) return;
    this.doc.font(this.sources[font]).fontSize(size);
    if (font === 'mono') useFastMonoLayout((this.doc as unknown as { _font: unknown })._font);
    this.current = key;
  }

  /**
   * Width of one line of text. Printable ASCII in the monospaced font is 600/1000 em a character
   * (Source Code Pro; checked by a unit test), which spares fontkit a shaping pass per hash.
   */
  measure(text: string, font: Font, size: number): number {
    if (font === 'mono' && /^[\x20-\x7e]*$/.test(text)) return text.length * 0.6 * size;
    const key = `${font}/${size}/${text}`;
    const known = this.widths.get(key);
    if (known !== undefined) return known;
    this.use(font, size);
    const w = this.doc.widthOfString(text);
    if (this.widths.size > 50_000) this.widths.clear();
    this.widths.set(key, w);
    return w;
  }

  /** True when `text` surely fits: no glyph of the sans fonts is wider than 1.25 em. */
  private surelyFits(text: string, size: number, width: number): boolean {
    return text.length * size * 1.25 <= width;
  }

  get x(): number {
    return PAGE.margin.left;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = PAGE.margin.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  font(font: Font, size: number, color = THEME.ink): this {
    this.use(font, size);
    this.doc.fillColor(color);
    return this;
  }

  height(text: string, font: Font, size: number, width: number, opts: TextOptions = {}): number {
    this.use(font, size);
    return this.doc.heightOfString(printable(text), { width, ...opts });
  }

  /**
   * Writes one line at (x, y) without moving the flow. Never lets pdfkit wrap (its wrapper would
   * add pages on its own); `align: 'right'` aligns to x + width by measuring here.
   */
  at(text: string, x: number, y: number, font: Font, size: number, color: string, opts: Pick<TextOptions, 'width' | 'align' | 'characterSpacing'> = {}): void {
    this.font(font, size, color);
    const t = printable(text).replace(/\n/g, ' ');
    const free = opts.width === undefined || !opts.align || opts.align === 'left' ? 0 : opts.width - this.measure(t, font, size) - (opts.characterSpacing ?? 0) * t.length;
    const dx = opts.align === 'right' ? free : opts.align === 'center' ? free / 2 : 0;
    this.doc.text(t, x + dx, y, { lineBreak: false, ...(opts.characterSpacing ? { characterSpacing: opts.characterSpacing } : {}) });
  }

  /** The height `para` takes for this text on one page, its gap included. */
  paraHeight(text: string, opts: { font?: Font; size?: number; gap?: number; indent?: number; width?: number } = {}): number {
    const size = opts.size ?? 9.5;
    const lines = this.wrap(printable(text), opts.font ?? 'sans', size, opts.width ?? CONTENT_WIDTH - (opts.indent ?? 0));
    return lines.length * size * 1.38 + (opts.gap ?? 6);
  }

  /** The height `heading` takes (without a page break). */
  headingHeight(level: 1 | 2 | 3 = 1): number {
    const size = level === 1 ? 17 : level === 2 ? 12.5 : 10.5;
    return (level === 1 ? 0 : 10) + size * 1.35 + (level === 1 ? 12 : 3);
  }

  /** A paragraph in the flow, breaking pages between lines where needed. */
  para(text: string, opts: { font?: Font; size?: number; color?: string; gap?: number; indent?: number; width?: number } = {}): void {
    const font = opts.font ?? 'sans';
    const size = opts.size ?? 9.5;
    const indent = opts.indent ?? 0;
    const width = opts.width ?? CONTENT_WIDTH - indent;
    const lines = this.wrap(printable(text), font, size, width);
    const lineHeight = size * 1.38;
    for (const line of lines) {
      this.ensure(lineHeight);
      this.at(line, this.x + indent, this.y, font, size, opts.color ?? THEME.ink);
      this.y += lineHeight;
    }
    this.y += opts.gap ?? 6;
  }

  /** Greedy word wrap with pdfkit's metrics; over-long words are cut by characters. */
  wrap(text: string, font: Font, size: number, width: number): string[] {
    const w = (t: string) => this.measure(t, font, size);
    const out: string[] = [];
    for (const paragraph of text.split('\n')) {
      if (w(paragraph) <= width) {
        out.push(paragraph.trimEnd());
        continue;
      }
      let line = '';
      for (const word of paragraph.split(/(?<=\s)/)) {
        const candidate = line + word;
        if (w(candidate.trimEnd()) <= width) {
          line = candidate;
          continue;
        }
        if (line) out.push(line.trimEnd());
        line = '';
        let rest = word;
        while (w(rest.trimEnd()) > width) {
          const n = this.fitLength(rest, font, size, width);
          out.push(rest.slice(0, n));
          rest = rest.slice(n);
        }
        line = rest;
      }
      out.push(line.trimEnd());
    }
    return out;
  }

  /** How many leading characters of `text` fit in `width`. */
  private fitLength(text: string, font: Font, size: number, width: number): number {
    let lo = 1;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.measure(text.slice(0, mid), font, size) <= width) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** `text` cut with an ellipsis to fit on one line of `width`. */
  fit(text: string, font: Font, size: number, width: number): string {
    const t = printable(text).replace(/\n/g, ' ');
    if (this.surelyFits(t, size, width) || this.measure(t, font, size) <= width) return t;
    return `${t.slice(0, Math.max(1, this.fitLength(t, font, size, width - this.measure('…', font, size))))}…`;
  }

  heading(text: string, level: 1 | 2 | 3 = 1): void {
    const size = level === 1 ? 17 : level === 2 ? 12.5 : 10.5;
    const before = level === 1 ? 0 : 10;
    this.ensure(before + size * 3);
    this.y += before;
    this.at(text, this.x, this.y, 'bold', size, level === 3 ? THEME.ink : THEME.navy);
    this.y += size * 1.35;
    if (level === 1) {
      this.doc.moveTo(this.x, this.y).lineTo(this.x + CONTENT_WIDTH, this.y).lineWidth(1.2).strokeColor(THEME.accent).stroke();
      this.y += 12;
    } else this.y += 3;
  }

  private keyValueLines(r: { value: string; mono?: boolean }, labelWidth: number, dense: boolean): { lines: string[]; size: number; h: number } {
    const size = r.mono ? (dense ? 7.8 : 8.2) : dense ? 9 : 9.5;
    const lines = this.wrap(printable(r.value || 'Not supplied'), r.mono ? 'mono' : 'sans', size, CONTENT_WIDTH - labelWidth - 12);
    return { lines, size, h: Math.max(lines.length * size * (dense ? 1.3 : 1.38), 13) + (dense ? 4 : 7) };
  }

  /** The height `keyValues` takes for these rows (without a page break). */
  keyValuesHeight(rows: readonly { label: string; value: string; mono?: boolean }[], labelWidth = 150, dense = false): number {
    return rows.reduce((n, r) => n + this.keyValueLines(r, labelWidth, dense).h, 0) + 10;
  }

  /** Label/value rows; values wrap, mono values use the monospaced font; `dense` (the cover) packs them closer. */
  keyValues(rows: readonly { label: string; value: string; mono?: boolean }[], labelWidth = 150, dense = false): void {
    const top = dense ? 2.5 : 4;
    for (const [i, r] of rows.entries()) {
      const { lines, size, h } = this.keyValueLines(r, labelWidth, dense);
      this.ensure(h);
      if (i % 2 === 0) this.doc.rect(this.x, this.y, CONTENT_WIDTH, h).fill(THEME.zebra);
      this.at(r.label, this.x + 6, this.y + top + 0.5, 'bold', dense ? 8.2 : 8.6, THEME.muted);
      lines.forEach((line, k) => this.at(line, this.x + labelWidth, this.y + top + k * size * (dense ? 1.3 : 1.38), r.mono ? 'mono' : 'sans', size, r.value ? THEME.ink : THEME.faint));
      this.y += h;
    }
    this.doc.moveTo(this.x, this.y).lineTo(this.x + CONTENT_WIDTH, this.y).lineWidth(0.5).strokeColor(THEME.rule).stroke();
    this.y += 10;
  }

  /** A shaded box of monospaced lines (commands, checkpoints, record text), split across pages if long. */
  monoBox(text: string, opts: { size?: number; title?: string; color?: string } = {}): void {
    const size = opts.size ?? 7.6;
    const pad = 6;
    const lines = this.wrap(printable(text), 'mono', size, CONTENT_WIDTH - 2 * pad);
    const lineHeight = size * 1.42;
    let i = 0;
    while (i < lines.length || (i === 0 && lines.length === 0)) {
      this.ensure(lineHeight + 2 * pad + (opts.title ? 12 : 0));
      const room = Math.max(1, Math.floor((BOTTOM - this.y - 2 * pad - (opts.title && i === 0 ? 12 : 0)) / lineHeight));
      const chunk = lines.slice(i, i + room);
      const h = chunk.length * lineHeight + 2 * pad + (opts.title && i === 0 ? 12 : 0);
      this.doc.rect(this.x, this.y, CONTENT_WIDTH, h).fill(THEME.box);
      this.doc.rect(this.x, this.y, 2, h).fill(opts.color ?? THEME.accent);
      let yy = this.y + pad;
      if (opts.title && i === 0) {
        this.at(opts.title, this.x + pad + 2, yy, 'bold', 7.8, THEME.muted);
        yy += 12;
      }
      for (const line of chunk) {
        this.at(line, this.x + pad + 2, yy, 'mono', size, THEME.ink);
        yy += lineHeight;
      }
      this.y += h;
      i += Math.max(chunk.length, 1);
      if (i < lines.length) this.newPage();
    }
    this.y += 8;
  }
}
