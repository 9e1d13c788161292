// SPDX-License-Identifier: UNLICENSED
// RFC 9162 §2.1 (= RFC 6962 §2.1) Merkle trees: known answers, an independent Go implementation's
// recorded output, and exhaustive tamper checks on small trees.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from '../../../../shared/crypto/merkle.js';
import { fromHex, toHex, utf8 } from '../../../../shared/encoding.js';
import { loadJsonFixture } from '../loadFixture.js';

// The leaves of the certificate-transparency reference tests (merkle_tree_test.cc), as raw entries.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
// MTH of the first n of those leaves, n = 1..8, from the same reference tests. They are also checked
// against golang.org/x/mod/sumdb/tlog's output recorded in test/fixtures/merkle-go-tlog.json.
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

interface GoTlogFixture {
  provenance: string;
  leaves: string[];
  roots: { size: number; root: string }[];
  inclusion: { size: number; index: number; proof: string[] }[];
  consistency: { oldSize: number; newSize: number; proof: string[] }[];
}

const nodeSha256 = (...parts: Uint8Array[]) => new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());

/** MTH straight from the RFC 9162 §2.1.1 recursion, hashing with node:crypto. */
function referenceRoot(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length === 0) return nodeSha256();
  if (entries.length === 1) return nodeSha256(new Uint8Array([0]), entries[0]!);
  let k = 1;
  while (k * 2 < entries.length) k *= 2;
  return nodeSha256(new Uint8Array([1]), referenceRoot(entries.slice(0, k)), referenceRoot(entries.slice(k)));
}

function flipByte(bytes: Uint8Array, i = 0): Uint8Array {
  const out = bytes.slice();
  out[i] = out[i]! ^ 0x01;
  return out;
}

/** Largest power of two below n, the RFC 9162 §2.1.1 split. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Side of each sibling in PATH(m, D[n]) (§2.1.3.1), leaf upwards: the fold verifyInclusion performs. */
function inclusionShape(m: number, n: number): string {
  if (n <= 1) return '';
  const k = split(n);
  return m < k ? `${inclusionShape(m, k)}R` : `${inclusionShape(m - k, n - k)}L`;
}

/** Structure of SUBPROOF(m, D[n], b) (§2.1.4.1): 'O' = starts from the old root, 'S' = from proof[0]. */
function consistencyShape(m: number, n: number, b = true): string {
  if (m === n) return b ? 'O' : 'S';
  const k = split(n);
  return m <= k ? `${consistencyShape(m, k, b)}R` : `${consistencyShape(m - k, n - k, false)}L`;
}

const MAX = 40;
const entries = Array.from({ length: MAX }, (_, i) => utf8(`entry ${i}`));
const hashes = entries.map(leafHash);
const roots = Array.from({ length: MAX + 1 }, (_, n) => merkleRoot(hashes.slice(0, n)));

