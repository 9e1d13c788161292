// SPDX-License-Identifier: UNLICENSED
// Mutation robustness: every corpus model file with bytes flipped, cut, inserted and deleted (seeded,
// so failures replay), plus random garbage. Inspection must always answer — a verdict or "not
// inspected" — and never hit an internal error: every failure is a coded, explained one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nodeInflateRaw } from '../../../electron/services/ingest/models/inspectModelFile.js';
import { inspectModelBytes } from '../../../shared/models/inspect.js';
import { corpusPath, modelLabels } from './corpusLabels.js';

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(r() * n);
  switch (pick(4)) {
    case 0: {
      const out = src.slice();
      for (let i = 0, n = 1 + pick(8); i < n && out.length > 0; i++) out[pick(out.length)] = pick(256);
      return out;
    }
    case 1:
      return src.subarray(0, pick(src.length + 1));
    case 2: {
      const at = pick(src.length + 1);
      const junk = Uint8Array.from({ length: 1 + pick(16) }, () => pick(256));
      const out = new Uint8Array(src.length + junk.length);
      out.set(src.subarray(0, at));
      out.set(junk, at);
      out.set(src.subarray(at), at + junk.length);
      return out;
    }
    default: {
      const n = Math.min(src.length, pick(16));
      const at = pick(src.length - n + 1);
      const out = new Uint8Array(src.length - n);
      out.set(src.subarray(0, at));
      out.set(src.subarray(at + n), at);
      return out;
    }
  }
}

test('mutated corpus files and random bytes: always an answer, never an internal error', async () => {
  const r = rng(20260704);
  const failures: string[] = [];
  let runs = 0;
  const check = async (label: string, bytes: Uint8Array): Promise<void> => {
    runs++;
    try {
      const result = await inspectModelBytes(bytes, { inflateRaw: nodeInflateRaw });
      const internal = result.notes.find((n) => n.startsWith('internal error'));
      if (internal) failures.push(`${label}: ${internal}`);
    } catch (err) {
      failures.push(`${label}: threw ${(err as Error).stack ?? String(err)}`);
    }
  };
  for (const l of modelLabels()) {
    const original = readFileSync(corpusPath(l));
    // Large files get fewer rounds: the point is structure, and their structure is in the header.
    const rounds = original.length > 20_000 ? 15 : 60;
    for (let i = 0; i < rounds; i++) await check(`${l.path} mutation ${i}`, mutate(original, r));
  }
  for (let i = 0; i < 300; i++) await check(`random ${i}`, Uint8Array.from({ length: Math.floor(r() * 512) }, () => Math.floor(r() * 256)));
  assert.ok(runs > 3000);
  assert.deepEqual(failures.slice(0, 10), []);
});
