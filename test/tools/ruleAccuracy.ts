// SPDX-License-Identifier: UNLICENSED
// Measures the AI-incident rules against the labelled corpus: the synthetic exports in
// ../shared/corpus/logs/ai/ end to end (the real log reader, schema mapper and PII detectors feed
// the RuleEngine, as on import), and the held-out part of ../shared/corpus/logs/injections-real/.
// Used by test/unit/shared/rules/accuracy.test.ts (asserts) and ruleAccuracyReport.ts (prints).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLogRecords, type LogReadInfo } from '../../electron/services/ingest/logs/readLog.js';
import type { Finding, PiiType } from '../../shared/findings.js';
import { textFields } from '../../shared/logs/commonFields.js';
import { mapRecord } from '../../shared/logs/schemas.js';
import { detectPii } from '../../shared/pii/detect.js';
import { RuleEngine } from '../../shared/rules/engine.js';
import { detectInjection } from '../../shared/rules/injection/index.js';
import { corpusDir } from '../helpers/repoRoot.js';
import { loadRealSet } from './injection/realSet.js';

export const SYNTHETIC_FILES = ['inference_audit.jsonl', 'chat_completions.jsonl', 'support_chatbot.csv'] as const;

export interface RuleFigures {
  labelled: number;
  detected: number;
  recall: number;
  /** Records flagged without the label. */
  falsePositives: number;
  /** Records that could carry the finding and are not labelled with it (the denominator of the rate). */
  negatives: number;
  falsePositiveRate: number;
  /** Labelled hard negatives (benign look-alikes) flagged as this type. */
  hardNegativesFlagged?: number;
}

interface Labels {
  files: Array<{ name: string; malformed: Array<{ record: number }> }>;
  incidents: Array<{ file: string; record: number; type: string; note: string }>;
  bursts: Array<{ file: string; user: string; count: number; records: number[] }>;
  model_changes: Array<{ file: string; record: number }>;
  hard_negatives: Array<{ file: string; record: number }>;
}

interface FileRun {
  findings: Finding[];
  /** Records with a user prompt / with a model response / with a tenant. */
  withPrompt: Set<number>;
  withResponse: Set<number>;
  records: number;
}

async function runFile(path: string): Promise<FileRun> {
  const engine = new RuleEngine();
  const withPrompt = new Set<number>();
  const withResponse = new Set<number>();
  let info: LogReadInfo | undefined;
  let records = 0;
  for await (const r of readLogRecords(path, { onInfo: (i) => (info = i) })) {
    records++;
    if (r.malformed) continue;
    const mapped = mapRecord(r.value, info!.format);
    const pii: Array<{ type: PiiType; start: number; end: number; field: string; value: string; subtype?: string }> = [];
    for (const f of textFields(r.value)) for (const m of detectPii(f.text)) pii.push({ ...m, field: f.pointer, value: f.text.slice(m.start, m.end) });
    if (mapped.fields.prompt) withPrompt.add(r.index);
    if (mapped.fields.response) withResponse.add(r.index);
    engine.observe({ index: r.index, fields: mapped.fields, pii, responsePointers: mapped.responsePointers, promptPointers: mapped.promptPointers });
  }
  return { findings: engine.finish(), withPrompt, withResponse, records };
}

function figures(labelled: Set<number>, flagged: Set<number>, candidates: Set<number>, hard?: Set<number>): RuleFigures {
  let detected = 0;
  for (const r of labelled) if (flagged.has(r)) detected++;
  let falsePositives = 0;
  for (const r of flagged) if (!labelled.has(r)) falsePositives++;
  let negatives = 0;
  for (const r of candidates) if (!labelled.has(r)) negatives++;
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  const out: RuleFigures = { labelled: labelled.size, detected, recall: round(detected / Math.max(1, labelled.size)), falsePositives, negatives, falsePositiveRate: round(falsePositives / Math.max(1, negatives)) };
  if (hard) out.hardNegativesFlagged = [...hard].filter((r) => flagged.has(r)).length;
  return out;
}

export interface SyntheticReport {
  perFile: Record<string, Record<string, RuleFigures>>;
  total: Record<string, RuleFigures>;
  /** Cross-tenant findings whose "first seen" record matches the label's note. */
  crossTenantFirstSeenCorrect: number;
  bursts: Array<{ file: string; user: string; labelledCount: number; foundCount: number; explanation: string }>;
}

const key = (file: string, r: number): string => `${file}#${r}`;

