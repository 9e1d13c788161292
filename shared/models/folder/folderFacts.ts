// SPDX-License-Identifier: UNLICENSED
// The facts a Hugging Face model folder states about itself, read from its small JSON and markdown
// files: config.json (architecture and dimensions), generation_config.json, the tokenizer
// (tokenizer.json, tokenizer_config.json with its chat template, or chat_template.jinja, where
// newer snapshots keep the template), and the model card's front matter. Each fact carries the
// SHA-256 of the file it came from; every key of the JSON files is also kept flattened
// ("text_config.hidden_size" → "4096") so model-diff can name the keys that changed. A file that is
// not valid JSON is a problem of the folder, never an exception.
import { canonicalize } from '../../canonicalJson.js';
import { sha256Hex } from '../../crypto/sha256.js';
import { fromUtf8 } from '../../encoding.js';
import { frontMatterBlock, parseFrontMatter, type FrontMatterValue } from './frontMatter.js';

/** Most flattened keys kept per file (a config has dozens; the cap bounds a hostile one). */
export const MAX_FLAT_KEYS = 2000;

export interface JsonFileFacts {
  sha256: string;
  /** Dotted key path → RFC 8785 JSON of the value (arrays are one value). */
  flat: Record<string, string>;
  truncated?: boolean;
}

export interface ConfigFacts extends JsonFileFacts {
  architectures: string[];
  modelType: string | null;
  torchDtype: string | null;
  /** The dimensions that say what size of model this is, where the config states them. */
  dims: Record<string, number>;
}

export interface TokenizerFacts {
  /** tokenizer.json */
  tokenizerJson?: { sha256: string; model: string | null; vocabSize: number | null; addedTokens: number; normalizer: string | null; preTokenizer: string | null };
  /** tokenizer_config.json */
  config?: JsonFileFacts & { tokenizerClass: string | null; bosToken: string | null; eosToken: string | null; padToken: string | null; modelMaxLength: number | null };
  /** SHA-256 of each chat template by name ("default" for a single one), from tokenizer_config.json or chat_template.jinja. */
  chatTemplates?: Record<string, string>;
  chatTemplateSource?: string;
}

export interface CardFacts {
  sha256: string;
  hasFrontMatter: boolean;
  license: string | null;
  baseModel: string[];
  datasets: string[];
  tags: string[];
  language: string[];
  pipelineTag: string | null;
  libraryName: string | null;
  /** Every top-level scalar or list of the front matter. */
  values: Record<string, FrontMatterValue>;
  nested: string[];
  problems: string[];
}

const DIM_KEYS = ['hidden_size', 'intermediate_size', 'num_hidden_layers', 'num_attention_heads', 'num_key_value_heads', 'head_dim', 'vocab_size', 'max_position_embeddings', 'n_embd', 'n_layer', 'n_head', 'n_positions', 'd_model', 'num_layers', 'num_experts', 'num_local_experts', 'num_experts_per_tok', 'rope_theta', 'sliding_window'];

/** Parses JSON text into an object, or returns the problem. */
export function parseJsonObject(bytes: Uint8Array, name: string): { value: Record<string, unknown> } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes).replace(/^\uFEFF/, ''));
  } catch (err) {
    return { problem: `${name} is not valid JSON (${(err as Error).message})` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { problem: `${name} is not a JSON object` };
  return { value: json as Record<string, unknown> };
}

export function flatten(value: Record<string, unknown>): { flat: Record<string, string>; truncated: boolean } {
  const flat: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  let truncated = false;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (count >= MAX_FLAT_KEYS) {
      truncated = true;
      return;
    }
    // An empty object is a value of its own, except the file's top level (which then has no keys).
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 8 && (Object.keys(v).length > 0 || path === '')) {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) walk(child, path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    flat[path] = canonicalizeSafe(v);
    count++;
  };
  walk(value, '', 0);
  return { flat, truncated };
}

function canonicalizeSafe(v: unknown): string {
  try {
    return canonicalize(v);
  } catch {
    return JSON.stringify(v) ?? 'null';
  }
}

