// SPDX-License-Identifier: UNLICENSED
// Speed: pdfkit shapes every distinct word through fontkit's OpenType engine (GSUB/GPOS), about
// 0.1 ms a word. A report of 10,000 custody events prints some 30,000 distinct hex digests,
// sequence numbers and times in the monospaced font, where shaping changes nothing: each ASCII
// character is one glyph 600/1000 em wide. For that font only, ASCII runs are laid out directly
// from the cmap. The glyphs, widths and ToUnicode map pdfkit writes are the same (the pdftotext
// and font tests check the text still extracts), only faster. Relies on pdfkit 0.20.2's
// EmbeddedFont.layoutRun(text, features) → { glyphs, positions, advanceWidth } (scaled).

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface EmbeddedFontInternals {
  scale: number;
  font: { glyphForCodePoint(cp: number): Glyph };
  layoutRun(text: string, features?: unknown): unknown;
  __evaultFast?: boolean;
}

const ASCII = /^[\x20-\x7e]*$/;

export function useFastMonoLayout(embedded: unknown): void {
  const f = embedded as EmbeddedFontInternals;
  if (!f || typeof f.layoutRun !== 'function' || !f.font || f.__evaultFast) return;
  const original = f.layoutRun.bind(f);
  f.layoutRun = (text: string, features?: unknown) => {
    if (features || !ASCII.test(text)) return original(text, features);
    const glyphs = Array.from(text, (ch) => f.font.glyphForCodePoint(ch.charCodeAt(0)));
    const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth * f.scale, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: g.advanceWidth * f.scale }));
    return { glyphs, positions, advanceWidth: positions.reduce((n, p) => n + p.xAdvance, 0) };
  };
  f.__evaultFast = true;
}
