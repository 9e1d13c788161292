// SPDX-License-Identifier: UNLICENSED
// The labelled model corpus (../shared/corpus/labels.json, provenance in SOURCES.md) and the rule
// the issue sets: every dangerous sample flagged dangerous or suspicious, every safe one safe.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../../helpers/repoRoot.js';
import type { ModelInspection } from '../../../shared/models/types.js';

export interface CorpusLabel {
  path: string;
  format: string;
  expected: string;
  dangerous_globals: string[];
  sha256: string;
  facts: Record<string, unknown>;
  notes?: string;
}

export function modelLabels(): CorpusLabel[] {
  const all = JSON.parse(readFileSync(join(corpusDir(), 'labels.json'), 'utf8')) as CorpusLabel[];
  return all.filter((l) => l.path.startsWith('models/'));
}

export const corpusPath = (l: CorpusLabel): string => join(corpusDir(), l.path);

/** Whether an inspection meets the label: the rule for dangerous and safe, "answered at all" otherwise. */
export function meetsLabel(l: CorpusLabel, r: ModelInspection): boolean {
  if (l.expected === 'dangerous') return r.verdict === 'dangerous' || r.verdict === 'suspicious';
  if (l.expected === 'safe') return r.verdict === 'safe';
  if (l.expected === 'invalid') return r.verdict === 'invalid';
  return r.verdict !== 'dangerous'; // not-a-model: must not crash, and must not be called malicious
}

/** Rows: expected label; columns: our verdict ('none' where a format carries no verdict). */
export function confusionTable(rows: { expected: string; got: string }[]): string {
  const cols = ['safe', 'suspicious', 'dangerous', 'invalid', 'none'];
  const labels = [...new Set(rows.map((r) => r.expected))].sort();
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['expected \\ verdict', ...cols, 'total']),
    line(['---', ...cols.map(() => '---:'), '---:']),
    ...labels.map((e) => line([e, ...cols.map((c) => rows.filter((r) => r.expected === e && r.got === c).length), rows.filter((r) => r.expected === e).length])),
  ].join('\n');
}
