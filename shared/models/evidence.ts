// SPDX-License-Identifier: UNLICENSED
// What a model inspection contributes to signed custody events. The evidence.acquired event carries
// a bounded summary (the format, its key header facts, the weights root and metadata digest); the
// per-tensor digests are stored beside it and bound by the weights root, as log records are bound
// by the records root. A pickle verdict is a finding of its own, naming the scanner and its rules.
import type { ModelInspection } from './types.js';

/** From the TensorDigester (Node) or any equivalent: the digests of one streamed read. */
export interface WeightsSummary {
  weightsRoot: string;
  metadataSha256: string;
  tensorCount: number;
  tensorBytes: number;
}

/** Leaf encoding of the weights root, named so a verifier knows how to recompute it (see weights.ts). */
export const WEIGHTS_LEAF = 'rfc9162-leaf(jcs{dtype,name,sha256,shape}) sorted by name';

/** The `model` object for evidence.acquired details: plain JSON, canonicalizable (RFC 8785). */
export function modelAcquiredDetails(r: ModelInspection, weights?: WeightsSummary): Record<string, unknown> {
  return strip({
    inspector: r.inspector,
    format: r.format,
    verdict: r.verdict,
    error: r.error,
    header: headerFacts(r),
    weights: weights && { root: weights.weightsRoot, leaf: WEIGHTS_LEAF, tensors: weights.tensorCount, tensorBytes: weights.tensorBytes, metadataSha256: weights.metadataSha256 },
    notes: r.notes.length > 0 ? r.notes.slice(0, 20) : undefined,
  });
}

/** The details of the finding.recorded event for a pickle scan, or null when the file holds no pickle verdict. */
export function modelScanFinding(r: ModelInspection): Record<string, unknown> | null {
  if (!r.scanner || r.verdict === undefined) return null;
  return strip({
    type: 'model.pickle-scan',
    scanner: r.scanner.name,
    scannerVersion: r.scanner.version,
    rulesHash: r.scanner.rulesHash,
    verdict: r.verdict,
    globals: r.globals,
    dangerous: r.dangerous,
    suspicious: r.suspicious,
    reason: r.reason,
  });
}

function headerFacts(r: ModelInspection): Record<string, unknown> | undefined {
  if (r.safetensors) return { headerLength: r.safetensors.headerLength, metadata: r.safetensors.metadata, tensors: r.safetensors.tensorCount, dtypes: r.safetensors.dtypes };
  if (r.gguf) {
    const m = r.gguf.metadata;
    return { version: r.gguf.version, tensors: r.gguf.tensorCount, metadataKeys: r.gguf.metadataCount, alignment: r.gguf.alignment, architecture: m['general.architecture'], name: m['general.name'], types: r.gguf.types };
  }
  if (r.onnx) {
    const o = r.onnx;
    return { irVersion: o.irVersion, opsetImport: o.opsetImport, producerName: o.producerName, producerVersion: o.producerVersion, graphName: o.graphName, nodes: o.nodeCount, initializers: o.initializers.length, opTypes: o.opTypes };
  }
  if (r.npy) return { version: r.npy.version, descr: r.npy.descr, shape: r.npy.shape, objectDtype: r.npy.objectDtype };
  if (r.keras) return { kerasVersion: r.keras.kerasVersion, modelClass: r.keras.modelClass, layers: r.keras.layers.length, lambdaLayers: r.keras.lambdaLayers, imports: r.keras.imports };
  if (r.archive) return { entries: r.archive.entryCount, zip64: r.archive.zip64, storages: r.archive.storageCount, problems: r.archive.problems.length > 0 ? r.archive.problems : undefined };
  if (r.folder) {
    const f = r.folder;
    return {
      files: f.files.length,
      weightFiles: f.weightFiles,
      architectures: f.config?.architectures,
      modelType: f.config?.modelType ?? undefined,
      dims: f.config?.dims,
      configSha256: f.config?.sha256,
      chatTemplates: f.tokenizer?.chatTemplates,
      tokenizerSha256: f.tokenizer?.tokenizerJson?.sha256,
      card: f.card && { license: f.card.license ?? undefined, baseModel: f.card.baseModel, datasets: f.card.datasets, tags: f.card.tags },
      shardIndex: f.shardIndex && { index: f.shardIndex.index, shards: f.shardIndex.shards.length, mappedTensors: f.shardIndex.mappedTensors, problems: f.shardIndex.problems.length > 0 ? f.shardIndex.problems.slice(0, 20) : undefined },
      problems: f.problems.length > 0 ? f.problems.slice(0, 20) : undefined,
    };
  }
  if (r.pickle) return { pickles: r.pickle.pickles.length, storages: r.pickle.storageCount };
  return undefined;
}

/** Drops undefined members (canonical JSON has no undefined), recursively through plain objects. */
function strip(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? strip(v as Record<string, unknown>) : v;
  }
  return out;
}
