// SPDX-License-Identifier: UNLICENSED
// hashdeep's file format and audit (hashdeep 4.4, `hashdeep -c md5,sha256 -r`, `hashdeep -a -vv -k`),
// so manifests pass between the vault and the tools forensic labs already run. The file:
//     %%%% HASHDEEP-1.0
//     %%%% size,md5,sha256,filename
//     ## Invoked from: <working directory>
//     ## # <command line>
//     ##
//     <size>,<md5>,<sha256>,<file name>
// The column line names the hashes (hashdeep also writes sha1, tiger, whirlpool, sha3 when asked);
// the file name is the last column and takes the rest of the line, commas included. A file may hold
// several headers (manifests concatenated with cat); each applies to the rows after it.
//
// The audit classifies each file found as hashdeep does: matched (same name, size and hashes),
// moved (same size and hashes under another known name), partially matched (some hashes agree,
// others do not), or new ("No match"); known entries no file used are "Known file not used". We
// also name `changed`: a file with no match whose name is that of an unused known entry. hashdeep
// reports such a file as new plus a known file not used; the summary counts it that way too, so our
// totals equal hashdeep's.

export const HASHDEEP_HEADER = '%%%% HASHDEEP-1.0';
/** The hashes we compute and compare (hashdeep's tiger, whirlpool and sha3 columns are read and ignored). */
export const SUPPORTED_HASHES = ['md5', 'sha1', 'sha256'] as const;
export type HashName = (typeof SUPPORTED_HASHES)[number];

export interface HashdeepRow {
  size: number;
  hashes: Partial<Record<HashName, string>>;
  name: string;
}

export interface HashdeepFile {
  rows: HashdeepRow[];
  /** Hash columns seen that we do not compute. */
  ignoredColumns: string[];
  problems: string[];
}

/** Writes a manifest. `rows` are written in the order given; names must not hold a newline. */
export function formatHashdeep(rows: readonly HashdeepRow[], invokedFrom: string, commandLine: string, hashes: readonly HashName[] = ['md5', 'sha256']): string {
  const lines = [HASHDEEP_HEADER, `%%%% size,${hashes.join(',')},filename`, `## Invoked from: ${invokedFrom}`, `## # ${commandLine}`, '## '];
  for (const r of rows) lines.push([String(r.size), ...hashes.map((h) => r.hashes[h] ?? ''), r.name].join(','));
  return lines.join('\n') + '\n';
}

export function parseHashdeep(text: string): HashdeepFile {
  const out: HashdeepFile = { rows: [], ignoredColumns: [], problems: [] };
  const lines = text.split(/\r?\n/);
  let columns: string[] | null = null;
  let headerSeen = false;
  lines.forEach((line, i) => {
    if (line === '') return;
    if (line.startsWith('%%%% ')) {
      const rest = line.slice(5);
      if (rest === 'HASHDEEP-1.0') headerSeen = true;
      else if (headerSeen) {
        columns = rest.split(',');
        if (columns[0] !== 'size' || columns.at(-1) !== 'filename') {
          out.problems.push(`line ${i + 1}: a column line must start with size and end with filename`);
          columns = null;
        }
        for (const c of columns?.slice(1, -1) ?? []) if (!(SUPPORTED_HASHES as readonly string[]).includes(c) && !out.ignoredColumns.includes(c)) out.ignoredColumns.push(c);
      }
      return;
    }
    if (line.startsWith('#')) return;
    if (!columns) {
      out.problems.push(`line ${i + 1}: a row before any "%%%% size,…,filename" header`);
      return;
    }
    const cols: string[] = columns;
    const parts = line.split(',');
    if (parts.length < cols.length) {
      out.problems.push(`line ${i + 1}: ${parts.length} fields, the header has ${cols.length}`);
      return;
    }
    const fixed = parts.slice(0, cols.length - 1);
    const name = parts.slice(cols.length - 1).join(',');
    const size = Number(fixed[0]);
    if (!/^\d+$/.test(fixed[0]!) || !Number.isSafeInteger(size)) {
      out.problems.push(`line ${i + 1}: size ${JSON.stringify(fixed[0])} is not a number`);
      return;
    }
    const hashes: HashdeepRow['hashes'] = {};
    cols.slice(1, -1).forEach((c, j) => {
      if ((SUPPORTED_HASHES as readonly string[]).includes(c)) hashes[c as HashName] = fixed[j + 1]!.toLowerCase();
    });
    out.rows.push({ size, hashes, name });
  });
  if (!headerSeen) out.problems.unshift(`not a hashdeep file: no "${HASHDEEP_HEADER}" line`);
  return out;
}

