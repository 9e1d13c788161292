// SPDX-License-Identifier: UNLICENSED
// Model folders on disk: which folders are models, the small descriptive files read back (and checked
// against the digest of the single read that fingerprinted them), the folder manifest object that
// stands for the folder in the vault, and a stand-alone folder inspection for `evault inspect DIR`
// and `evault model-diff`.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { canonicalize } from '../../../../shared/canonicalJson.js';
import { ImportError } from '../../../../shared/errors.js';
import { assembleFolder, needsText, type AssembledFolder, type FolderMember, type FolderWeights } from '../../../../shared/models/folder/assemble.js';
import { collectFiles } from '../collectFiles.js';
import { digestModelFile } from './digestModelFile.js';
import { inspectModelFile } from './inspectModelFile.js';
import { isModelEvidence } from './modelIngest.js';
import type { WeightsDigest } from './tensorDigester.js';

/** Descriptive files above this size are not read back (a tokenizer.json is a few MB; 64 MiB is generous). */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;
export const FOLDER_MANIFEST_TYPE = 'evault.model-folder.v1';

/** A folder is a model when it holds a model artifact, a config.json or a shard index at its top. */
export function isModelFolder(members: readonly FolderMember[]): boolean {
  return members.some((m) => m.inspection !== undefined || m.name === 'config.json' || (!m.name.includes('/') && m.name.endsWith('.index.json')));
}

/**
 * The bytes of a descriptive file, read again from `path` (the vault's copy, or the source for
 * in-place evidence) and checked against the SHA-256 of the read that fingerprinted it, so the facts
 * come from exactly the bytes recorded.
 */
export async function readMemberText(path: string, name: string, size: number, sha256: string | undefined): Promise<Uint8Array | undefined> {
  if (!needsText(name) || size > MAX_TEXT_BYTES) return undefined;
  const bytes = await fs.readFile(path).catch((cause: Error) => {
    throw new ImportError('SOURCE_UNREADABLE', `cannot read ${name}: ${cause.message}`, { cause });
  });
  if (sha256 && createHash('sha256').update(bytes).digest('hex') !== sha256) throw new ImportError('SOURCE_CHANGED', `${name} changed after it was fingerprinted; nothing was recorded`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** The object that stands for a folder: its files and their digests, and the folder weights root. */
export function folderManifestBytes(name: string, members: readonly FolderMember[], weights: FolderWeights | undefined): Buffer {
  const files = [...members].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((m) => ({ name: m.name, size: m.size, sha256: m.sha256! }));
  return Buffer.from(canonicalize({ type: FOLDER_MANIFEST_TYPE, name, files, weights: weights ? { root: weights.root, metadataSha256: weights.metadataSha256, tensors: weights.tensors.length } : null }));
}

/** Folder weights in the shape storeModel takes (the per-tensor rows, the root, the metadata digest). */
export function folderWeightsDigest(w: FolderWeights): WeightsDigest {
  return { tensors: w.tensors.map(({ name, dtype, shape, offset, length, sha256 }) => ({ name, dtype, shape, offset, length, sha256 })), weightsRoot: w.root, metadataSha256: w.metadataSha256, tensorBytes: w.tensorBytes };
}

export interface FolderOnDisk extends AssembledFolder {
  members: (FolderMember & { path: string })[];
}

/**
 * Inspects a folder on disk. With `digest`, every file is read once (SHA-256 and, for tensor files,
 * per-tensor digests) so the folder weights root can be given; without, only headers are read.
 */
export async function inspectModelFolder(dir: string, options: { digest?: boolean; signal?: AbortSignal } = {}): Promise<FolderOnDisk> {
  const files = await collectFiles([dir]);
  const prefix = `${basename(dir.replace(/[\\/]+$/, ''))}/`;
  const members: (FolderMember & { path: string })[] = [];
  for (const file of files) {
    const name = file.name.slice(prefix.length);
    const { size } = await fs.stat(file.path);
    let inspection = await inspectModelFile(file.path).catch(() => undefined);
    if (inspection && !isModelEvidence(inspection, name)) inspection = undefined;
    const member: FolderMember & { path: string } = { path: file.path, name, size, ...(inspection ? { inspection } : {}) };
    if (options.digest) {
      const d = await digestModelFile(file.path, inspection?.tensors ?? [], undefined, options.signal);
      member.sha256 = d.sha256;
      if (inspection?.tensors?.length) member.weights = { tensors: d.tensors, metadataSha256: d.metadataSha256 };
    }
    const text = await readMemberText(file.path, name, size, member.sha256);
    if (text) member.text = text;
    members.push(member);
  }
  return { ...assembleFolder(prefix.slice(0, -1), members), members };
}
