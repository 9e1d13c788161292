// SPDX-License-Identifier: UNLICENSED
// A model folder (a Hugging Face snapshot, a sharded checkpoint) as one unit: the files it holds, with
// their roles, digests and inspections; the facts its config, tokenizer and card state; the shard
// index checked against the shards; and one weights root over every tensor of the model, whichever
// shard holds it. Pure: the Node side reads the files (once, for their digests) and passes in what it
// found; the same function serves the import, `evault inspect DIR` and `evault model-diff`.
import { canonicalize } from '../../canonicalJson.js';
import { sha256Hex } from '../../crypto/sha256.js';
import { worstVerdict, type Verdict } from '../pickle/scan.js';
import { INSPECTOR_VERSION, type ModelInspection } from '../types.js';
import { weightsRoot, type TensorDigest } from '../weights.js';
import { cardFacts, configFacts, generationFacts, parseJsonObject, tokenizerConfigFacts, tokenizerJsonFacts, type CardFacts, type ConfigFacts, type JsonFileFacts, type TokenizerFacts } from './folderFacts.js';
import { checkShardIndex, type ShardContent, type ShardIndexView } from './shardIndex.js';

export type FolderRole = 'weights' | 'model' | 'config' | 'generation-config' | 'tokenizer' | 'tokenizer-config' | 'chat-template' | 'card' | 'shard-index' | 'other';

/** What the Node side knows of one file of the folder. */
export interface FolderMember {
  /** Path inside the folder, POSIX separators. */
  name: string;
  size: number;
  sha256?: string;
  /** The model inspection, when the file is a model artifact. */
  inspection?: ModelInspection;
  /** Tensor digests from the file's single read (absent for a header-only look). */
  weights?: { tensors: (TensorDigest & { offset: number; length: number })[]; metadataSha256: string };
  /** The bytes of the descriptive files (see `needsText`). */
  text?: Uint8Array;
}

export interface FolderFileView {
  name: string;
  size: number;
  sha256?: string;
  role: FolderRole;
  format?: string;
  verdict?: Verdict;
  tensors?: number;
  /** A safetensors file's "__metadata__" (compared by model-diff). */
  metadata?: Record<string, string>;
}

export interface FolderWeights {
  root: string;
  tensors: (TensorDigest & { file: string; offset: number; length: number })[];
  tensorBytes: number;
  /** SHA-256 of the RFC 8785 JSON list of {name, sha256} of non-weight files and {name, metadataSha256} of weight files, by name. */
  metadataSha256: string;
}

export interface ModelFolderView {
  name: string;
  files: FolderFileView[];
  config?: ConfigFacts;
  generationConfig?: JsonFileFacts;
  tokenizer?: TokenizerFacts;
  card?: CardFacts;
  shardIndex?: ShardIndexView;
  /** The weight files the weights root covers. */
  weightFiles: string[];
  weights?: { root: string; tensors: number; tensorBytes: number; metadataSha256: string };
  problems: string[];
}

const INDEX_RE = /(^|\/)[^/]*\.index\.json$/;

/** Files whose content the assembler reads (all small by nature; the caller caps their size). */
export function needsText(name: string): boolean {
  return ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'chat_template.jinja', 'README.md'].includes(name) || (INDEX_RE.test(name) && !name.includes('/'));
}

function roleOf(m: FolderMember): FolderRole {
  if (m.inspection && (m.inspection.tensors?.length ?? 0) > 0) return 'weights';
  if (m.inspection) return 'model';
  const roles: Record<string, FolderRole> = { 'config.json': 'config', 'generation_config.json': 'generation-config', 'tokenizer.json': 'tokenizer', 'tokenizer_config.json': 'tokenizer-config', 'chat_template.jinja': 'chat-template', 'README.md': 'card' };
  if (roles[m.name]) return roles[m.name]!;
  if (INDEX_RE.test(m.name) && !m.name.includes('/')) return 'shard-index';
  return 'other';
}

export interface AssembledFolder {
  inspection: ModelInspection;
  weights?: FolderWeights;
}

