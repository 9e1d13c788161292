// SPDX-License-Identifier: UNLICENSED
// Sharded checkpoints (transformers' `save_pretrained` with max_shard_size): `model.safetensors.index.json`
// (or `pytorch_model.bin.index.json`) holds {"metadata": {"total_size": N}, "weight_map": {tensor: shard
// file}}. Loaders trust the map to find each tensor, so a tensor the map sends to the wrong shard, a
// shard tensor the map does not list (never loaded, or loaded from elsewhere) or a listed shard that
// is missing are all worth saying. total_size is the sum of the tensors' byte sizes as transformers
// computes it; a difference is reported, not treated as an error (tied weights can make it differ).

export interface ShardIndexView {
  /** The index file's name in the folder. */
  index: string;
  sha256: string;
  totalSize: number | null;
  /** Tensors the weight_map lists. */
  mappedTensors: number;
  /** Shard files the weight_map names, in order of first mention. */
  shards: string[];
  /** Sum of the byte lengths of the shards' tensors (when every shard was read). */
  tensorBytes: number | null;
  problems: string[];
  /** Why the weight_map was checked only for the shards' presence. */
  note?: string;
}

export interface ShardContent {
  /** Tensor names the shard's header lists, with their byte lengths. */
  tensors: { name: string; length: number }[];
}

const MAX_PROBLEMS = 50;

/** Checks an index (already parsed) against the shards found in the folder (by file name). */
export function checkShardIndex(index: string, sha256: string, value: Record<string, unknown>, shards: ReadonlyMap<string, ShardContent | null>, checkTensors = true): ShardIndexView {
  const problems: string[] = [];
  const problem = (p: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else if (problems.length === MAX_PROBLEMS) problems.push('… more problems not listed');
  };
  const meta = value.metadata !== null && typeof value.metadata === 'object' ? (value.metadata as Record<string, unknown>) : {};
  const totalSize = typeof meta.total_size === 'number' && Number.isSafeInteger(meta.total_size) ? meta.total_size : null;
  const rawMap = value.weight_map;
  const map = new Map<string, string>();
  if (rawMap === null || typeof rawMap !== 'object' || Array.isArray(rawMap)) problem('weight_map is missing or not an object');
  else {
    for (const [tensor, file] of Object.entries(rawMap as Record<string, unknown>)) {
      if (typeof file !== 'string') problem(`weight_map["${tensor}"] is not a file name`);
      else map.set(tensor, file);
    }
  }
  const dir = index.includes('/') ? index.slice(0, index.lastIndexOf('/') + 1) : '';
  const shardNames = [...new Set(map.values())];
  let tensorBytes: number | null = 0;
  for (const file of shardNames) {
    if (file.includes('..') || file.startsWith('/')) {
      problem(`weight_map names ${JSON.stringify(file)}, outside the folder`);
      continue;
    }
    const content = shards.get(dir + file);
    if (content === undefined) {
      problem(`shard ${file} is listed in the weight_map but not in the folder`);
      tensorBytes = null;
      continue;
    }
    if (!checkTensors) {
      tensorBytes = null;
      continue;
    }
    if (content === null) {
      problem(`shard ${file} could not be read as a tensor file`);
      tensorBytes = null;
      continue;
    }
    const inShard = new Set(content.tensors.map((t) => t.name));
    for (const t of content.tensors) {
      if (tensorBytes !== null) tensorBytes += t.length;
      const mapped = map.get(t.name);
      if (mapped === undefined) problem(`tensor ${t.name} in ${file} is not in the weight_map`);
      else if (mapped !== file) problem(`tensor ${t.name} is in ${file} but the weight_map says ${mapped}`);
    }
    for (const [tensor, f] of map) if (f === file && !inShard.has(tensor)) problem(`weight_map sends ${tensor} to ${file}, which does not hold it`);
  }
  if (totalSize !== null && tensorBytes !== null && totalSize !== tensorBytes) problem(`metadata.total_size is ${totalSize} but the shards' tensors hold ${tensorBytes} bytes`);
  return { index, sha256, totalSize, mappedTensors: map.size, shards: shardNames.map((f) => dir + f), tensorBytes, problems, ...(checkTensors ? {} : { note: 'tensor names not checked: these shards name their data by storage, not by state-dict key' }) };
}
