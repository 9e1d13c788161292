// SPDX-License-Identifier: UNLICENSED
// Inclusion and consistency proofs over a case log, in a JSON form that shared/ code verifies.
import { EvaultError } from '../../../shared/errors.js';
import { toHex } from '../../../shared/encoding.js';
import { consistencyProof, inclusionProof, merkleRoot } from '../../../shared/crypto/merkle.js';
import { logName } from '../../../shared/custody/event.js';
import { logLeaves } from './custodyLog.js';
import type { Vault } from './vault.js';

export interface InclusionProofJson {
  log: string;
  seq: number;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  /** RFC 9162 §2.1.3.1 audit path, leaf to root, hex. */
  proof: string[];
}

export interface ConsistencyProofJson {
  log: string;
  oldSize: number;
  newSize: number;
  oldRoot: string;
  newRoot: string;
  /** RFC 9162 §2.1.4.1 consistency path, hex. */
  proof: string[];
}

function sizeArg(value: number | undefined, max: number, what: string): number {
  const size = value ?? max;
  if (!Number.isSafeInteger(size) || size < 1 || size > max) throw new EvaultError('BAD_INPUT', `${what} must be between 1 and ${max} (the log's size)`);
  return size;
}

export function proveInclusion(vault: Vault, caseId: string | null, seq: number, treeSize?: number): InclusionProofJson {
  const log = logName(caseId);
  const leaves = logLeaves(vault.db, log);
  const size = sizeArg(treeSize, leaves.length, 'tree size');
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > size) throw new EvaultError('BAD_INPUT', `seq must be between 1 and ${size}`);
  const tree = leaves.slice(0, size);
  return {
    log,
    seq,
    leafIndex: seq - 1,
    treeSize: size,
    leafHash: toHex(tree[seq - 1]!),
    rootHash: toHex(merkleRoot(tree)),
    proof: inclusionProof(tree, seq - 1).map(toHex),
  };
}

export function proveConsistency(vault: Vault, caseId: string | null, oldSize: number, newSize?: number): ConsistencyProofJson {
  const log = logName(caseId);
  const leaves = logLeaves(vault.db, log);
  const size = sizeArg(newSize, leaves.length, 'new size');
  const old = sizeArg(oldSize, size, 'old size');
  return {
    log,
    oldSize: old,
    newSize: size,
    oldRoot: toHex(merkleRoot(leaves.slice(0, old))),
    newRoot: toHex(merkleRoot(leaves.slice(0, size))),
    proof: consistencyProof(leaves, old, size).map(toHex),
  };
}
