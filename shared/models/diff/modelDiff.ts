// SPDX-License-Identifier: UNLICENSED
// What changed between two model artifacts (files or folders), from their tensor digests and their
// inspections: tensors added, removed, renamed (same bytes, dtype and shape under a new name),
// retyped, reshaped or with different bytes; and every named fact that changed — safetensors
// metadata, GGUF keys, config.json, generation_config.json, tokenizer config, chat template digest,
// model card front matter, and for folders the digests of the non-weight files. The element-wise
// statistics of changed floating-point tensors are filled in by the caller, which has the bytes.
import type { FloatDiffStats } from './floatDiff.js';
import { floatKind } from './floatDiff.js';
import type { ModelInspection } from '../types.js';

export interface DiffTensor {
  name: string;
  dtype: string;
  shape: number[];
  sha256: string;
  length: number;
}

export interface DiffSide {
  label: string;
  format: string;
  sha256?: string;
  weightsRoot?: string;
  metadataSha256?: string;
  tensors: DiffTensor[];
  /** Named facts compared one by one (see keysOf). */
  keys: Record<string, string>;
}

export interface ChangedTensor {
  name: string;
  dtype: string;
  shape: number[];
  /** Float tensors of equal dtype and shape: compared element by element. */
  comparable: boolean;
  elements?: FloatDiffStats;
}

export interface ModelDiff {
  a: { label: string; format: string; sha256?: string; weightsRoot?: string; tensors: number };
  b: { label: string; format: string; sha256?: string; weightsRoot?: string; tensors: number };
  filesIdentical: boolean;
  weightsIdentical: boolean;
  metadataIdentical: boolean;
  tensors: {
    identical: number;
    added: string[];
    removed: string[];
    renamed: { from: string; to: string }[];
    dtypeChanged: { name: string; from: string; to: string }[];
    shapeChanged: { name: string; from: number[]; to: number[] }[];
    bytesChanged: ChangedTensor[];
  };
  keys: { added: { key: string; value: string }[]; removed: { key: string; value: string }[]; changed: { key: string; from: string; to: string }[] };
  headlines: string[];
}

const clip = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/** The facts of an inspection compared by model-diff, as "group.key" → text. */
export function keysOf(r: ModelInspection): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (prefix: string, flat: Record<string, string> | undefined, skip?: (k: string) => boolean): void => {
    for (const [k, v] of Object.entries(flat ?? {})) if (!skip?.(k)) out[`${prefix}.${k}`] = v;
  };
  if (r.safetensors?.metadata) put('metadata', r.safetensors.metadata);
  if (r.gguf) for (const [k, v] of Object.entries(r.gguf.metadata)) out[`gguf.${k}`] = JSON.stringify(v);
  if (r.onnx) {
    const o = r.onnx;
    Object.assign(out, { 'onnx.ir_version': String(o.irVersion), 'onnx.producer': `${o.producerName ?? ''} ${o.producerVersion ?? ''}`.trim(), 'onnx.opsets': JSON.stringify(o.opsetImport), 'onnx.graph': String(o.graphName), 'onnx.nodes': String(o.nodeCount), 'onnx.op_types': JSON.stringify(o.opTypes) });
  }
  const f = r.folder;
  if (f) {
    put('config', f.config?.flat);
    put('generation_config', f.generationConfig?.flat);
    put('tokenizer_config', f.tokenizer?.config?.flat, (k) => k.startsWith('chat_template'));
    if (f.tokenizer?.tokenizerJson) out['tokenizer.json.sha256'] = f.tokenizer.tokenizerJson.sha256;
    for (const [name, d] of Object.entries(f.tokenizer?.chatTemplates ?? {})) out[`chat_template.${name}.sha256`] = d;
    if (f.card) for (const [k, v] of Object.entries(f.card.values)) out[`card.${k}`] = typeof v === 'string' ? v : JSON.stringify(v);
    const weightFiles = new Set(f.weightFiles);
    for (const file of f.files) {
      if (file.sha256 && !weightFiles.has(file.name)) out[`file.${file.name}`] = file.sha256;
      for (const [k, v] of Object.entries(file.metadata ?? {})) out[`metadata.${file.name}:${k}`] = v;
    }
  }
  return out;
}