describe('known answers', () => {
  test('leaf and node hashes use the 0x00 / 0x01 domain prefixes', () => {
    const a = utf8('a');
    assert.deepEqual(leafHash(a), nodeSha256(new Uint8Array([0]), a));
    assert.deepEqual(nodeHash(leafHash(a), leafHash(a)), nodeSha256(new Uint8Array([1]), leafHash(a), leafHash(a)));
  });

  test('empty tree root is SHA-256 of the empty string', () => {
    assert.equal(toHex(merkleRoot([])), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('RFC 6962 reference roots for the first n of the CT test leaves, n = 1..8', () => {
    const leaves = CT_LEAVES.map((h) => leafHash(fromHex(h)));
    for (let n = 1; n <= 8; n++) assert.equal(toHex(merkleRoot(leaves.slice(0, n))), CT_ROOTS[n - 1], `n=${n}`);
  });

  test('iterative merkleRoot equals the RFC recursion for every size up to 40 and for 1000 leaves', () => {
    for (let n = 0; n <= MAX; n++) assert.deepEqual(roots[n], referenceRoot(entries.slice(0, n)), `n=${n}`);
    const many = Array.from({ length: 1000 }, (_, i) => utf8(String(i)));
    assert.deepEqual(merkleRoot(many.map(leafHash)), referenceRoot(many));
  });
});

describe('independent implementation: golang.org/x/mod/sumdb/tlog (recorded fixture)', () => {
  const go = loadJsonFixture<GoTlogFixture>('merkle-go-tlog.json');
  const goHashes = go.leaves.map((h) => leafHash(fromHex(h)));

  test('the fixture records its provenance and starts with the CT test leaves', () => {
    assert.match(go.provenance, /golang\.org\/x\/mod\/sumdb\/tlog/);
    assert.deepEqual(go.leaves.slice(0, 8), CT_LEAVES);
    assert.deepEqual(go.roots.slice(0, 8).map((r) => r.root), CT_ROOTS);
  });

  test('roots for every size match', () => {
    assert.equal(go.roots.length, go.leaves.length);
    for (const { size, root } of go.roots) assert.equal(toHex(merkleRoot(goHashes.slice(0, size))), root, `size ${size}`);
  });

  test('inclusion proofs match tlog.ProveRecord exactly and verify', () => {
    assert.ok(go.inclusion.length > 100);
    for (const { size, index, proof } of go.inclusion) {
      const ours = inclusionProof(goHashes.slice(0, size), index);
      assert.deepEqual(ours.map(toHex), proof, `size ${size} index ${index}`);
      const root = fromHex(go.roots[size - 1]!.root);
      assert.equal(verifyInclusion(index, size, goHashes[index]!, proof.map(fromHex), root), true);
    }
  });

  test('consistency proofs match tlog.ProveTree exactly and verify', () => {
    assert.ok(go.consistency.length > 100);
    for (const { oldSize, newSize, proof } of go.consistency) {
      const ours = consistencyProof(goHashes, oldSize, newSize);
      assert.deepEqual(ours.map(toHex), proof, `${oldSize} -> ${newSize}`);
      const oldRoot = fromHex(go.roots[oldSize - 1]!.root);
      const newRoot = fromHex(go.roots[newSize - 1]!.root);
      assert.equal(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.map(fromHex)), true);
    }
  });
});

describe('inclusion proofs, every index of every size 1..40', () => {
  test('verify, and any tampering fails', () => {
    let sizeAliases = 0;
    for (let size = 1; size <= MAX; size++) {
      const root = roots[size]!;
      const tree = hashes.slice(0, size);
      for (let index = 0; index < size; index++) {
        const leaf = hashes[index]!;
        const proof = inclusionProof(tree, index);
        const at = `size ${size} index ${index}`;
        assert.equal(verifyInclusion(index, size, leaf, proof, root), true, at);
        assert.equal(verifyInclusion(index, size, flipByte(leaf, 31), proof, root), false, `${at}: leaf`);
        assert.equal(verifyInclusion(index, size, leaf, proof, flipByte(root)), false, `${at}: root`);
        proof.forEach((_, j) => {
          const bad = proof.map((p, k) => (k === j ? flipByte(p, 7) : p));
          assert.equal(verifyInclusion(index, size, leaf, bad, root), false, `${at}: proof[${j}]`);
        });
        for (const wrong of [index - 1, index + 1, size, -1]) {
          assert.equal(verifyInclusion(wrong, size, leaf, proof, root), false, `${at}: index ${wrong}`);
        }
        for (const wrong of [size - 1, size + 1, 2 * size, 0]) {
          // The root, not the proof, commits to the size: a proof whose sibling sides are the same for
          // the claimed size folds to the same root (RFC 9162 takes the size from the signed tree head).
          const sameFold = index < wrong && inclusionShape(index, wrong) === inclusionShape(index, size);
          if (sameFold) sizeAliases++;
          assert.equal(verifyInclusion(index, wrong, leaf, proof, root), sameFold, `${at}: size ${wrong}`);
        }
        assert.equal(verifyInclusion(index, size, leaf, [...proof, leaf], root), false, `${at}: extra element`);
        if (proof.length > 0) {
          assert.equal(verifyInclusion(index, size, leaf, proof.slice(0, -1), root), false, `${at}: last missing`);
          assert.equal(verifyInclusion(index, size, leaf, proof.slice(1), root), false, `${at}: first missing`);
        }
      }
    }
    // E.g. index 0 of size 3 has proof [h1, h2]; as size 4 the same fold gives the same root.
    assert.ok(sizeAliases > 0);
    assert.equal(verifyInclusion(0, 4, hashes[0]!, inclusionProof(hashes.slice(0, 3), 0), roots[3]!), true);
    assert.equal(verifyInclusion(0, 4, hashes[0]!, inclusionProof(hashes.slice(0, 3), 0), roots[4]!), false);
  });

  test('out-of-range index throws a RangeError', () => {
    assert.throws(() => inclusionProof(hashes.slice(0, 3), 3), RangeError);
    assert.throws(() => inclusionProof(hashes.slice(0, 3), -1), RangeError);
    assert.throws(() => inclusionProof(hashes.slice(0, 3), 1.5), RangeError);
    assert.throws(() => inclusionProof([], 0), RangeError);
  });

  test('non-integer index or size is refused', () => {
    const proof = inclusionProof(hashes.slice(0, 4), 1);
    assert.equal(verifyInclusion(1.5, 4, hashes[1]!, proof, roots[4]!), false);
    assert.equal(verifyInclusion(1, 4.5, hashes[1]!, proof, roots[4]!), false);
    assert.equal(verifyInclusion(1, Number.NaN, hashes[1]!, proof, roots[4]!), false);
  });
});

describe('consistency proofs, every 1 <= m <= n <= 40', () => {
  test('verify, and any tampering fails', () => {
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(hashes, m, n);
        const oldRoot = roots[m]!;
        const newRoot = roots[n]!;
        const at = `${m} -> ${n}`;
        assert.equal(verifyConsistency(m, n, oldRoot, newRoot, proof), true, at);
        assert.equal(verifyConsistency(m, n, flipByte(oldRoot), newRoot, proof), false, `${at}: old root`);
        assert.equal(verifyConsistency(m, n, oldRoot, flipByte(newRoot, 31), proof), false, `${at}: new root`);
        proof.forEach((_, j) => {
          const bad = proof.map((p, k) => (k === j ? flipByte(p, 7) : p));
          assert.equal(verifyConsistency(m, n, oldRoot, newRoot, bad), false, `${at}: proof[${j}]`);
        });
        // As for inclusion, a wrong size verifies only when the proof has the same structure for it.
        const sameFold = (mm: number, nn: number) =>
          m < n && mm >= 1 && mm < nn && consistencyShape(mm, nn) === consistencyShape(m, n);
        for (const wrong of [m - 1, m + 1]) {
          assert.equal(verifyConsistency(wrong, n, oldRoot, newRoot, proof), sameFold(wrong, n), `${at}: old size ${wrong}`);
        }
        for (const wrong of [n - 1, n + 1]) {
          assert.equal(verifyConsistency(m, wrong, oldRoot, newRoot, proof), sameFold(m, wrong), `${at}: new size ${wrong}`);
        }
        assert.equal(verifyConsistency(m, n, oldRoot, newRoot, [...proof, oldRoot]), false, `${at}: extra element`);
        if (proof.length > 0) {
          assert.equal(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1)), false, `${at}: last missing`);
          assert.equal(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(1)), false, `${at}: first missing`);
        }
      }
    }
  });

  test('the 1 -> 3 proof also folds as 1 -> 4 against the size-3 root, never against the size-4 root', () => {
    const proof = consistencyProof(hashes, 1, 3);
    assert.equal(verifyConsistency(1, 4, roots[1]!, roots[3]!, proof), true);
    assert.equal(verifyConsistency(1, 4, roots[1]!, roots[4]!, proof), false);
  });

  test('a proof between different trees fails', () => {
    const other = entries.map((e) => leafHash(flipByte(e)));
    const proof = consistencyProof(other, 5, 9);
    assert.equal(verifyConsistency(5, 9, roots[5]!, roots[9]!, proof), false);
  });

  test('sizes outside the log throw a RangeError', () => {
    assert.throws(() => consistencyProof(hashes.slice(0, 5), 0, 5), RangeError);
    assert.throws(() => consistencyProof(hashes.slice(0, 5), 6, 5), RangeError);
    assert.throws(() => consistencyProof(hashes.slice(0, 5), 3, 6), RangeError);
    assert.throws(() => consistencyProof(hashes.slice(0, 5), 2.5, 5), RangeError);
  });
});

