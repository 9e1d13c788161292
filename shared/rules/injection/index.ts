// SPDX-License-Identifier: UNLICENSED
// Prompt-injection detection with the shipped model, loaded on first use.
import { loadClassifier, type Classifier } from './classifier.js';
import { createInjectionDetector, type InjectionVerdict } from './detect.js';
import { INJECTION_MODEL } from './modelData.js';

export type { InjectionVerdict } from './detect.js';

let shipped: Classifier | null = null;

/** The shipped classifier (decoding its weights takes a few milliseconds, once). */
export function defaultClassifier(): Classifier {
  shipped ??= loadClassifier(INJECTION_MODEL);
  return shipped;
}

let detector: ((prompt: string) => InjectionVerdict | null) | null = null;

/** Verdict on one user-authored prompt with the shipped rules and model, or null when benign. */
export function detectInjection(prompt: string): InjectionVerdict | null {
  detector ??= createInjectionDetector(defaultClassifier());
  return detector(prompt);
}
