// SPDX-License-Identifier: UNLICENSED
// A ModelInspection as lines of text, for `evault inspect` without --json (and the UI's summary):
// the verdict first, then the format's view, then notes. Long lists are cut with a count.
import type { ModelFolderView } from './folder/assemble.js';
import type { ModelInspection } from './types.js';

const MAX_LINES = 40;

export function describeInspection(r: ModelInspection): string[] {
  const out: string[] = [];
  const list = <T>(items: readonly T[], line: (t: T) => string): void => {
    for (const t of items.slice(0, MAX_LINES)) out.push(`  ${line(t)}`);
    if (items.length > MAX_LINES) out.push(`  … and ${items.length - MAX_LINES} more`);
  };
  out.push(`format: ${r.format}${r.size ? ` (${r.size} bytes)` : ''}`);
  if (r.verdict) out.push(`verdict: ${r.verdict.toUpperCase()}${r.reason ? ` — ${r.reason}` : ''}`);
  if (r.scanner) out.push(`scanner: ${r.scanner.name} ${r.scanner.version}, rules ${r.scanner.rulesHash.slice(0, 16)}…`);
  if (r.dangerous?.length) out.push(`dangerous imports: ${r.dangerous.join(', ')}`);
  if (r.suspicious?.length) out.push(`suspicious imports: ${r.suspicious.join(', ')}`);
  if (r.globals?.length) out.push(`all imports: ${r.globals.join(', ')}`);
  if (r.safetensors) {
    out.push(`header: ${r.safetensors.headerLength} bytes; data at ${r.safetensors.dataOffset}`);
    if (r.safetensors.metadata) out.push(`metadata: ${JSON.stringify(r.safetensors.metadata)}`);
  }
  if (r.gguf) {
    const g = r.gguf;
    out.push(`GGUF v${g.version}${g.bigEndian ? ' (big-endian)' : ''}: ${g.tensorCount} tensors, ${g.metadataCount} metadata keys, alignment ${g.alignment}`);
    list(Object.entries(g.metadata), ([k, v]) => `${k} = ${typeof v === 'object' ? (v.type === 'array' ? `[${v.count} × ${v.itemType}] sha256 ${v.sha256.slice(0, 16)}…` : `"${v.preview}…" (${v.length} bytes)`) : JSON.stringify(v).slice(0, 120)}`);
  }
  if (r.onnx) {
    const o = r.onnx;
    out.push(`ONNX IR ${o.irVersion}, opsets ${o.opsetImport.map((x) => `${x.domain || 'ai.onnx'}:${x.version}`).join(', ')}, producer ${o.producerName ?? '?'} ${o.producerVersion ?? ''}`.trimEnd());
    out.push(`graph ${JSON.stringify(o.graphName)}: ${o.nodeCount} nodes (${Object.entries(o.opTypes).map(([k, v]) => `${k} ${v}`).join(', ')}), ${o.initializers.length} initializers`);
    const shape = (s?: (number | string | null)[]) => (s ? `[${s.map((d) => d ?? '?').join(', ')}]` : '');
    list(o.inputs, (i) => `input ${i.name} ${i.elemType ?? ''}${shape(i.shape)}`);
    list(o.outputs, (i) => `output ${i.name} ${i.elemType ?? ''}${shape(i.shape)}`);
    list(o.initializers.filter((i) => i.external), (i) => `external data: ${i.name} → ${i.external!.location ?? '?'}`);
  }
  if (r.npy) out.push(`NumPy ${r.npy.version}: dtype ${JSON.stringify(r.npy.descr)}, shape [${r.npy.shape.join(', ')}]${r.npy.objectDtype ? ' — object array (a pickle)' : ''}`);
  if (r.keras) {
    out.push(`Keras ${r.keras.kerasVersion ?? '?'} ${r.keras.modelClass ?? ''}: ${r.keras.layers.length} layers${r.keras.lambdaLayers.length ? `, Lambda: ${r.keras.lambdaLayers.join(', ')}` : ''}`);
    list(r.keras.layers, (l) => `${'  '.repeat(l.depth)}${l.name} (${l.className})`);
  }
  if (r.archive) {
    out.push(`zip: ${r.archive.entryCount} entries${r.archive.zip64 ? ', ZIP64' : ''}`);
    list(r.archive.entries, (e) => `${e.name}: ${e.kind}${e.verdict ? ` ${e.verdict}` : ''}${e.problems?.length ? ` [${e.problems.join('; ')}]` : ''}`);
    for (const p of r.archive.problems) out.push(`  problem: ${p}`);
  }
  if (r.folder) describeFolder(r.folder, out, list);
  if (r.pickle) out.push(`pickles: ${r.pickle.pickles.length}${r.pickle.trailing ? `, then ${r.pickle.trailing.length} bytes of data` : ''}`);
  if (r.tensors) {
    out.push(`tensors: ${r.tensors.length}, ${r.tensors.reduce((n, t) => n + t.length, 0)} bytes`);
    list(r.tensors, (t) => `${t.file ? `${t.file}: ` : ''}${t.name} ${t.dtype} [${t.shape.join(', ')}] @${t.offset} +${t.length}`);
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  return out;
}

function describeFolder(f: ModelFolderView, out: string[], list: <T>(items: readonly T[], line: (t: T) => string) => void): void {
  out.push(`model folder ${f.name}: ${f.files.length} files`);
  list(f.files, (x) => `${x.name}  ${x.role}${x.format ? ` ${x.format}` : ''}${x.verdict ? ` ${x.verdict}` : ''}${x.tensors ? `, ${x.tensors} tensors` : ''}  ${x.size} bytes${x.sha256 ? `  ${x.sha256}` : ''}`);
  if (f.config) {
    const c = f.config;
    out.push(`config: ${c.architectures.join(', ') || '?'}${c.modelType ? ` (${c.modelType})` : ''}${c.torchDtype ? `, ${c.torchDtype}` : ''}`);
    if (Object.keys(c.dims).length) out.push(`  ${Object.entries(c.dims).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  if (f.generationConfig) out.push(`generation config: ${Object.entries(f.generationConfig.flat).slice(0, 12).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  const t = f.tokenizer;
  if (t?.tokenizerJson) out.push(`tokenizer: ${t.tokenizerJson.model ?? '?'}, vocabulary ${t.tokenizerJson.vocabSize ?? '?'}, ${t.tokenizerJson.addedTokens} added tokens`);
  if (t?.config) out.push(`tokenizer config: ${t.config.tokenizerClass ?? '?'}, bos ${JSON.stringify(t.config.bosToken)}, eos ${JSON.stringify(t.config.eosToken)}, max length ${t.config.modelMaxLength ?? '?'}`);
  if (t?.chatTemplates) for (const [name, d] of Object.entries(t.chatTemplates)) out.push(`chat template ${name}: sha256 ${d} (${t.chatTemplateSource})`);
  if (f.card) {
    const c = f.card;
    out.push(`model card: license ${c.license ?? '?'}${c.baseModel.length ? `, base model ${c.baseModel.join(', ')}` : ''}${c.datasets.length ? `, datasets ${c.datasets.join(', ')}` : ''}`);
    if (c.tags.length) out.push(`  tags: ${c.tags.join(', ')}`);
    for (const p of c.problems) out.push(`  card problem: ${p}`);
  }
  if (f.shardIndex) {
    const s = f.shardIndex;
    out.push(`shard index ${s.index}: ${s.mappedTensors} tensors in ${s.shards.length} shards, total_size ${s.totalSize ?? '?'}${s.problems.length || s.note ? '' : ' — consistent with the shards'}`);
    if (s.note) out.push(`  ${s.note}`);
    for (const p of s.problems) out.push(`  index problem: ${p}`);
  }
  if (f.weights) out.push(`weights root ${f.weights.root} over ${f.weights.tensors} tensors in ${f.weightFiles.length} file(s); metadata ${f.weights.metadataSha256}`);
  else if (f.weightFiles.length) out.push(`weight files: ${f.weightFiles.join(', ')} (weights root computed on import or model-diff)`);
}
