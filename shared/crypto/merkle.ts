// SPDX-License-Identifier: UNLICENSED
// RFC 9162 §2.1 Merkle Tree Hash, inclusion and consistency proofs (same tree as RFC 6962).
import { concatBytes, bytesEqual } from '../encoding.js';
import { sha256 } from './sha256.js';

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** RFC 9162 §2.1.1: leaf hash = SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(concatBytes(LEAF_PREFIX, entry));
}

/** RFC 9162 §2.1.1: interior node = SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over already-hashed leaves; MTH({}) = SHA-256(""). Iterative so 10^6 leaves do not recurse deeply. */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  // Bottom-up pairing reproduces the left-balanced split of §2.1.1: an odd node is carried up unchanged.
  let level: Uint8Array[] = leaves.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    }
    level = next;
  }
  return level[0]!;
}

function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  return merkleRoot(leaves.slice(start, end));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), ordered from the leaf upwards. */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`leaf index ${index} is outside a tree of size ${leaves.length}`);
  }
  const path = (m: number, start: number, end: number): Uint8Array[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, start + k), subtreeRoot(leaves, start + k, end)]
      : [...path(m - k, start + k, end), subtreeRoot(leaves, start, start + k)];
  };
  return path(index, 0, leaves.length);
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]). */
export function consistencyProof(leaves: readonly Uint8Array[], oldSize: number, newSize = leaves.length): Uint8Array[] {
  if (!Number.isInteger(oldSize) || oldSize < 1 || oldSize > newSize || newSize > leaves.length) {
    throw new RangeError(`no consistency proof from size ${oldSize} to ${newSize} (log has ${leaves.length})`);
  }
  const subproof = (m: number, start: number, end: number, whole: boolean): Uint8Array[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [subtreeRoot(leaves, start, end)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), subtreeRoot(leaves, start + k, end)]
      : [...subproof(m - k, start + k, end, false), subtreeRoot(leaves, start, start + k)];
  };
  return oldSize === newSize ? [] : subproof(oldSize, 0, newSize, true);
}

/** RFC 9162 §2.1.3.2: verify an inclusion proof; returns false on any mismatch or malformed input. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && bytesEqual(r, root);
}

/** RFC 9162 §2.1.4.2: verify that the tree of `newSize` extends the tree of `oldSize`. */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isInteger(oldSize) || !Number.isInteger(newSize) || oldSize < 1 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (proof.length === 0) return false;
  // Power-of-two test in BigInt: `&` on numbers would truncate sizes of 2^32 and above.
  const old = BigInt(oldSize);
  const path = (old & (old - 1n)) === 0n ? [oldRoot, ...proof] : [...proof];
  let fn = BigInt(oldSize - 1);
  let sn = BigInt(newSize - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}

/**
 * The RFC 9162 root of a stream of leaves in O(log n) memory: a stack of perfect subtrees, merged as
 * they fill, folded right to left at the end (the same tree as merkleRoot). `hashNode` may be a
 * faster implementation of nodeHash.
 */
export class MerkleRootBuilder {
  private readonly stack: { height: number; hash: Uint8Array }[] = [];
  private count = 0;

  constructor(private readonly hashNode: (left: Uint8Array, right: Uint8Array) => Uint8Array = nodeHash) {}

  get size(): number {
    return this.count;
  }

  push(leaf: Uint8Array): void {
    let node = { height: 0, hash: leaf };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.height === node.height) {
      const left = this.stack.pop()!;
      node = { height: node.height + 1, hash: this.hashNode(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.count++;
  }

  root(): Uint8Array {
    if (this.stack.length === 0) return sha256(new Uint8Array(0));
    let r = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) r = this.hashNode(this.stack[i]!.hash, r);
    return r;
  }
}

/**
 * A whole tree held level by level, for many inclusion proofs over a large log: O(n) hashes once,
 * then O(log n) per proof. Levels are built bottom-up with a lone last node carried up unchanged,
 * which is the same tree as RFC 9162's left-balanced split, so its audit paths are PATH(m, D[n]).
 */
export class MerkleTree {
  private readonly levels: Uint8Array[][];

  constructor(leaves: readonly Uint8Array[], hashNode: (left: Uint8Array, right: Uint8Array) => Uint8Array = nodeHash) {
    this.levels = [leaves.slice()];
    let level = this.levels[0]!;
    while (level.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? hashNode(level[i]!, level[i + 1]!) : level[i]!);
      this.levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  root(): Uint8Array {
    return this.size === 0 ? sha256(new Uint8Array(0)) : this.levels[this.levels.length - 1]![0]!;
  }

  proof(index: number): Uint8Array[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`leaf index ${index} is outside a tree of size ${this.size}`);
    const path: Uint8Array[] = [];
    let i = index;
    for (const level of this.levels.slice(0, -1)) {
      const sibling = i ^ 1;
      if (sibling < level.length) path.push(level[sibling]!);
      i >>= 1;
    }
    return path;
  }
}
