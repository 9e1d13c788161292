// SPDX-License-Identifier: UNLICENSED
// The YAML front matter of a Hugging Face model card (README.md between two `---` lines), read with a
// deliberately small subset of YAML 1.2 instead of a YAML library: model cards use top-level
// `key: scalar`, flow lists `[a, b]`, block lists `- item` and nested mappings (model-index). This
// reader takes exactly those, keeps nested mappings as their raw text, and refuses what a subset
// must not guess at (anchors, aliases, tags, which in full YAML libraries have led to object
// construction and billion-laughs expansion) with a named problem instead of a value. Bounded: the
// front matter is cut at 64 KiB, so a hostile card costs nothing.

export type FrontMatterValue = string | string[];

export interface FrontMatter {
  /** Top-level keys: a scalar, or a list of scalars. Nested mappings are absent (see `nested`). */
  values: Record<string, FrontMatterValue>;
  /** Keys whose value is a nested mapping or a list of mappings, kept unparsed. */
  nested: string[];
  /** What was not read, line by line. */
  problems: string[];
}

export const MAX_FRONT_MATTER = 64 * 1024;

/** The front matter block of a markdown text, or null when it has none. */
export function frontMatterBlock(text: string): string | null {
  const t = text.replace(/^\uFEFF/, '');
  if (!/^---[ \t]*\r?\n/.test(t)) return null;
  const body = t.slice(t.indexOf('\n') + 1);
  const end = /^(---|\.\.\.)[ \t]*$/m.exec(body);
  if (!end) return null;
  return body.slice(0, end.index);
}

export function parseFrontMatter(block: string): FrontMatter {
  const out: FrontMatter = { values: Object.create(null) as Record<string, FrontMatterValue>, nested: [], problems: [] };
  if (block.length > MAX_FRONT_MATTER) {
    out.problems.push(`front matter of ${block.length} characters cut at ${MAX_FRONT_MATTER}`);
    block = block.slice(0, MAX_FRONT_MATTER);
  }
  const lines = block.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = stripComment(lines[i]!);
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      out.problems.push(`line ${i + 1}: indented line outside a key`);
      continue;
    }
    const m = /^([^:#[\]{}]+?)\s*:(?:\s+(.*))?$/.exec(line);
    if (!m) {
      out.problems.push(`line ${i + 1}: not a "key: value" line`);
      continue;
    }
    const key = unquote(m[1]!.trim());
    const rest = (m[2] ?? '').trim();
    // The lines indented under this key.
    const children: string[] = [];
    while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || /^\s|^-\s|^-$/.test(lines[i + 1]!))) children.push(lines[++i]!);
    if (rest === '|' || rest === '>' || /^[|>][+-]?$/.test(rest)) {
      out.values[key] = blockScalar(children, rest.startsWith('>'));
      continue;
    }
    if (rest !== '') {
      const v = scalarOrFlow(rest);
      if (typeof v === 'object' && 'problem' in v) out.problems.push(`${key}: ${v.problem}`);
      else out.values[key] = v;
      continue;
    }
    const items = children.map(stripComment).filter((l) => l.trim() !== '');
    if (items.length === 0) {
      out.values[key] = '';
      continue;
    }
    if (items.every((l) => /^\s*-(\s|$)/.test(l))) {
      const list: string[] = [];
      let mapping = false;
      for (const l of items) {
        const item = l.replace(/^\s*-\s*/, '');
        if (/^[^'"[{][^:]*:(\s|$)/.test(item)) mapping = true;
        const v = scalarOrFlow(item);
        if (typeof v === 'string') list.push(v);
        else if (Array.isArray(v)) list.push(...v);
        else out.problems.push(`${key}: ${v.problem}`);
      }
      if (mapping) out.nested.push(key);
      else out.values[key] = list;
      continue;
    }
    out.nested.push(key);
  }
  return out;
}

function scalarOrFlow(text: string): FrontMatterValue | { problem: string } {
  if (/^[&*!]/.test(text)) return { problem: `anchors, aliases and tags are not read (${JSON.stringify(text.slice(0, 40))})` };
  if (text.startsWith('{')) return { problem: 'flow mappings are not read' };
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return { problem: 'a flow list that does not end on its line' };
    const inner = text.slice(1, -1).trim();
    if (inner === '') return [];
    const items = splitFlow(inner);
    if (items.some((s) => /^[[{&*!]/.test(s))) return { problem: 'nested flow collections, anchors and tags are not read' };
    return items.map(unquote);
  }
  return unquote(text);
}

/** Splits "a, 'b, c', d" at the commas outside quotes. */
function splitFlow(inner: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const ch of inner) {
    if (quote) {
      cur += ch;
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string; // YAML double-quoted escapes are a superset; the common ones agree
    } catch {
      return s.slice(1, -1);
    }
  }
  return s;
}

/** Drops a `# comment` that starts a line or follows whitespace outside quotes. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

function blockScalar(children: string[], folded: boolean): string {
  const lines = children.map((l) => l.replace(/\r$/, ''));
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  const body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
  return folded ? body.join(' ').replace(/\s+/g, ' ').trim() : body.join('\n').replace(/\n+$/, '');
}
