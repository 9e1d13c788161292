// SPDX-License-Identifier: UNLICENSED
// Keras v3 .keras archives: a zip with config.json (the model, as nested {module, class_name,
// config} objects), metadata.json and model.weights.h5. Loading runs code in two ways this flags:
// a Lambda layer whose function is serialized Python bytecode ("__lambda__", run when the model is
// loaded with safe_mode=False), and any object whose "module" is not Keras itself — deserialization
// imports that module and looks the name up (CVE-2025-1550), judged here with the pickle rules.
import { classifyGlobal, globalName, type GlobalSafety } from './pickle/rules.js';
import { malformed } from './errors.js';

export interface KerasLayer {
  name: string;
  className: string;
  module?: string;
  /** Nesting depth: 0 for the model's own layers, 1 inside a nested model… */
  depth: number;
}

export interface KerasView {
  kerasVersion: string | null;
  modelClass: string | null;
  layers: KerasLayer[];
  lambdaLayers: string[];
  /** Imports deserialization would perform outside Keras: 'module.name'. */
  imports: string[];
}

export interface KerasResult {
  view: KerasView;
  found: { name: string; safety: GlobalSafety }[];
  notes: string[];
}

const MAX_DEPTH = 256;
const KERAS_MODULE = /^(keras|tf_keras|tensorflow\.keras)(\.|$)/;

export function inspectKerasConfig(configJson: string, metadataJson?: string): KerasResult {
  let config: unknown;
  try {
    config = JSON.parse(configJson);
  } catch (err) {
    throw malformed(`config.json is not JSON (${(err as Error).message})`);
  }
  let kerasVersion: string | null = null;
  if (metadataJson !== undefined) {
    try {
      const meta = JSON.parse(metadataJson) as { keras_version?: unknown };
      if (typeof meta.keras_version === 'string') kerasVersion = meta.keras_version;
    } catch {
      /* metadata.json is informative only */
    }
  }
  const view: KerasView = { kerasVersion, modelClass: isObject(config) && typeof config.class_name === 'string' ? config.class_name : null, layers: [], lambdaLayers: [], imports: [] };
  const found: KerasResult['found'] = [];
  const notes: string[] = [];
  const walk = (node: unknown, depth: number, modelDepth: number, inLayers: boolean): void => {
    if (depth > MAX_DEPTH) throw malformed(`config.json nests deeper than ${MAX_DEPTH}`);
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1, modelDepth, inLayers);
      return;
    }
    if (!isObject(node)) return;
    const className = typeof node.class_name === 'string' ? node.class_name : null;
    const module = typeof node.module === 'string' ? node.module : undefined;
    const cfg = node.config;
    if (className !== null) {
      const name = isObject(cfg) && typeof cfg.name === 'string' ? cfg.name : '';
      if (inLayers) view.layers.push({ name, className, ...(module !== undefined ? { module } : {}), depth: modelDepth });
      if (className === 'Lambda') view.lambdaLayers.push(name);
      if (className === '__lambda__') {
        found.push({ name: 'keras.__lambda__ (Python bytecode)', safety: 'dangerous' });
        notes.push(`a Lambda function is serialized Python bytecode: it runs when the model is loaded with safe_mode=False`);
      }
      if (module !== undefined && !KERAS_MODULE.test(module)) {
        // {"module": "builtins", "class_name": "function", "config": "eval"} imports builtins.eval.
        const attr = className === 'function' && typeof cfg === 'string' ? cfg : className;
        const safety = classifyGlobal(module, attr);
        const ref = globalName(module, attr);
        view.imports.push(ref);
        found.push({ name: ref, safety: safety === 'safe' ? 'suspicious' : safety });
      }
    }
    for (const [key, value] of Object.entries(node)) {
      // Each "layers" list on the path is one more model level (a nested Functional or Sequential).
      if (key === 'layers') walk(value, depth + 1, modelDepth + 1, true);
      else walk(value, depth + 1, modelDepth, false);
    }
  };
  walk(config, 0, -1, false);
  if (view.lambdaLayers.length > 0) {
    notes.push(`Lambda layers: ${view.lambdaLayers.join(', ')}`);
    if (!found.some((f) => f.safety === 'dangerous')) found.push({ name: 'keras.layers.Lambda', safety: 'suspicious' });
  }
  return { view, found, notes };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
