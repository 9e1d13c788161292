// SPDX-License-Identifier: UNLICENSED
// Element-wise comparison of two floating-point tensors of the same dtype and shape, fed in chunks
// (any split; a partial element is carried to the next chunk), so a 10 GB tensor pair is compared in
// bounded memory. Elements are compared by bit pattern first — equal bits are equal elements, which
// makes identical NaNs equal and +0/−0 different, as a byte comparison would; for differing
// elements whose two values are finite the absolute difference feeds the maximum and the mean (the
// mean is over all elements, so it says how far the tensor moved on average). Differing elements
// with a NaN or an infinity on either side are counted apart.
// Layouts: IEEE 754 binary64/32/16 little-endian; bfloat16 = the high 16 bits of a binary32.

export type FloatKind = 'f64' | 'f32' | 'f16' | 'bf16';

/** dtype names of the formats we read (safetensors, GGUF, PyTorch storages, ONNX) → element kind. */
const KINDS: Readonly<Record<string, FloatKind>> = {
  F64: 'f64', DOUBLE: 'f64', F32: 'f32', FLOAT: 'f32', F16: 'f16', FLOAT16: 'f16', BF16: 'bf16', BFLOAT16: 'bf16',
};

export function floatKind(dtype: string): FloatKind | undefined {
  return KINDS[dtype.toUpperCase()];
}

export const ELEMENT_BYTES: Readonly<Record<FloatKind, number>> = { f64: 8, f32: 4, f16: 2, bf16: 2 };

export interface FloatDiffStats {
  elements: number;
  /** Elements whose bits differ. */
  differing: number;
  /** Differing elements with a NaN or an infinity on either side (left out of max and mean). */
  nonFinite: number;
  maxAbsDiff: number;
  /** Sum of |a − b| over finite differing elements, divided by all elements. */
  meanAbsDiff: number;
}

const f16Table = (() => {
  const t = new Float64Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    t[h] = e === 0 ? s * m * 2 ** -24 : e === 31 ? (m ? NaN : s * Infinity) : s * (1 + m / 1024) * 2 ** (e - 15);
  }
  return t;
})();

export class FloatDiff {
  private readonly size: number;
  private readonly carryA: Uint8Array;
  private readonly carryB: Uint8Array;
  private carried = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));
  private elements = 0;
  private differing = 0;
  private nonFinite = 0;
  private max = 0;
  private sum = 0;

  constructor(private readonly kind: FloatKind) {
    this.size = ELEMENT_BYTES[kind];
    this.carryA = new Uint8Array(this.size);
    this.carryB = new Uint8Array(this.size);
  }

  /** The next bytes of both tensors (equal lengths: the same range of each). */
  update(a: Uint8Array, b: Uint8Array): void {
    if (a.length !== b.length) throw new RangeError('FloatDiff.update takes equal-length chunks');
    let i = 0;
    if (this.carried > 0) {
      const take = Math.min(this.size - this.carried, a.length);
      this.carryA.set(a.subarray(0, take), this.carried);
      this.carryB.set(b.subarray(0, take), this.carried);
      this.carried += take;
      i = take;
      if (this.carried < this.size) return;
      this.compare(new DataView(this.carryA.buffer), new DataView(this.carryB.buffer), 0);
      this.carried = 0;
    }
    const va = new DataView(a.buffer, a.byteOffset, a.length);
    const vb = new DataView(b.buffer, b.byteOffset, b.length);
    const end = i + Math.floor((a.length - i) / this.size) * this.size;
    for (; i < end; i += this.size) this.compare(va, vb, i);
    if (i < a.length) {
      this.carryA.set(a.subarray(i));
      this.carryB.set(b.subarray(i));
      this.carried = a.length - i;
    }
  }

  private compare(va: DataView, vb: DataView, at: number): void {
    this.elements++;
    let x: number;
    let y: number;
    switch (this.kind) {
      case 'f32': {
        const p = va.getUint32(at, true);
        const q = vb.getUint32(at, true);
        if (p === q) return;
        x = va.getFloat32(at, true);
        y = vb.getFloat32(at, true);
        break;
      }
      case 'f64': {
        if (va.getUint32(at, true) === vb.getUint32(at, true) && va.getUint32(at + 4, true) === vb.getUint32(at + 4, true)) return;
        x = va.getFloat64(at, true);
        y = vb.getFloat64(at, true);
        break;
      }
      case 'f16': {
        const p = va.getUint16(at, true);
        const q = vb.getUint16(at, true);
        if (p === q) return;
        x = f16Table[p]!;
        y = f16Table[q]!;
        break;
      }
      case 'bf16': {
        const p = va.getUint16(at, true);
        const q = vb.getUint16(at, true);
        if (p === q) return;
        this.scratch.setUint32(0, p << 16, false);
        x = this.scratch.getFloat32(0, false);
        this.scratch.setUint32(0, q << 16, false);
        y = this.scratch.getFloat32(0, false);
        break;
      }
    }
    this.differing++;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      this.nonFinite++;
      return;
    }
    const d = Math.abs(x - y);
    if (d > this.max) this.max = d;
    this.sum += d;
  }

  finish(): FloatDiffStats {
    return { elements: this.elements, differing: this.differing, nonFinite: this.nonFinite, maxAbsDiff: this.max, meanAbsDiff: this.elements ? this.sum / this.elements : 0 };
  }
}
