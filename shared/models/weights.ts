// SPDX-License-Identifier: UNLICENSED
// The weights root: one digest standing for every tensor of a model, so two artifacts can be said to
// carry "the same weights" even when their metadata, tensor order or container differ.
//
// Leaf encoding. Tensors are ordered by name (UTF-16 code units, the order RFC 8785 sorts keys in;
// equal names keep file order). Each leaf is the RFC 9162 §2.1.1 leaf hash
//     SHA-256(0x00 ‖ JCS({"dtype":…,"name":…,"sha256":…,"shape":[…]}))
// where JCS is the RFC 8785 canonical JSON of the tensor's name, dtype (as the format spells it:
// "F32", "Q4_K", "FLOAT"…), shape (a list of integers) and sha256 (lowercase hex of SHA-256 over the
// tensor's raw bytes in the file). Binding name, dtype and shape into the leaf means a renamed,
// retyped or reshaped tensor changes the root even when its bytes do not. The root is the RFC 9162
// §2.1.1 Merkle Tree Hash over the leaves (the empty tree: SHA-256 of nothing), so an inclusion
// proof can later show one tensor belongs to a root without revealing the others.
import { canonicalize } from '../canonicalJson.js';
import { utf8, toHex } from '../encoding.js';
import { leafHash, merkleRoot } from '../crypto/merkle.js';

export interface TensorDigest {
  name: string;
  dtype: string;
  shape: number[];
  /** Lowercase hex SHA-256 of the tensor's raw bytes. */
  sha256: string;
}

/** The leaf's entry bytes: the canonical JSON of {dtype, name, sha256, shape}. */
export function weightsLeafEntry(t: TensorDigest): Uint8Array {
  return utf8(canonicalize({ name: t.name, dtype: t.dtype, shape: t.shape, sha256: t.sha256 }));
}

/** Tensors in leaf order: by name, ties in the order given. */
export function weightsOrder<T extends { name: string }>(tensors: readonly T[]): T[] {
  return tensors.map((t, i) => [t, i] as const).sort(([a, i], [b, j]) => (a.name < b.name ? -1 : a.name > b.name ? 1 : i - j)).map(([t]) => t);
}

/** Lowercase hex RFC 9162 root over the tensors' leaves. */
export function weightsRoot(tensors: readonly TensorDigest[]): string {
  return toHex(merkleRoot(weightsOrder(tensors).map((t) => leafHash(weightsLeafEntry(t)))));
}
