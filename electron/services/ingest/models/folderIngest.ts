// SPDX-License-Identifier: UNLICENSED
// Model folders in the import: after every file of a given folder has been fingerprinted (and its
// tensors digested from that read), the folder is assembled from what those reads found — nothing is
// read twice except the small descriptive files, which are checked against their digests — and a
// manifest object (the folder's files and digests, canonical JSON) stands for the folder as one
// evidence item whose signed acquisition carries the folder facts and the folder weights root.
import { basename } from 'node:path';
import type { AssembledFolder, FolderMember } from '../../../../shared/models/folder/assemble.js';
import { assembleFolder } from '../../../../shared/models/folder/assemble.js';
import type { ModelInspection } from '../../../../shared/models/types.js';
import type { SourceFile } from '../collectFiles.js';
import { folderManifestBytes, isModelFolder, readMemberText } from './modelFolder.js';
import type { WeightsDigest } from './tensorDigester.js';

export interface FolderInput {
  file: SourceFile;
  fp: { size: number; sha256: string };
  model?: { inspection: ModelInspection; weights: WeightsDigest | undefined };
  /** The evidence id the file is (or already was) recorded under. */
  evidenceId: string;
  /** Where its bytes can be read back: the vault's copy, or the source for in-place imports. */
  readPath: string;
}

export interface FolderUnit extends AssembledFolder {
  root: string;
  name: string;
  manifest: Buffer;
  members: { name: string; evidence: string }[];
}

/** Groups imported files by the folder given on the command line and assembles each model folder. */
export async function assembleImportedFolders(inputs: readonly FolderInput[]): Promise<FolderUnit[]> {
  const byRoot = new Map<string, FolderInput[]>();
  for (const i of inputs) if (i.file.root) byRoot.set(i.file.root, [...(byRoot.get(i.file.root) ?? []), i]);
  const units: FolderUnit[] = [];
  for (const [root, files] of byRoot) {
    const name = basename(root);
    const members: FolderMember[] = [];
    for (const f of files) {
      const rel = f.file.name.slice(name.length + 1);
      const m: FolderMember = { name: rel, size: f.fp.size, sha256: f.fp.sha256 };
      if (f.model) {
        m.inspection = f.model.inspection;
        if (f.model.weights) m.weights = { tensors: f.model.weights.tensors, metadataSha256: f.model.weights.metadataSha256 };
      }
      const text = await readMemberText(f.readPath, rel, f.fp.size, f.fp.sha256);
      if (text) m.text = text;
      members.push(m);
    }
    if (!isModelFolder(members)) continue;
    const assembled = assembleFolder(name, members);
    units.push({ ...assembled, root, name, manifest: folderManifestBytes(name, members, assembled.weights), members: files.map((f) => ({ name: f.file.name.slice(name.length + 1), evidence: f.evidenceId })) });
  }
  return units;
}
