// SPDX-License-Identifier: UNLICENSED
// A ModelInspection as lines of text, for `evault inspect` without --json (and the UI's summary):
// the verdict first, then the format's view, then notes. Long lists are cut with a count.
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
  if (r.pickle) out.push(`pickles: ${r.pickle.pickles.length}${r.pickle.trailing ? `, then ${r.pickle.trailing.length} bytes of data` : ''}`);
  if (r.tensors) {
    out.push(`tensors: ${r.tensors.length}, ${r.tensors.reduce((n, t) => n + t.length, 0)} bytes`);
    list(r.tensors, (t) => `${t.name} ${t.dtype} [${t.shape.join(', ')}] @${t.offset} +${t.length}`);
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  return out;
}
