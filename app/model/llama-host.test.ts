import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelMetadataSchema, ModelProgressSchema, ModelStatusSchema } from '../contract/model.ts';
import type { ModelProgress } from '../contract/model.ts';
import { buildActionSchema } from './action-schema.ts';
import { LlamaHost } from './llama-host.ts';
import { chooseThreads, sharedLlama } from './llama-runtime.ts';
import { writeTinyModel } from './tiny-gguf.ts';
import { rejection } from './test-rejection.ts';

// The real node-llama-cpp path on the generated tiny model: one runtime (getLlama) for the file.
const dir = mkdtempSync(join(tmpdir(), 'warden-llama-host-'));
const modelPath = join(dir, 'tiny.gguf');
const host = new LlamaHost();

beforeAll(async () => {
  writeTinyModel(modelPath);
  await sharedLlama();
}, 60_000);
afterAll(async () => {
  await host.unload();
  rmSync(dir, { recursive: true, force: true });
});

const ask = [
  { role: 'system' as const, content: 'You are a careful assistant.' },
  { role: 'user' as const, content: 'What is in the workspace?' },
];

const pathParams = z.object({ path: z.string().min(1).max(64) }).strict();
const tools = [
  { name: 'list_dir', description: 'List a directory.', parameters: z.toJSONSchema(pathParams, { io: 'input' }) },
  { name: 'read_file', description: 'Read a file.', parameters: z.toJSONSchema(pathParams, { io: 'input' }) },
];

