// SPDX-License-Identifier: UNLICENSED
// The statistical half of prompt-injection detection: logistic regression over the hashed n-gram
// features of features.ts. Weights ship as data (modelData.ts, written by
// test/tools/trainInjectionModel.ts) with their training provenance and held-out figures.
import { Featurizer, type FeatureOptions, type WordGram } from './features.js';

/** The shape of a shipped model (see modelData.ts). Weights are little-endian int16, base64. */
export interface InjectionModelData {
  format: 'evidence-vault/injection-linear/1';
  version: string;
  features: FeatureOptions;
  bias: number;
  /** weight = int16 value × scale. */
  scale: number;
  /** Score at or above which a prompt is flagged. */
  threshold: number;
  weights: string;
  training: unknown;
  heldOut: unknown;
}

export interface Phrase {
  text: string;
  weight: number;
}

export interface Score {
  /** Probability-like score in [0, 1]. */
  score: number;
  /** Word n-grams of the text with the largest positive weights, when asked for. */
  top: Phrase[];
}

export interface Classifier {
  readonly version: string;
  readonly threshold: number;
  score(text: string, explain?: boolean): Score;
}

function decodeWeights(b64: string, scale: number, size: number): Float32Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lookup = new Uint8Array(128);
  for (let i = 0; i < 64; i++) lookup[alphabet.charCodeAt(i)] = i;
  const bytes = new Uint8Array(size * 2);
  let o = 0;
  for (let i = 0; i + 3 < b64.length && o < bytes.length; i += 4) {
    const n = (lookup[b64.charCodeAt(i)]! << 18) | (lookup[b64.charCodeAt(i + 1)]! << 12) | (lookup[b64.charCodeAt(i + 2)]! << 6) | lookup[b64.charCodeAt(i + 3)]!;
    bytes[o++] = n >> 16;
    if (o < bytes.length) bytes[o++] = (n >> 8) & 255;
    if (o < bytes.length) bytes[o++] = n & 255;
  }
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = view.getInt16(2 * i, true) * scale;
  return out;
}

/** Phrases shown to an investigator: no bare function words. */
const STOP = new Set('a an the and or of to in on at for is are be it this that you your i me my we with as by from not'.split(' '));

/** A classifier over explicit float weights (the training script uses it before quantising). */
export function classifierFromWeights(weights: Float32Array, bias: number, features: FeatureOptions, threshold: number, version: string): Classifier {
  const featurizer = new Featurizer(features);
  return {
    version,
    threshold,
    score(text: string, explain = false): Score {
      const grams: WordGram[] | undefined = explain ? [] : undefined;
      const score = 1 / (1 + Math.exp(-(bias + featurizer.dot(text, weights, grams))));
      if (!grams) return { score, top: [] };
      const seen = new Set<string>();
      const top = grams
        .filter((g) => !STOP.has(g.text) && !seen.has(g.text) && seen.add(g.text))
        .map((g) => ({ text: g.text, weight: weights[g.bucket]! }))
        .filter((g) => g.weight > 0)
        .sort((a, b) => b.weight - a.weight)
        .slice(0, 5);
      return { score, top };
    },
  };
}

/** Loads a shipped model. */
export function loadClassifier(model: InjectionModelData): Classifier {
  const weights = decodeWeights(model.weights, model.scale, 1 << model.features.bits);
  return classifierFromWeights(weights, model.bias, model.features, model.threshold, model.version);
}

/** Quantises float weights to the shipped form (int16 × scale, base64). Used by the training script. */
export function encodeWeights(weights: Float32Array): { scale: number; weights: string } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = new Uint8Array(weights.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < weights.length; i++) view.setInt16(2 * i, Math.round(weights[i]! / scale), true);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : alphabet[c & 63]!;
  }
  return { scale, weights: out };
}