test('MerkleRootBuilder streams to the same root as merkleRoot for every size up to 70', async () => {
  const { MerkleRootBuilder, merkleRoot: root, leafHash: leaf } = await import('../../../../shared/crypto/merkle.js');
  const leaves: Uint8Array[] = [];
  const builder = new MerkleRootBuilder();
  assert.deepEqual(builder.root(), root([]));
  for (let n = 1; n <= 70; n++) {
    const l = leaf(new Uint8Array([n, n >> 8]));
    leaves.push(l);
    builder.push(l);
    assert.equal(builder.size, n);
    assert.deepEqual(builder.root(), root(leaves), `size ${n}`);
  }
});

test('MerkleTree gives the same roots and audit paths as inclusionProof for every size up to 40', async () => {
  const { MerkleTree, inclusionProof: path, merkleRoot: root, leafHash: leaf } = await import('../../../../shared/crypto/merkle.js');
  const leaves: Uint8Array[] = [];
  for (let n = 1; n <= 40; n++) {
    leaves.push(leaf(new Uint8Array([n])));
    const tree = new MerkleTree(leaves);
    assert.deepEqual(tree.root(), root(leaves));
    for (let i = 0; i < n; i++) assert.deepEqual(tree.proof(i), path(leaves, i), `size ${n} index ${i}`);
  }
  assert.throws(() => new MerkleTree(leaves).proof(40), RangeError);
});