describe('LlamaHost on the tiny model', () => {
  it('reads the metadata before loading anything', async () => {
    const metadata = await host.inspect(modelPath);
    expect(metadata).toMatchObject({
      fileName: 'tiny.gguf',
      ggufVersion: 3,
      architecture: 'llama',
      quantisation: 'F16',
      contextLength: 4096,
      layers: 2,
      name: 'warden-tiny-test-model',
      chatTemplate: { present: true, wrapper: 'ChatML' },
      toolCalling: 'grammar',
    });
    expect(ModelMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(metadata.parameters).toBeGreaterThan(100_000);
    expect(metadata.sizeBytes).toBeGreaterThan(200_000);
    expect(host.status().state).toBe('empty');
  });

  it('refuses paths that are not an existing .gguf file', async () => {
    writeFileSync(join(dir, 'fake.gguf'), 'not a model');
    mkdirSync(join(dir, 'folder.gguf'));
    const cases: Array<[string, string]> = [
      ['tiny.gguf', 'invalid_path'],
      [join(dir, 'model.bin'), 'invalid_path'],
      [join(dir, 'missing.gguf'), 'not_found'],
      [join(dir, 'folder.gguf'), 'invalid_path'],
      [join(dir, 'fake.gguf'), 'invalid_file'],
    ];
    for (const [path, reason] of cases) expect((await rejection(host.inspect(path))).reason, path).toBe(reason);
    expect((await rejection(host.load(join(dir, 'missing.gguf')))).reason).toBe('not_found');
    expect(host.status()).toMatchObject({ state: 'failed', error: expect.stringMatching(/no file/) });
  });

  it('stops a load when its signal fires, leaving nothing loaded', async () => {
    const controller = new AbortController();
    const phases: string[] = [];
    const loading = host.load(modelPath, { signal: controller.signal, onProgress: (p) => phases.push(p.phase) });
    controller.abort();
    expect((await rejection(loading)).reason).toBe('aborted');
    expect(phases).toEqual(['reading', 'failed']);
    expect(host.status()).toMatchObject({ state: 'empty', model: null, error: null });
  });

  it('reports load progress at once, then loads', async () => {
    const events: ModelProgress[] = [];
    const statuses: string[] = [];
    const unsubscribe = host.onStatus((status) => statuses.push(status.state));
    const loading = host.load(modelPath, { onProgress: (progress) => events.push(progress) });
    // Synchronously: before the load has read a byte, so well within 100 ms of the click.
    expect(events).toEqual([{ path: modelPath, progress: 0, phase: 'reading' }]);
    const status = await loading;
    unsubscribe();
    expect(events.at(-1)).toEqual({ path: modelPath, progress: 1, phase: 'ready' });
    for (const event of events) ModelProgressSchema.parse(event);
    expect(ModelStatusSchema.parse(status)).toEqual(status);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['starting', 'loading', 'context']));
    const fractions = events.map((e) => e.progress);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(statuses).toEqual(['loading', 'loading', 'ready']);
    const llama = await sharedLlama();
    expect(status).toMatchObject({
      state: 'ready',
      host: 'llama',
      model: { chatTemplate: { wrapper: 'ChatML' } },
      runtime: { threads: chooseThreads(llama.cpuMathCores), contextSize: 4096 },
    });
    expect(chooseThreads(llama.cpuMathCores)).toBeLessThan(Math.max(2, cpus().length));
    expect(status.memory?.ramBytes).toBeGreaterThan(0);
    expect(host.countTokens('hello')).toBeGreaterThan(0);
  });

  it('streams free text in chunks and counts tokens', async () => {
    const chunks: string[] = [];
    const result = await host.generate({ messages: ask, maxTokens: 40, onText: (chunk) => chunks.push(chunk) });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(result.text);
    // The tiny model's end-of-turn has a zero output row: it stops at the cap.
    expect(result.stopReason).toBe('maxTokens');
    expect(result.usage).toMatchObject({ outputTokens: 40, contextSize: 4096 });
    expect(result.usage.inputTokens).toBeGreaterThan(10);
    expect(host.status().lastTokensPerSecond).toBeGreaterThan(0);
    // Resending the same conversation plus a turn re-evaluates only the new tokens.
    const next = await host.generate({ messages: [...ask, { role: 'assistant', content: result.text }, { role: 'user', content: 'And?' }], maxTokens: 5 });
    expect(next.usage.inputTokens).toBeLessThan(result.usage.inputTokens + 20);
  });

  it('stops mid-generation when the signal fires, and stays usable', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const stopped = await rejection(
      host.generate({
        messages: ask,
        maxTokens: 2000,
        signal: controller.signal,
        onText: () => {
          if (++chunks === 5) controller.abort();
        },
      }),
    );
    expect(stopped.reason).toBe('aborted');
    expect(chunks).toBeLessThan(50);
    expect((await host.generate({ messages: ask, maxTokens: 3 })).usage.outputTokens).toBe(3);
  });

  it('produces a grammar-constrained action that parses and validates', async () => {
    const actions = buildActionSchema(tools, { finalMaxLength: 40 });
    const kinds = new Set<string>();
    // Random weights pick a tool or the final answer by chance: sample until both shapes were checked.
    for (let seed = 1; seed <= 20 && kinds.size < 2; seed++) {
      const streamed: string[] = [];
      const result = await host.nextAction({ messages: ask, actions, maxTokens: 200, temperature: 0.8, seed, onText: (chunk) => streamed.push(chunk) });
      expect(result.mode).toBe('grammar');
      expect(streamed.join('')).toBe(result.raw);
      const raw: unknown = JSON.parse(result.raw);
      const action = result.action;
      kinds.add(action.kind);
      if (action.kind === 'tool') {
        expect(['list_dir', 'read_file']).toContain(action.tool);
        expect(pathParams.parse(action.args)).toEqual(action.args);
        expect(raw).toEqual({ tool: action.tool, args: action.args });
      } else {
        expect(action.answer.length).toBeLessThanOrEqual(40);
        expect(raw).toEqual({ final: action.answer });
      }
    }
    expect([...kinds].sort()).toEqual(['final', 'tool']);
  });

  it('reports a native-mode reply the cap cut off as truncated', async () => {
    const actions = buildActionSchema(tools, { finalMaxLength: 40 });
    const truncated = await rejection(host.nextAction({ messages: ask, actions, maxTokens: 20, mode: 'native' }));
    expect(truncated.reason).toBe('truncated');
  });

  it('unloads: a running call stops, later calls say nothing is loaded', async () => {
    let unloading: Promise<void> | undefined;
    const running = host.generate({
      messages: ask,
      maxTokens: 2000,
      onText: () => {
        unloading ??= host.unload();
      },
    });
    expect((await rejection(running)).reason).toBe('aborted');
    await unloading;
    expect(host.status()).toMatchObject({ state: 'empty', model: null, runtime: null });
    expect((await rejection(host.generate({ messages: ask, maxTokens: 3 }))).reason).toBe('not_loaded');
    expect(() => host.countTokens('x')).toThrow(/No model is loaded/);
  });
});
