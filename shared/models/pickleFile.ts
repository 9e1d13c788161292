// SPDX-License-Identifier: UNLICENSED
// A file that is a pickle stream: plain pickles, joblib dumps, and PyTorch's legacy (pre-1.6)
// format — five pickles (magic number, protocol version, sys info, the object, the storage keys)
// followed by each storage as a little-endian u64 element count and raw bytes, in sorted key order
// (torch/serialization.py _legacy_save). The storages are data, never unpickled, so only the five
// pickles are scanned; their byte ranges become the tensors to digest.
import { readExactly, type ByteSource } from './byteSource.js';
import { overLimit } from './errors.js';
import { scanPickles, type PickleScan } from './pickle/scan.js';
import { isLegacyTorch, TorchPickleReader, type TensorView } from './pytorch.js';
import type { TensorInfo } from './types.js';

export interface PickleView {
  pickles: PickleScan['pickles'];
  trailing?: PickleScan['trailing'];
  /** Storages named by persistent ids (PyTorch). */
  storageCount?: number;
  /** state_dict tensors and the storage each views (PyTorch). */
  tensorViews?: TensorView[];
}

export interface PickleFileResult {
  legacyTorch: boolean;
  scan: PickleScan;
  view: PickleView;
  tensors: TensorInfo[];
  notes: string[];
}

export const DEFAULT_MAX_PICKLE_BYTES = 1 << 30;
const MAX_VIEWS_LISTED = 100_000;

export async function inspectPickleFile(src: ByteSource, maxPickleBytes = DEFAULT_MAX_PICKLE_BYTES): Promise<PickleFileResult> {
  const head = await src.read(0, 16);
  const legacyTorch = isLegacyTorch(head);
  const torch = new TorchPickleReader();
  const notes: string[] = [];
  let scan: PickleScan;
  if (legacyTorch) {
    // The pickles come first and are small next to the storages: read a growing prefix until all five parse.
    let prefix = Math.min(src.size, 8 << 20);
    for (;;) {
      const reader = new TorchPickleReader();
      scan = scanPickles(await readExactly(src, 0, prefix, 'legacy PyTorch pickles'), { maxPickles: 5, hooks: reader.hooks });
      const complete = scan.pickles.length === 5 && !scan.pickles.some((p) => p.error);
      if (complete || prefix >= src.size) {
        torch.storages.clear();
        for (const [k, v] of reader.storages) torch.storages.set(k, v);
        torch.tensors.push(...reader.tensors);
        break;
      }
      if (prefix >= maxPickleBytes) throw overLimit(`the legacy PyTorch pickles run past the ${maxPickleBytes}-byte scan limit`);
      prefix = Math.min(src.size, prefix * 4, maxPickleBytes);
    }
  } else {
    if (src.size > maxPickleBytes) throw overLimit(`a ${src.size}-byte pickle is above the ${maxPickleBytes}-byte scan limit`);
    scan = scanPickles(await readExactly(src, 0, src.size, 'pickle'), { hooks: torch.hooks });
  }
  const tensors = legacyTorch && scan.trailing ? await legacyStorages(src, scan.trailing.offset, torch, notes) : [];
  if (legacyTorch && scan.trailing) scan.notes = scan.notes.filter((n) => !n.includes('after the last pickle'));
  const view: PickleView = {
    pickles: scan.pickles,
    ...(scan.trailing ? { trailing: scan.trailing } : {}),
    ...(torch.storages.size > 0 ? { storageCount: torch.storages.size, tensorViews: torch.tensors.slice(0, MAX_VIEWS_LISTED) } : {}),
  };
  return { legacyTorch, scan, view, tensors, notes: [...scan.notes, ...notes] };
}

async function legacyStorages(src: ByteSource, start: number, torch: TorchPickleReader, notes: string[]): Promise<TensorInfo[]> {
  const keys = [...torch.storages.keys()].sort(); // Python's sorted() on ASCII keys: the same order
  const out: TensorInfo[] = [];
  let pos = start;
  for (const key of keys) {
    const s = torch.storages.get(key)!;
    if (pos + 8 > src.size) {
      notes.push(`storage ${key} is missing: the file ends at ${src.size}`);
      return out;
    }
    const b = await readExactly(src, pos, 8, `storage ${key} size`);
    const numel = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
    const length = Number(numel) * s.elementSize;
    if (numel !== BigInt(s.numel) || pos + 8 + length > src.size) {
      notes.push(`storage ${key}: ${numel} elements at offset ${pos} do not match its persistent id (${s.numel}) or the file size; storages not mapped`);
      return out;
    }
    out.push({ name: `storage/${key}`, dtype: s.dtype, shape: [s.numel], offset: pos + 8, length });
    pos += 8 + length;
  }
  if (pos < src.size) notes.push(`${src.size - pos} bytes follow the last storage`);
  return out;
}
