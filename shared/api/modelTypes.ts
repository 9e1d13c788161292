// SPDX-License-Identifier: UNLICENSED
// What the model evidence detail receives: the stored inspection (format view, scanner verdict and
// the imports found) and pages of the tensor table with each tensor's recorded digest.
import type { ModelDiff } from '../models/diff/modelDiff.js';
import type { ModelInspection } from '../models/types.js';

export interface ModelDetailView {
  evidenceId: string;
  name: string;
  format: string;
  verdict: string | null;
  /** Merkle root over the tensor digests, signed in the acquisition event. */
  weightsRoot: string | null;
  metadataSha256: string | null;
  tensorCount: number;
  /** Sum over tensors of the product of their dimensions. */
  parameters: number;
  /** The inspection recorded at import, without its tensor list (served in pages). */
  inspection: Omit<ModelInspection, 'tensors'>;
  /** The same as `evault inspect` prints it, line by line. */
  summary: string[];
  /** A model folder: its files as evidence items of the case (named in the signed acquisition). */
  members: FolderMemberLink[] | null;
}

export interface FolderMemberLink {
  /** Path inside the folder. */
  name: string;
  evidenceId: string;
  /** True when the member has a model detail of its own (a weights or model file). */
  model: boolean;
}

export interface TensorRow {
  ordinal: number;
  name: string;
  dtype: string;
  shape: number[];
  length: number;
  sha256: string;
}

export interface TensorPage {
  total: number;
  start: number;
  rows: TensorRow[];
}

/** `evault model-diff` as the model detail shows it: the diff, its summary lines, and the finding if recorded. */
export interface ModelDiffView {
  diff: ModelDiff;
  /** The summary lines `evault model-diff` prints. */
  lines: string[];
  /** Set when the diff was recorded as a signed finding.recorded event. */
  recorded: { seq: number } | null;
  /** Wall time of the diff in the service (reading and comparing both sides). */
  ms: number;
}