export type AuditStatus = 'matched' | 'moved' | 'partial' | 'new' | 'changed';

export interface AuditEntry {
  name: string;
  status: AuditStatus;
  /** moved: the known name; changed/partial: the known entry compared. */
  known?: string;
}

export interface AuditResult {
  passed: boolean;
  files: AuditEntry[];
  /** Known entries no file matched, changed excluded. */
  missing: string[];
  /** hashdeep's own summary counts (a changed file is one new file and one known file not found). */
  counts: { matched: number; partial: number; moved: number; new: number; missing: number; changed: number };
}

type Compare = 'all' | 'some' | 'none';

function compare(known: HashdeepRow, found: HashdeepRow): Compare {
  const names = SUPPORTED_HASHES.filter((h) => known.hashes[h] && found.hashes[h]);
  if (names.length === 0) return 'none';
  const equal = names.filter((h) => known.hashes[h] === found.hashes[h]).length;
  if (equal === names.length && known.size === found.size) return 'all';
  return equal > 0 ? 'some' : 'none';
}

export function auditHashdeep(known: readonly HashdeepRow[], found: readonly HashdeepRow[]): AuditResult {
  const byHash = new Map<string, number[]>();
  const key = (r: HashdeepRow) => SUPPORTED_HASHES.map((h) => r.hashes[h] ?? '').find((v) => v !== '') ?? '';
  known.forEach((r, i) => byHash.set(key(r), [...(byHash.get(key(r)) ?? []), i]));
  const byName = new Map(known.map((r, i) => [r.name, i]));
  const used = new Set<number>();
  const files: AuditEntry[] = [];
  const unmatched: HashdeepRow[] = [];
  // Exact matches first, so a copy elsewhere is "moved" only when the original is not there.
  const pass2: HashdeepRow[] = [];
  for (const f of found) {
    const i = byName.get(f.name);
    if (i !== undefined && compare(known[i]!, f) === 'all') {
      used.add(i);
      files.push({ name: f.name, status: 'matched' });
    } else pass2.push(f);
  }
  for (const f of pass2) {
    const candidates = (byHash.get(key(f)) ?? []).filter((i) => compare(known[i]!, f) === 'all');
    const i = candidates.find((c) => !used.has(c)) ?? candidates[0];
    if (i !== undefined) {
      used.add(i);
      files.push({ name: f.name, status: 'moved', known: known[i]!.name });
      continue;
    }
    const partial = known.findIndex((k) => compare(k, f) === 'some');
    if (partial >= 0) {
      used.add(partial);
      files.push({ name: f.name, status: 'partial', known: known[partial]!.name });
      continue;
    }
    unmatched.push(f);
  }
  let changed = 0;
  for (const f of unmatched) {
    const i = byName.get(f.name);
    if (i !== undefined && !used.has(i)) {
      used.add(i);
      changed++;
      files.push({ name: f.name, status: 'changed', known: f.name });
    } else files.push({ name: f.name, status: 'new' });
  }
  const missing = known.map((k, i) => (used.has(i) ? null : k.name)).filter((n): n is string => n !== null);
  const count = (s: AuditStatus) => files.filter((e) => e.status === s).length;
  const counts = { matched: count('matched'), partial: count('partial'), moved: count('moved'), new: count('new') + changed, missing: missing.length + changed, changed };
  return { passed: counts.partial + counts.moved + counts.new + counts.missing === 0, files, missing, counts };
}

/** The audit as `hashdeep -a -vv` prints it (our "changed" lines added), ending with the summary. */
export function describeAudit(r: AuditResult, tool = 'evault'): string[] {
  const out: string[] = [];
  for (const f of r.files) {
    if (f.status === 'moved') out.push(`${f.name}: Moved from ${f.known}`);
    else if (f.status === 'partial') out.push(`${f.name}: Partial match of ${f.known}`);
    else if (f.status === 'new') out.push(`${f.name}: No match`);
    else if (f.status === 'changed') out.push(`${f.name}: Changed (hashdeep: No match + Known file not used)`);
  }
  for (const m of r.missing) out.push(`${m}: Known file not used`);
  const c = r.counts;
  out.push(`${tool}: Audit ${r.passed ? 'passed' : 'failed'}`);
  out.push(`          Files matched: ${c.matched}`, `Files partially matched: ${c.partial}`, `            Files moved: ${c.moved}`, `        New files found: ${c.new}`, `  Known files not found: ${c.missing}`);
  if (c.changed) out.push(`          Files changed: ${c.changed} (counted above as new and not found, as hashdeep does)`);
  return out;
}