export function assembleFolder(name: string, input: readonly FolderMember[]): AssembledFolder {
  const members = [...input].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const problems: string[] = [];
  const view: ModelFolderView = { name, files: [], weightFiles: [], problems };
  const byName = new Map(members.map((m) => [m.name, m]));
  const json = (m: FolderMember): Record<string, unknown> | undefined => {
    if (!m.text) return undefined;
    const r = parseJsonObject(m.text, m.name);
    if ('problem' in r) {
      problems.push(r.problem);
      return undefined;
    }
    return r.value;
  };
  for (const m of members) {
    const role = roleOf(m);
    view.files.push({ name: m.name, size: m.size, ...(m.sha256 ? { sha256: m.sha256 } : {}), role, ...(m.inspection ? { format: m.inspection.format, ...(m.inspection.verdict ? { verdict: m.inspection.verdict } : {}) } : {}), ...(m.inspection?.tensors?.length ? { tensors: m.inspection.tensors.length } : {}), ...(m.inspection?.safetensors?.metadata ? { metadata: m.inspection.safetensors.metadata } : {}) });
    if (role === 'config') {
      const v = json(m);
      if (v) view.config = configFacts(m.text!, v);
    } else if (role === 'generation-config') {
      const v = json(m);
      if (v) view.generationConfig = generationFacts(m.text!, v);
    } else if (role === 'tokenizer') {
      const v = json(m);
      if (v) (view.tokenizer ??= {}).tokenizerJson = tokenizerJsonFacts(m.text!, v);
    } else if (role === 'tokenizer-config') {
      const v = json(m);
      if (v) {
        const t = tokenizerConfigFacts(m.text!, v);
        (view.tokenizer ??= {}).config = t.config;
        if (t.chatTemplates && !view.tokenizer.chatTemplates) Object.assign(view.tokenizer, { chatTemplates: t.chatTemplates, chatTemplateSource: m.name });
      }
    } else if (role === 'card' && m.text) view.card = cardFacts(m.text);
  }
  // chat_template.jinja takes precedence: transformers reads it before tokenizer_config.json's copy.
  const jinja = byName.get('chat_template.jinja');
  if (jinja?.text) Object.assign((view.tokenizer ??= {}), { chatTemplates: { default: sha256Hex(jinja.text) }, chatTemplateSource: jinja.name });

  const weightMembers = pickWeightFiles(members, byName, view, json, problems);
  view.weightFiles = weightMembers.map((m) => m.name);
  let weights: FolderWeights | undefined;
  if (weightMembers.length > 0 && weightMembers.every((m) => m.weights)) {
    const tensors = weightMembers.flatMap((m) => m.weights!.tensors.map((t) => ({ ...t, file: m.name })));
    const seen = new Set<string>();
    const dup = tensors.find((t) => (seen.has(t.name) ? true : (seen.add(t.name), false)));
    if (dup) problems.push(`tensor ${dup.name} is in more than one weight file; no folder weights root`);
    else {
      const weightSet = new Set(view.weightFiles);
      const metaList = members.filter((m) => m.sha256).map((m) => (weightSet.has(m.name) ? { name: m.name, metadataSha256: m.weights!.metadataSha256 } : { name: m.name, sha256: m.sha256! }));
      weights = { root: weightsRoot(tensors), tensors, tensorBytes: tensors.reduce((n, t) => n + t.length, 0), metadataSha256: sha256Hex(canonicalize(metaList)) };
      view.weights = { root: weights.root, tensors: tensors.length, tensorBytes: weights.tensorBytes, metadataSha256: weights.metadataSha256 };
    }
  }

  const inspected = members.filter((m) => m.inspection?.verdict);
  const globals = [...new Set(members.flatMap((m) => m.inspection?.globals ?? []))].sort();
  const dangerous = [...new Set(members.flatMap((m) => m.inspection?.dangerous ?? []))].sort();
  const suspicious = [...new Set(members.flatMap((m) => m.inspection?.suspicious ?? []))].sort();
  const verdict = inspected.length > 0 ? worstVerdict(inspected.map((m) => m.inspection!.verdict!)) : undefined;
  const worst = inspected.find((m) => m.inspection!.verdict === verdict && verdict !== 'safe');
  const inspection: ModelInspection = {
    format: 'model-folder',
    inspector: INSPECTOR_VERSION,
    size: members.reduce((n, m) => n + m.size, 0),
    ...(verdict ? { verdict } : {}),
    ...(globals.length ? { globals } : {}),
    ...(dangerous.length ? { dangerous } : {}),
    ...(suspicious.length ? { suspicious } : {}),
    ...(worst ? { reason: `${worst.name}: ${worst.inspection!.reason ?? worst.inspection!.verdict}` } : {}),
    ...(worst?.inspection?.scanner ? { scanner: worst.inspection.scanner } : inspected.find((m) => m.inspection!.scanner) ? { scanner: inspected.find((m) => m.inspection!.scanner)!.inspection!.scanner! } : {}),
    tensors: weightMembers.flatMap((m) => (m.inspection!.tensors ?? []).map((t) => ({ ...t, file: m.name }))),
    folder: view,
    notes: problems.map((p) => `folder: ${p}`),
  };
  return { inspection, ...(weights ? { weights } : {}) };
}

/**
 * Which weight files make up the model: the shards of a top-level index when there is one; else the
 * safetensors files (a snapshot often carries the same weights again as pytorch_model.bin); else
 * every file with tensors.
 */
function pickWeightFiles(members: FolderMember[], byName: Map<string, FolderMember>, view: ModelFolderView, json: (m: FolderMember) => Record<string, unknown> | undefined, problems: string[]): FolderMember[] {
  const indexes = members.filter((m) => roleOf(m) === 'shard-index');
  const withTensors = members.filter((m) => roleOf(m) === 'weights');
  const safetensorsIndex = indexes.find((m) => m.name.endsWith('.safetensors.index.json')) ?? indexes[0];
  if (safetensorsIndex) {
    if (indexes.length > 1) problems.push(`${indexes.length} shard indexes; ${safetensorsIndex.name} is checked`);
    const value = json(safetensorsIndex);
    if (value) {
      const shards = new Map<string, ShardContent | null>();
      for (const m of members) shards.set(m.name, m.inspection?.tensors ? { tensors: m.inspection.tensors.map((t) => ({ name: t.name, length: t.length })) } : null);
      // Only safetensors shards list tensors by their state-dict names; a PyTorch zip names storages.
      view.shardIndex = checkShardIndex(safetensorsIndex.name, sha256Hex(safetensorsIndex.text!), value, shards, safetensorsIndex.name.endsWith('.safetensors.index.json'));
      return view.shardIndex.shards.map((s) => byName.get(s)).filter((m): m is FolderMember => m !== undefined && roleOf(m) === 'weights');
    }
  }
  const st = withTensors.filter((m) => m.inspection!.format === 'safetensors');
  return st.length > 0 ? st : withTensors;
}
