// SPDX-License-Identifier: UNLICENSED
// Headers of huge models over sparse files (fs.truncate): the header is written, the rest is a hole.
// Used by the header-only inspection test and the benchmark.
import { writeFile, truncate } from 'node:fs/promises';
import { concat, gguf, ggufString, u32 } from '../../shared/models/build.js';

export const GiB = 1024 ** 3;

/** A safetensors file of exactly `total` bytes with `count` U8 tensors tiling the data. */
export async function sparseSafetensors(path: string, total: number, count: number): Promise<void> {
  const headerLength = 200 + count * 120; // generous: the JSON is padded with spaces to this length
  const dataLength = total - 8 - headerLength;
  const each = Math.floor(dataLength / count);
  const header: Record<string, unknown> = { __metadata__: { format: 'pt', note: 'sparse benchmark file' } };
  for (let i = 0; i < count; i++) {
    const begin = i * each;
    const end = i === count - 1 ? dataLength : begin + each;
    header[`model.layers.${i}.weight`] = { dtype: 'U8', shape: [end - begin], data_offsets: [begin, end] };
  }
  const json = JSON.stringify(header);
  if (json.length > headerLength) throw new Error('header estimate too small');
  const head = new Uint8Array(8 + headerLength).fill(0x20);
  new DataView(head.buffer).setBigUint64(0, BigInt(headerLength), true);
  head.set(new TextEncoder().encode(json), 8);
  await writeFile(path, head);
  await truncate(path, total);
}

/** A GGUF v3 file of about `total` bytes with `count` F32 tensors; returns its size. */
export async function sparseGguf(path: string, total: number, count: number): Promise<number> {
  const each = Math.floor(total / count / 32) * 32; // bytes per tensor, aligned
  const tensors = Array.from({ length: count }, (_, i) => ({ name: `blk.${i}.ffn.weight`, dims: [each / 4], type: 0, offset: i * each }));
  const head = gguf([['general.architecture', 8, ggufString('llama')], ['general.name', 8, ggufString('sparse')], ['llama.block_count', 4, u32(count)]], tensors, new Uint8Array(0));
  await writeFile(path, concat(head));
  const size = head.length + each * count;
  await truncate(path, size);
  return size;
}
