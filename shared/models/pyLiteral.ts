// SPDX-License-Identifier: UNLICENSED
// The subset of Python literal syntax NumPy writes in .npy headers (what ast.literal_eval would
// accept there): dicts, tuples, lists, strings, integers, True/False/None. Bounded depth; anything
// else is refused, never evaluated.
import { malformed } from './errors.js';

export type PyLiteral = string | number | boolean | null | PyLiteral[] | { [key: string]: PyLiteral };

const MAX_DEPTH = 32;

export function parsePyLiteral(text: string): PyLiteral {
  let p = 0;
  const ws = (): void => {
    while (p < text.length && /\s/.test(text[p]!)) p++;
  };
  const fail = (what: string): never => {
    throw malformed(`.npy header: ${what} at character ${p}`);
  };
  const value = (depth: number): PyLiteral => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    ws();
    const ch = text[p];
    if (ch === '{' || ch === '(' || ch === '[') {
      const close = ch === '{' ? '}' : ch === '(' ? ')' : ']';
      p++;
      const items: PyLiteral[] = [];
      const dict: Record<string, PyLiteral> = {};
      for (;;) {
        ws();
        if (text[p] === close) {
          p++;
          break;
        }
        const item = value(depth + 1);
        if (ch === '{') {
          ws();
          if (text[p] !== ':' || typeof item !== 'string') fail('expected a string key and ":"');
          p++;
          dict[item as string] = value(depth + 1);
        } else items.push(item);
        ws();
        if (text[p] === ',') p++;
        else if (text[p] !== close) fail(`expected "," or "${close}"`);
      }
      return ch === '{' ? dict : items;
    }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, p + 1);
      if (end < 0) fail('unterminated string');
      const s = text.slice(p + 1, end);
      if (s.includes('\\')) fail('escapes in a string');
      p = end + 1;
      return s;
    }
    const word = /^(True|False|None|[+-]?\d+L?)/.exec(text.slice(p, p + 32));
    if (!word) return fail('unexpected input');
    p += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    const n = Number(word[0].replace(/L$/, ''));
    if (!Number.isSafeInteger(n)) fail('integer too large');
    return n;
  };
  const out = value(0);
  ws();
  if (p !== text.length) fail('trailing characters');
  return out;
}
