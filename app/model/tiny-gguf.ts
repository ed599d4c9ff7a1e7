import { writeFileSync } from 'node:fs';
import { float16Bits } from './float16.ts';
import { encodeGguf } from './gguf-writer.ts';
import type { GgmlTensorType, GgufTensor, GgufValue } from './gguf-writer.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * A tiny llama-architecture GGUF with seeded random weights, for tests and benchmarks of the real
 * node-llama-cpp path without downloading a model. It loads in milliseconds and produces
 * nonsense, but valid, tokens: enough to exercise loading, streaming, cancellation and grammars.
 * What llama.cpp needs from the vocabulary: the 256 byte tokens (for unknown characters and to
 * find the newline), unique token strings, and every merged piece's shorter pieces.
 */

export interface TinyModelShape {
  readonly embedding: number;
  readonly blocks: number;
  readonly feedForward: number;
  readonly heads: number;
}

export interface TinyModelOptions {
  /** Same seed, same bytes. */
  readonly seed?: number;
  /** F16 (default, ~320 KB) or F32 (twice the size) for the 2-D weights. Norms are always F32. */
  readonly type?: GgmlTensorType;
  /** A bigger shape, for benchmarks where compute rather than overhead should dominate. */
  readonly shape?: TinyModelShape;
}

export const tinyModelContextLength = 4096;
export const tinyModelShape: TinyModelShape = { embedding: 64, blocks: 2, feedForward: 192, heads: 4 };

/** ChatML, so node-llama-cpp picks its ChatML wrapper from the template. */
export const chatMlTemplate =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const tokenType = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** Merged pieces that make JSON actions a little cheaper; each needs its shorter prefixes (SPM merges pairs). */
const mergedWords = ['{"', '":', '",', '"}', 'path', 'tool', 'args', 'final'];

interface Vocabulary {
  readonly tokens: string[];
  readonly scores: number[];
  readonly types: number[];
}

function buildVocabulary(): Vocabulary {
  const vocab: Vocabulary = { tokens: [], scores: [], types: [] };
  const seen = new Set<string>();
  const add = (token: string, type: number, score: number) => {
    if (seen.has(token)) return; // token strings must be unique
    seen.add(token);
    vocab.tokens.push(token);
    vocab.types.push(type);
    vocab.scores.push(score);
  };
  add('<unk>', tokenType.unknown, 0);
  add('<s>', tokenType.control, 0);
  add('</s>', tokenType.control, 0);
  for (let byte = 0; byte < 256; byte++) add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, tokenType.byte, 0);
  add('<|im_start|>', tokenType.control, 0);
  add('<|im_end|>', tokenType.control, 0);
  add('\u2581', tokenType.normal, -1); // SentencePiece's space
  for (let code = 0x21; code <= 0x7e; code++) add(String.fromCharCode(code), tokenType.normal, -1);
  for (const word of mergedWords) {
    for (let length = 2; length <= word.length; length++) add(word.slice(0, length), tokenType.normal, length - 1);
  }
  return vocab;
}

const bosId = 1;
const eosId = 2;

function metadata(vocab: Vocabulary, type: GgmlTensorType, shape: TinyModelShape): Array<readonly [string, GgufValue]> {
  const { embedding, blocks, feedForward, heads } = shape;
  const u32 = (value: number): GgufValue => ({ type: 'u32', value });
  return [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'warden-tiny-test-model' }],
    ['general.file_type', u32(type === 'f16' ? 1 : 0)],
    ['llama.context_length', u32(tinyModelContextLength)],
    ['llama.embedding_length', u32(embedding)],
    ['llama.block_count', u32(blocks)],
    ['llama.feed_forward_length', u32(feedForward)],
    ['llama.attention.head_count', u32(heads)],
    ['llama.attention.head_count_kv', u32(heads)],
    ['llama.rope.dimension_count', u32(embedding / heads)],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.vocab_size', u32(vocab.tokens.length)],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32[]', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.bos_token_id', u32(bosId)],
    ['tokenizer.ggml.eos_token_id', u32(eosId)],
    ['tokenizer.ggml.padding_token_id', u32(0)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: chatMlTemplate }],
  ];
}

function encodeValues(values: Float32Array, type: GgmlTensorType): Uint8Array {
  const bytes = new Uint8Array(values.length * (type === 'f16' ? 2 : 4));
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => {
    if (type === 'f16') view.setUint16(i * 2, float16Bits(value), true);
    else view.setFloat32(i * 4, value, true);
  });
  return bytes;
}

export function makeTinyModel(options: TinyModelOptions = {}): Uint8Array {
  const { seed = 1, type = 'f16', shape = tinyModelShape } = options;
  if (shape.embedding % shape.heads !== 0) throw new Error('The embedding length must be a multiple of the head count.');
  const random = seededRandom(seed);
  const vocab = buildVocabulary();
  const { embedding, blocks, feedForward } = shape;
  const nVocab = vocab.tokens.length;

  // Uniform in [-scale, scale): integer PRNG plus one multiply keeps the bytes platform-independent.
  const randomValues = (dims: readonly [number, number], scale: number): Float32Array => {
    const values = new Float32Array(dims[0] * dims[1]);
    for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * scale;
    return values;
  };
  const weights = (name: string, dims: readonly [number, number], scale: number): GgufTensor => ({
    name,
    dims,
    type,
    data: encodeValues(randomValues(dims, scale), type),
  });
  const ones = (name: string): GgufTensor => ({ name, dims: [embedding], type: 'f32', data: encodeValues(new Float32Array(embedding).fill(1), 'f32') });

  // Random weights would sample byte tokens (invalid UTF-8) and control tokens (empty answers):
  // their output rows are zero. The price: end-of-turn is rarely chosen, so callers always set maxTokens.
  const outputValues = randomValues([embedding, nVocab], 0.5);
  vocab.types.forEach((tokenKind, token) => {
    if (tokenKind !== tokenType.normal) outputValues.fill(0, token * embedding, (token + 1) * embedding);
  });

  const tensors: GgufTensor[] = [weights('token_embd.weight', [embedding, nVocab], 1)];
  for (let block = 0; block < blocks; block++) {
    const scale = 1 / Math.sqrt(embedding);
    tensors.push(
      ones(`blk.${block}.attn_norm.weight`),
      weights(`blk.${block}.attn_q.weight`, [embedding, embedding], scale),
      weights(`blk.${block}.attn_k.weight`, [embedding, embedding], scale),
      weights(`blk.${block}.attn_v.weight`, [embedding, embedding], scale),
      weights(`blk.${block}.attn_output.weight`, [embedding, embedding], scale),
      ones(`blk.${block}.ffn_norm.weight`),
      weights(`blk.${block}.ffn_gate.weight`, [embedding, feedForward], scale),
      weights(`blk.${block}.ffn_up.weight`, [embedding, feedForward], scale),
      weights(`blk.${block}.ffn_down.weight`, [feedForward, embedding], 1 / Math.sqrt(feedForward)),
    );
  }
  tensors.push(ones('output_norm.weight'), { name: 'output.weight', dims: [embedding, nVocab], type, data: encodeValues(outputValues, type) });
  return encodeGguf({ metadata: metadata(vocab, type, shape), tensors, alignment: 32 });
}

/** Writes the tiny model to `path` and returns its size in bytes. */
export function writeTinyModel(path: string, options: TinyModelOptions = {}): number {
  const bytes = makeTinyModel(options);
  writeFileSync(path, bytes);
  return bytes.length;
}
