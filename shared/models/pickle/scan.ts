// SPDX-License-Identifier: UNLICENSED
// Scans a byte stream that holds one or more pickles and judges what they import. Concatenated
// pickles are all read, because a loader calling pickle.load in a loop (or PyTorch's legacy format,
// five pickles in a row) runs every one; bytes after the last pickle that are not a pickle (and so
// cannot import anything) are reported as trailing data, not scanned as code.
import { DEFAULT_PICKLE_LIMITS, parsePickle, type ParsedPickle, type PickleHooks, type PickleLimits } from './parse.js';
import { classifyGlobal, globalName } from './rules.js';

export type Verdict = 'safe' | 'suspicious' | 'dangerous' | 'invalid';

export interface PickleVerdict {
  verdict: Verdict;
  /** Every import found, 'module.name', sorted. */
  globals: string[];
  dangerous: string[];
  suspicious: string[];
  /** Why the verdict is not safe: the dangerous imports, the parse error. */
  reason?: string;
}

export interface PickleScan extends PickleVerdict {
  pickles: { offset: number; end: number; protocol: number; opcodes: number; error?: string }[];
  /** Bytes after the last pickle that are not part of one. */
  trailing?: { offset: number; length: number };
  notes: string[];
}

export interface PickleScanOptions {
  /** Read at most this many pickles (PyTorch's legacy format: five, then raw storage bytes). */
  maxPickles?: number;
  hooks?: PickleHooks;
  limits?: PickleLimits;
}

const RANK: Record<Verdict, number> = { safe: 0, invalid: 1, suspicious: 2, dangerous: 3 };
const MAX_LISTED = 1000;

export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'safe';
  for (const v of verdicts) if (RANK[v] > RANK[worst]) worst = v;
  return worst;
}

export function scanPickles(data: Uint8Array, options: PickleScanOptions = {}): PickleScan {
  const maxPickles = options.maxPickles ?? Number.POSITIVE_INFINITY;
  const parsed: ParsedPickle[] = [];
  const notes: string[] = [];
  let trailing: PickleScan['trailing'];
  let pos = 0;
  while (pos < data.length && parsed.length < maxPickles) {
    const p = parsePickle(data, pos, options.hooks, options.limits ?? DEFAULT_PICKLE_LIMITS);
    if (p.error && parsed.length > 0 && p.globals.length === 0) {
      // Not another pickle: nothing here can import, so it is data, not code.
      trailing = { offset: pos, length: data.length - pos };
      notes.push(`${data.length - pos} bytes after the last pickle are not a pickle (${p.error})`);
      break;
    }
    parsed.push(p);
    notes.push(...p.notes);
    if (p.error) break;
    pos = p.end;
  }
  if (!trailing && pos < data.length && parsed.length >= maxPickles && !parsed.at(-1)?.error) trailing = { offset: pos, length: data.length - pos };
  // A state_dict imports the same few callables thousands of times: judge each distinct one once.
  const distinct = new Map<string, { name: string; safety: 'safe' | 'suspicious' | 'dangerous' }>();
  for (const p of parsed) {
    for (const r of p.globals) {
      const key = `${r.module === null ? '\u0001' : r.module}\u0000${r.name === null ? '\u0001' : r.name}`;
      if (!distinct.has(key)) distinct.set(key, { name: globalName(r.module, r.name), safety: classifyGlobal(r.module, r.name) });
    }
  }
  const error = parsed.find((p) => p.error);
  const verdict = judge(
    [...distinct.values()],
    data.length === 0 ? 'the data is empty' : error ? `not a valid pickle at offset ${error.end}: ${error.error}` : undefined,
  );
  if (parsed.length > 1) notes.unshift(`${parsed.length} pickles in sequence`);
  return {
    ...verdict,
    pickles: parsed.map((p) => ({ offset: p.offset, end: p.end, protocol: p.protocol, opcodes: p.opcodes, ...(p.error ? { error: p.error } : {}) })),
    ...(trailing ? { trailing } : {}),
    notes,
  };
}

/** The verdict for a set of classified imports and, if parsing failed, why. */
export function judge(found: readonly { name: string; safety: 'safe' | 'suspicious' | 'dangerous' }[], parseError?: string): PickleVerdict {
  const globals = new Set<string>();
  const dangerous = new Set<string>();
  const suspicious = new Set<string>();
  for (const { name, safety } of found) {
    globals.add(name);
    if (safety === 'dangerous') dangerous.add(name);
    else if (safety === 'suspicious') suspicious.add(name);
  }
  const verdict: Verdict = dangerous.size > 0 ? 'dangerous' : suspicious.size > 0 ? 'suspicious' : parseError ? 'invalid' : 'safe';
  const reasons: string[] = [];
  if (dangerous.size > 0) reasons.push(`imports ${list(dangerous)}`);
  else if (suspicious.size > 0) reasons.push(`imports ${list(suspicious)}, which no legitimate checkpoint needs`);
  if (parseError) reasons.push(parseError);
  return {
    verdict,
    globals: capped(globals),
    dangerous: capped(dangerous),
    suspicious: capped(suspicious),
    ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
  };
}

/** Several verdicts (the pickles of one archive) as one: the worst verdict, every import, each reason labelled. */
export function mergeVerdicts(parts: readonly { label: string; verdict: PickleVerdict }[]): PickleVerdict {
  const union = (key: 'globals' | 'dangerous' | 'suspicious'): string[] => capped(new Set(parts.flatMap((p) => p.verdict[key])));
  const reasons = parts.filter((p) => p.verdict.reason).map((p) => `${p.label}: ${p.verdict.reason}`);
  return {
    verdict: worstVerdict(parts.map((p) => p.verdict.verdict)),
    globals: union('globals'),
    dangerous: union('dangerous'),
    suspicious: union('suspicious'),
    ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
  };
}

function capped(set: Set<string>): string[] {
  const sorted = [...set].sort();
  return sorted.length > MAX_LISTED ? [...sorted.slice(0, MAX_LISTED), `… ${sorted.length - MAX_LISTED} more`] : sorted;
}

function list(set: Set<string>): string {
  const items = [...set].sort();
  return items.length > 10 ? `${items.slice(0, 10).join(', ')} and ${items.length - 10} more` : items.join(', ');
}