function jsonFacts(bytes: Uint8Array, value: Record<string, unknown>): JsonFileFacts {
  const { flat, truncated } = flatten(value);
  return { sha256: sha256Hex(bytes), flat, ...(truncated ? { truncated } : {}) };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A special token is a string or {content: string} (AddedToken). */
const token = (v: unknown): string | null => str(v) ?? (v !== null && typeof v === 'object' ? str((v as { content?: unknown }).content) : null);

export function configFacts(bytes: Uint8Array, value: Record<string, unknown>): ConfigFacts {
  const dims: Record<string, number> = {};
  const sources = [value, value.text_config].filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object');
  for (const key of DIM_KEYS) {
    for (const s of sources) {
      const n = num(s[key]);
      if (n !== null) {
        dims[key] = n;
        break;
      }
    }
  }
  const arch = Array.isArray(value.architectures) ? value.architectures.filter((a): a is string => typeof a === 'string') : [];
  return { ...jsonFacts(bytes, value), architectures: arch, modelType: str(value.model_type), torchDtype: str(value.torch_dtype) ?? str(value.dtype), dims };
}

export function generationFacts(bytes: Uint8Array, value: Record<string, unknown>): JsonFileFacts {
  return jsonFacts(bytes, value);
}

export function tokenizerJsonFacts(bytes: Uint8Array, value: Record<string, unknown>): NonNullable<TokenizerFacts['tokenizerJson']> {
  const model = value.model !== null && typeof value.model === 'object' ? (value.model as Record<string, unknown>) : {};
  const vocab = model.vocab;
  const vocabSize = Array.isArray(vocab) ? vocab.length : vocab !== null && typeof vocab === 'object' ? Object.keys(vocab).length : null;
  const typeOf = (v: unknown): string | null => (v !== null && typeof v === 'object' ? str((v as { type?: unknown }).type) : null);
  return { sha256: sha256Hex(bytes), model: typeOf(model), vocabSize, addedTokens: Array.isArray(value.added_tokens) ? value.added_tokens.length : 0, normalizer: typeOf(value.normalizer), preTokenizer: typeOf(value.pre_tokenizer) };
}

export function tokenizerConfigFacts(bytes: Uint8Array, value: Record<string, unknown>): { config: NonNullable<TokenizerFacts['config']>; chatTemplates?: Record<string, string> } {
  // The template text is long and is digested instead (flat keys keep its digest, not its text).
  const { chat_template: template, ...rest } = value;
  const chatTemplates = chatTemplateDigests(template);
  const facts = jsonFacts(bytes, rest);
  if (chatTemplates) for (const [name, digest] of Object.entries(chatTemplates)) facts.flat[`chat_template${name === 'default' ? '' : `.${name}`}.sha256`] = JSON.stringify(digest);
  return {
    config: { ...facts, tokenizerClass: str(value.tokenizer_class), bosToken: token(value.bos_token), eosToken: token(value.eos_token), padToken: token(value.pad_token), modelMaxLength: num(value.model_max_length) },
    ...(chatTemplates ? { chatTemplates } : {}),
  };
}

/** `chat_template` is a string, or a list of {name, template} (transformers' named templates). */
function chatTemplateDigests(template: unknown): Record<string, string> | undefined {
  if (typeof template === 'string') return { default: sha256Hex(template) };
  if (!Array.isArray(template)) return undefined;
  const out: Record<string, string> = {};
  for (const t of template) {
    if (t !== null && typeof t === 'object' && typeof (t as { template?: unknown }).template === 'string') {
      out[str((t as { name?: unknown }).name) ?? 'default'] = sha256Hex((t as { template: string }).template);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function cardFacts(bytes: Uint8Array): CardFacts {
  const text = new TextDecoder('utf-8').decode(bytes);
  const block = frontMatterBlock(text);
  const fm = block === null ? { values: {} as Record<string, FrontMatterValue>, nested: [], problems: [] } : parseFrontMatter(block);
  const list = (k: string): string[] => {
    const v = fm.values[k];
    return v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v];
  };
  const one = (k: string): string | null => {
    const v = fm.values[k];
    return typeof v === 'string' && v !== '' ? v : Array.isArray(v) && v.length > 0 ? v[0]! : null;
  };
  return {
    sha256: sha256Hex(bytes),
    hasFrontMatter: block !== null,
    license: one('license'),
    baseModel: list('base_model'),
    datasets: list('datasets'),
    tags: list('tags'),
    language: list('language'),
    pipelineTag: one('pipeline_tag'),
    libraryName: one('library_name'),
    values: fm.values,
    nested: fm.nested,
    problems: fm.problems,
  };
}
