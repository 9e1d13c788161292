// SPDX-License-Identifier: UNLICENSED
// The real-attack folder (../shared/corpus/logs/injections-real/) and its deterministic split. The
// training script and the accuracy test both take the split from here, so a record the model was
// fitted or tuned on can never be counted in a reported figure.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../../helpers/repoRoot.js';

export const REAL_DIR = 'logs/injections-real';
export const SPLIT_SALT = 'evidence-vault/injection-split/1:';
/** u = first 32 bits of SHA-256(salt + request_id) / 2^32. */
export const SPLIT = { trainBelow: 0.45, devBelow: 0.6 } as const;

export type Part = 'train' | 'dev' | 'test';

export interface RealRecord {
  index: number;
  requestId: string;
  prompt: string;
  malicious: boolean;
  atlas: string | null;
  part: Part;
}

export function splitUnit(requestId: string): number {
  return createHash('sha256').update(SPLIT_SALT + requestId, 'utf8').digest().readUInt32BE(0) / 2 ** 32;
}

export function partOf(requestId: string): Part {
  const u = splitUnit(requestId);
  return u < SPLIT.trainBelow ? 'train' : u < SPLIT.devBelow ? 'dev' : 'test';
}

export function realFiles(): { log: string; labels: string } {
  const dir = join(corpusDir(), REAL_DIR);
  return { log: join(dir, 'inference_audit.jsonl'), labels: join(dir, 'labels.json') };
}

export function loadRealSet(): RealRecord[] {
  const files = realFiles();
  const labels = JSON.parse(readFileSync(files.labels, 'utf8')) as { incidents: Array<{ record: number; type: string; atlas: string }> };
  const bad = new Map<number, string>();
  for (const i of labels.incidents) if (i.type === 'ai.prompt_injection') bad.set(i.record, i.atlas);
  const lines = readFileSync(files.log, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, index) => {
    const r = JSON.parse(line) as { request_id: string; prompt: string };
    return { index, requestId: r.request_id, prompt: r.prompt, malicious: bad.has(index), atlas: bad.get(index) ?? null, part: partOf(r.request_id) };
  });
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