/** Runs every synthetic file through the engine and compares with labels.json. */
export async function measureSynthetic(): Promise<SyntheticReport> {
  const dir = join(corpusDir(), 'logs', 'ai');
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Labels;
  const perFile: SyntheticReport['perFile'] = {};
  const pooled: Record<string, { labelled: Set<string>; flagged: Set<string>; candidates: Set<string>; hard: Set<string> }> = {};
  const pool = (type: string, file: string, labelled: Set<number>, flagged: Set<number>, candidates: Set<number>, hard: Set<number>): void => {
    const p = (pooled[type] ??= { labelled: new Set(), flagged: new Set(), candidates: new Set(), hard: new Set() });
    for (const [from, to] of [[labelled, p.labelled], [flagged, p.flagged], [candidates, p.candidates], [hard, p.hard]] as const) for (const r of from) to.add(key(file, r));
  };
  let firstSeenCorrect = 0;
  const bursts: SyntheticReport['bursts'] = [];
  for (const file of SYNTHETIC_FILES) {
    const run = await runFile(join(dir, file));
    const all = new Set(Array.from({ length: run.records }, (_, i) => i));
    const malformed = new Set(labels.files.find((f) => f.name === file)!.malformed.map((m) => m.record));
    for (const m of malformed) all.delete(m);
    const hard = new Set(labels.hard_negatives.filter((h) => h.file === file).map((h) => h.record));
    const labelledOf = (type: string): Set<number> => new Set(labels.incidents.filter((i) => i.file === file && i.type === type).map((i) => i.record));
    const flaggedOf = (type: string, all = false): Set<number> => new Set(run.findings.filter((f) => f.type === type).flatMap((f) => (all ? f.records : [f.records[0]!])));
    const rows: Record<string, RuleFigures> = {};
    const add = (type: string, labelled: Set<number>, flagged: Set<number>, candidates: Set<number>): void => {
      rows[type] = figures(labelled, flagged, candidates, hard);
      pool(type, file, labelled, flagged, candidates, hard);
    };
    add('ai.prompt_injection', labelledOf('ai.prompt_injection'), flaggedOf('ai.prompt_injection'), run.withPrompt);
    add('ai.system_prompt_exfiltration', labelledOf('ai.system_prompt_exfiltration'), flaggedOf('ai.system_prompt_exfiltration'), run.withPrompt);
    add('ai.response_leak', labelledOf('ai.response_leak'), flaggedOf('ai.response_leak'), run.withResponse);
    add('ai.cross_tenant', labelledOf('ai.cross_tenant'), flaggedOf('ai.cross_tenant'), run.withResponse);
    const burstRecords = new Set(labels.bursts.filter((b) => b.file === file).flatMap((b) => b.records));
    add('ai.burst', burstRecords, flaggedOf('ai.burst', true), all);
    add('ai.model_change', new Set(labels.model_changes.filter((m) => m.file === file).map((m) => m.record)), flaggedOf('ai.model_change'), all);
    perFile[file] = rows;
    for (const i of labels.incidents.filter((x) => x.file === file && x.type === 'ai.cross_tenant')) {
      const want = /at record (\d+)/.exec(i.note)?.[1];
      const f = run.findings.find((x) => x.type === 'ai.cross_tenant' && x.records[0] === i.record);
      if (f && want !== undefined && f.records[1] === Number(want)) firstSeenCorrect++;
    }
    for (const b of labels.bursts.filter((x) => x.file === file)) {
      const f = run.findings.find((x) => x.type === 'ai.burst' && x.records.includes(b.records[0]!));
      bursts.push({ file, user: b.user, labelledCount: b.count, foundCount: f?.records.length ?? 0, explanation: f?.explanation ?? '' });
    }
  }
  const total: Record<string, RuleFigures> = {};
  for (const [type, p] of Object.entries(pooled)) {
    const ids = new Map<string, number>();
    const num = (s: Set<string>): Set<number> => new Set([...s].map((k) => ids.get(k) ?? (ids.set(k, ids.size), ids.size - 1)));
    total[type] = figures(num(p.labelled), num(p.flagged), num(p.candidates), num(p.hard));
  }
  return { perFile, total, crossTenantFirstSeenCorrect: firstSeenCorrect, bursts };
}

export interface RealReport {
  part: 'test';
  all: RuleFigures;
  jailbreakLlms: RuleFigures;
  deepset: RuleFigures;
}

/** The injection detector on the held-out (test) part of the real-attack folder. */
export function measureRealHeldOut(): RealReport {
  const test = loadRealSet().filter((r) => r.part === 'test');
  const flagged = new Set(test.filter((r) => detectInjection(r.prompt) !== null).map((r) => r.index));
  const of = (keep: (atlas: string | null) => boolean): RuleFigures => {
    const subset = test.filter((r) => !r.malicious || keep(r.atlas));
    return figures(new Set(subset.filter((r) => r.malicious).map((r) => r.index)), new Set(subset.filter((r) => flagged.has(r.index)).map((r) => r.index)), new Set(subset.map((r) => r.index)));
  };
  return { part: 'test', all: of(() => true), jailbreakLlms: of((a) => a === 'AML.T0054'), deepset: of((a) => a !== 'AML.T0054') };
}