export function diffModels(a: DiffSide, b: DiffSide): ModelDiff {
  const byName = (ts: DiffTensor[]) => new Map(ts.map((t) => [t.name, t]));
  const A = byName(a.tensors);
  const B = byName(b.tensors);
  const t: ModelDiff['tensors'] = { identical: 0, added: [], removed: [], renamed: [], dtypeChanged: [], shapeChanged: [], bytesChanged: [] };
  for (const [name, x] of A) {
    const y = B.get(name);
    if (!y) continue;
    if (x.dtype !== y.dtype) t.dtypeChanged.push({ name, from: x.dtype, to: y.dtype });
    else if (x.shape.join(',') !== y.shape.join(',')) t.shapeChanged.push({ name, from: x.shape, to: y.shape });
    else if (x.sha256 !== y.sha256) t.bytesChanged.push({ name, dtype: x.dtype, shape: x.shape, comparable: floatKind(x.dtype) !== undefined });
    else t.identical++;
  }
  // Renamed: a tensor only in A whose bytes, dtype and shape are those of a tensor only in B.
  const onlyB = new Map<string, string[]>();
  for (const [name, y] of B) {
    if (A.has(name)) continue;
    const k = `${y.sha256}|${y.dtype}|${y.shape.join(',')}`;
    onlyB.set(k, [...(onlyB.get(k) ?? []), name]);
  }
  for (const [name, x] of A) {
    if (B.has(name)) continue;
    const candidates = onlyB.get(`${x.sha256}|${x.dtype}|${x.shape.join(',')}`);
    const to = candidates?.shift();
    if (to !== undefined) t.renamed.push({ from: name, to });
    else t.removed.push(name);
  }
  for (const names of onlyB.values()) t.added.push(...names);
  t.added.sort();
  t.removed.sort();
  t.renamed.sort((p, q) => (p.from < q.from ? -1 : 1));

  const keys: ModelDiff['keys'] = { added: [], removed: [], changed: [] };
  for (const [k, v] of Object.entries(a.keys)) {
    if (!(k in b.keys)) keys.removed.push({ key: k, value: clip(v) });
    else if (b.keys[k] !== v) keys.changed.push({ key: k, from: clip(v), to: clip(b.keys[k]!) });
  }
  for (const [k, v] of Object.entries(b.keys)) if (!(k in a.keys)) keys.added.push({ key: k, value: clip(v) });

  const weightsIdentical = a.weightsRoot !== undefined ? a.weightsRoot === b.weightsRoot : t.identical === a.tensors.length && a.tensors.length === b.tensors.length;
  const keyChanges = keys.added.length + keys.removed.length + keys.changed.length;
  const metadataIdentical = keyChanges === 0 && (a.metadataSha256 === undefined || b.metadataSha256 === undefined || a.metadataSha256 === b.metadataSha256);
  const diff: ModelDiff = {
    a: side(a),
    b: side(b),
    filesIdentical: a.sha256 !== undefined && a.sha256 === b.sha256,
    weightsIdentical,
    metadataIdentical,
    tensors: t,
    keys,
    headlines: [],
  };
  diff.headlines = headlines(diff);
  return diff;
}

function side(s: DiffSide): ModelDiff['a'] {
  return { label: s.label, format: s.format, ...(s.sha256 ? { sha256: s.sha256 } : {}), ...(s.weightsRoot ? { weightsRoot: s.weightsRoot } : {}), tensors: s.tensors.length };
}

function headlines(d: ModelDiff): string[] {
  const out: string[] = [];
  if (d.filesIdentical) return ['identical: the same bytes'];
  if (d.weightsIdentical) out.push(d.metadataIdentical ? 'weights identical, metadata identical' : 'weights identical, metadata changed');
  else {
    const t = d.tensors;
    const parts = [
      [t.bytesChanged.length, 'with different bytes'],
      [t.added.length, 'added'],
      [t.removed.length, 'removed'],
      [t.renamed.length, 'renamed'],
      [t.dtypeChanged.length, 'with a new dtype'],
      [t.shapeChanged.length, 'with a new shape'],
    ].filter(([n]) => (n as number) > 0);
    out.push(`weights differ: ${parts.map(([n, what]) => `${n as number} tensor(s) ${what as string}`).join(', ') || 'different weights root'}`);
    if (!d.metadataIdentical) out.push('metadata changed');
  }
  const changedKeys = [...d.keys.added, ...d.keys.removed, ...d.keys.changed].map((k) => k.key);
  const group = (prefix: string) => changedKeys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  if (group('chat_template.').length) out.push('tokenizer chat template changed');
  const named: [string, string][] = [['config.', 'config keys changed'], ['generation_config.', 'generation config keys changed'], ['tokenizer_config.', 'tokenizer config keys changed'], ['card.', 'model card keys changed'], ['metadata.', 'metadata keys changed'], ['gguf.', 'GGUF metadata keys changed'], ['onnx.', 'ONNX header changed']];
  for (const [prefix, what] of named) {
    const g = group(prefix);
    if (g.length) out.push(`${what}: ${g.slice(0, 8).join(', ')}${g.length > 8 ? `, … (${g.length})` : ''}`);
  }
  if (group('tokenizer.json.').length) out.push('tokenizer.json changed');
  return out;
}
