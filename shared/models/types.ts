// SPDX-License-Identifier: UNLICENSED
// What inspecting a model file yields: the JSON `evault inspect --json` prints and the import
// records. Every format fills `format`, `notes` and, where it has them, `tensors`; anything that can
// carry pickled code also carries a verdict and the imports found.
import type { ModelErrorReason } from './errors.js';
import type { GgufView } from './gguf.js';
import type { KerasView } from './keras.js';
import type { NpyView } from './npy.js';
import type { OnnxView } from './onnx.js';
import type { Verdict } from './pickle/scan.js';
import type { SafetensorsView } from './safetensors.js';
import type { ArchiveView } from './archive.js';
import type { PickleView } from './pickleFile.js';
import type { ModelFolderView } from './folder/assemble.js';

export const INSPECTOR_VERSION = 'evault-model-inspect/1.0.0';

export type ModelFormat = 'safetensors' | 'gguf' | 'onnx' | 'pytorch-zip' | 'pytorch-legacy' | 'pickle' | 'npy' | 'npz' | 'keras' | 'zip' | '7z' | 'hdf5' | 'model-folder' | 'unknown';

/** One tensor's bytes in the file: what the per-tensor digest and the weights root cover. */
export interface TensorInfo {
  name: string;
  dtype: string;
  shape: number[];
  /** Absolute offset of the tensor's first byte in the file. */
  offset: number;
  length: number;
  /** In a model folder: the file (inside the folder) that holds the tensor. */
  file?: string;
}

export interface ScannerInfo {
  name: string;
  version: string;
  /** SHA-256 of the canonical rules (allowlist, denylist, aliases): which rules judged the file. */
  rulesHash: string;
}

export interface ModelInspection {
  format: ModelFormat;
  inspector: string;
  size: number;
  /** safe | suspicious | dangerous | invalid: for anything that can carry code, and for invalid files. */
  verdict?: Verdict;
  /** Imports found in pickles, 'module.name'. */
  globals?: string[];
  dangerous?: string[];
  suspicious?: string[];
  reason?: string;
  scanner?: ScannerInfo;
  tensors?: TensorInfo[];
  /** The structure is broken: what and why (the verdict is then 'invalid'). */
  error?: { reason: ModelErrorReason; message: string };
  safetensors?: SafetensorsView;
  gguf?: GgufView;
  onnx?: OnnxView;
  npy?: NpyView;
  keras?: KerasView;
  archive?: ArchiveView;
  pickle?: PickleView;
  /** A model folder: its files, config, tokenizer, card, shard index and folder-wide weights root. */
  folder?: ModelFolderView;
  notes: string[];
}
