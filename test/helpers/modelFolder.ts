// SPDX-License-Identifier: UNLICENSED
// Builds Hugging Face-style model folders at test time from generated tensors (no network; the
// corpus holds single files only): config, generation config, tokenizer files with a chat
// template, a model card with YAML front matter, and safetensors weights, sharded with an index.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GenTensor {
  dtype: 'F32' | 'F16' | 'BF16' | 'I64';
  shape: number[];
  data: Buffer;
}

export const CHAT_TEMPLATE = "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}{% endfor %}";

/** Deterministic pseudo-random float32 tensor. */
export function f32Tensor(shape: number[], seed: number): GenTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Buffer.alloc(n * 4);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data.writeFloatLE((x / 2 ** 32 - 0.5) * 0.2, i * 4);
  }
  return { dtype: 'F32', shape, data };
}

/** A safetensors file: u64 LE header length, JSON header (tensors in the order given), raw data. */
export function safetensorsFile(tensors: Record<string, GenTensor>, metadata: Record<string, string> = { format: 'pt' }): Buffer {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  let json = Buffer.from(JSON.stringify(header));
  // safetensors pads the header with spaces to 8 bytes.
  if (json.length % 8) json = Buffer.concat([json, Buffer.alloc(8 - (json.length % 8), 0x20)]);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([len, json, ...Object.values(tensors).map((t) => t.data)]);
}

export interface ModelSpec {
  tensors: Record<string, GenTensor>;
  /** Tensor names per shard file, in order; one entry = a single model.safetensors without index. */
  shards: string[][];
  metadata?: Record<string, string>;
  config?: Record<string, unknown>;
  chatTemplate?: string;
  card?: string;
  /** Edits the index after it is built (to make it inconsistent). */
  editIndex?: (index: { metadata: { total_size: number }; weight_map: Record<string, string> }) => void;
}

export function defaultSpec(): ModelSpec {
  const tensors: Record<string, GenTensor> = {
    'model.embed_tokens.weight': f32Tensor([64, 16], 1),
    'model.layers.0.self_attn.q_proj.weight': f32Tensor([16, 16], 2),
    'model.layers.0.self_attn.k_proj.weight': f32Tensor([16, 16], 3),
    'model.layers.0.mlp.up_proj.weight': f32Tensor([32, 16], 4),
    'model.layers.1.self_attn.q_proj.weight': f32Tensor([16, 16], 5),
    'model.layers.1.mlp.up_proj.weight': f32Tensor([32, 16], 6),
    'lm_head.weight': f32Tensor([64, 16], 7),
  };
  return {
    tensors,
    shards: [
      ['model.embed_tokens.weight', 'model.layers.0.self_attn.q_proj.weight', 'model.layers.0.self_attn.k_proj.weight', 'model.layers.0.mlp.up_proj.weight'],
      ['model.layers.1.self_attn.q_proj.weight', 'model.layers.1.mlp.up_proj.weight', 'lm_head.weight'],
    ],
    config: { architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 16, intermediate_size: 32, num_hidden_layers: 2, num_attention_heads: 2, num_key_value_heads: 1, vocab_size: 64, max_position_embeddings: 128, rope_theta: 10000, torch_dtype: 'float32' },
    chatTemplate: CHAT_TEMPLATE,
    card: ['---', 'license: apache-2.0', 'base_model: meta-llama/Llama-3.2-1B  # the parent', 'datasets:', '  - tatsu-lab/alpaca', "  - 'openai/gsm8k'", 'tags: [text-generation, "fine-tuned"]', 'language:', '- en', 'model-index:', '- name: tiny', '  results: []', '---', '', '# Tiny model', ''].join('\n'),
  };
}

/** Writes the folder; returns its path. */
export function writeModelFolder(dir: string, spec: ModelSpec = defaultSpec()): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(spec.config ?? {}, null, 2));
  writeFileSync(join(dir, 'generation_config.json'), JSON.stringify({ bos_token_id: 1, eos_token_id: 2, temperature: 0.6, top_p: 0.9 }, null, 2));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({ version: '1.0', added_tokens: [{ id: 0, content: '<s>' }], normalizer: null, pre_tokenizer: { type: 'ByteLevel' }, model: { type: 'BPE', vocab: Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`t${i}`, i])), merges: [] } }));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'PreTrainedTokenizerFast', bos_token: '<s>', eos_token: { content: '</s>' }, model_max_length: 128, chat_template: spec.chatTemplate ?? CHAT_TEMPLATE }, null, 2));
  writeFileSync(join(dir, 'README.md'), spec.card ?? '# no card\n');
  if (spec.shards.length === 1) {
    writeFileSync(join(dir, 'model.safetensors'), safetensorsFile(pick(spec.tensors, spec.shards[0]!), spec.metadata));
    return dir;
  }
  const weightMap: Record<string, string> = {};
  let total = 0;
  spec.shards.forEach((names, i) => {
    const file = `model-${String(i + 1).padStart(5, '0')}-of-${String(spec.shards.length).padStart(5, '0')}.safetensors`;
    writeFileSync(join(dir, file), safetensorsFile(pick(spec.tensors, names), spec.metadata));
    for (const n of names) {
      weightMap[n] = file;
      total += spec.tensors[n]!.data.length;
    }
  });
  const index = { metadata: { total_size: total }, weight_map: weightMap };
  spec.editIndex?.(index);
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify(index, null, 2));
  return dir;
}

function pick(tensors: Record<string, GenTensor>, names: string[]): Record<string, GenTensor> {
  return Object.fromEntries(names.map((n) => [n, tensors[n]!]));
}
