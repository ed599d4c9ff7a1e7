import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, describe, expect, it } from 'vitest';
import { float16Bits } from './float16.ts';
import { encodeGguf } from './gguf-writer.ts';
import { makeTinyModel, tinyModelContextLength, writeTinyModel } from './tiny-gguf.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'warden-tiny-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('makeTinyModel', () => {
  it('gives the same bytes for the same seed, and pins them', () => {
    const a = makeTinyModel({ seed: 1 });
    expect(sha256(makeTinyModel({ seed: 1 }))).toBe(sha256(a));
    expect(sha256(makeTinyModel({ seed: 2 }))).not.toBe(sha256(a));
    // Integer PRNG, exact scaling and our own F16 rounding: these bytes are the same on every platform.
    expect(sha256(a)).toBe('a72978cd687cbfd1f190916c716bca3f9a3cc864dc931b46837289a1856c0352');
  });

  it('is a few hundred KB in F16 and twice that in F32', () => {
    const f16 = makeTinyModel().length;
    expect(f16).toBeGreaterThan(200_000);
    expect(f16).toBeLessThan(400_000);
    expect(makeTinyModel({ type: 'f32' }).length).toBeGreaterThan(1.9 * f16);
  });

  it('writes a GGUF v3 llama file with a byte-fallback vocabulary and a ChatML template', async () => {
    const path = join(dir, 'tiny.gguf');
    writeTinyModel(path, { seed: 7 });
    const info = await readGgufFileInfo(path, { logWarnings: false });
    expect(info.version).toBe(3);
    expect(info.metadata.general.architecture).toBe('llama');
    expect(info.metadata.general.file_type).toBe(1);
    expect(info.architectureMetadata.context_length).toBe(tinyModelContextLength);
    const tokenizer = info.metadata.tokenizer;
    expect(tokenizer.ggml.model).toBe('llama');
    const tokens = tokenizer.ggml.tokens;
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens).toContain('<0x0A>');
    expect(tokens).toContain('<|im_end|>');
    expect(tokenizer.chat_template).toContain('<|im_start|>');
    expect(info.tensorInfo?.map((t) => t.name)).toContain('blk.1.ffn_down.weight');
  });
});

describe('float16Bits', () => {
  it('rounds to the nearest half, ties to even, with subnormals and specials', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(0.1)).toBe(0x2e66);
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(65520)).toBe(0x7c00); // rounds up to infinity
    expect(float16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float16Bits(2 ** -26)).toBe(0x0000);
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie: stays even
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie: rounds to even
    expect(float16Bits(-0)).toBe(0x8000);
    expect(float16Bits(Number.POSITIVE_INFINITY)).toBe(0x7c00);
    expect(float16Bits(Number.NaN) & 0x7c00).toBe(0x7c00);
  });
});

describe('encodeGguf', () => {
  it('refuses a tensor whose data does not fit its shape, and duplicate keys', () => {
    const tensor = { name: 't', dims: [4], type: 'f32' as const, data: new Uint8Array(15) };
    expect(() => encodeGguf({ metadata: [], tensors: [tensor], alignment: 32 })).toThrow(/needs 16/);
    const key = ['a', { type: 'u32', value: 1 }] as const;
    expect(() => encodeGguf({ metadata: [key, key], tensors: [], alignment: 32 })).toThrow(/twice/);
  });
});
