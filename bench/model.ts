/**
 * Model benchmark (issue 6): tokens/s and time to first token of the agent's generation path
 * (ModelHost.generate on the node-llama-cpp host) against bare node-llama-cpp (a LlamaChatSession
 * on the same file, same threads, same context size, same prompt, greedy), measured in the same
 * run with the runs interleaved; then decoding speed by thread count, which justifies the rule in
 * app/model/llama-runtime.ts. On the generated tiny model (per-token overhead dominates), on a
 * generated 26M-parameter one (arithmetic dominates), and on any GGUF you point it at.
 *
 *   node bench/model.ts                                  the generated models
 *   WARDEN_BENCH_MODEL=/abs/model.gguf node bench/model.ts   also that model
 *   WARDEN_BENCH_RUNS=25 WARDEN_BENCH_TOKENS=1024 ...        more runs / tokens (default 15 / 512)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { LlamaChatSession, resolveChatWrapper } from 'node-llama-cpp';
import type { ChatWrapper, LlamaContext, LlamaModel } from 'node-llama-cpp';
import { buildActionSchema } from '../app/model/action-schema.ts';
import { LlamaHost } from '../app/model/llama-host.ts';
import { chooseThreads, sharedLlama } from '../app/model/llama-runtime.ts';
import type { ChatMessage } from '../app/model/model-host.ts';
import { writeTinyModel } from '../app/model/tiny-gguf.ts';

const runs = Number(process.env.WARDEN_BENCH_RUNS ?? 15);
const tinyTokens = Number(process.env.WARDEN_BENCH_TOKENS ?? 512);
const threadTokens = 32;
const threadTimeLimitMs = 20_000;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(tinyTokens) || tinyTokens < 2) {
  throw new Error('WARDEN_BENCH_RUNS must be ≥ 1 and WARDEN_BENCH_TOKENS ≥ 2.');
}

interface Sample {
  readonly ttftMs: number;
  readonly tokensPerSecond: number;
  readonly tokens: number;
  /** CPU time of the whole process per output token: what the path costs, whatever else the machine runs. */
  readonly cpuMicrosPerToken: number;
}

const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// A different start every run, so neither side reuses its own evaluated prompt (the host keeps its sequence).
const systemPrompt = (run: number) => `Run ${run}. You are a careful assistant working in a sandboxed workspace.`;
const userPrompt = 'Describe what is in the workspace and what you would look at first.';

/** Decoding speed after the first token (the first also pays for the prompt), as the host reports it. */
function sampleOf(started: number, firstAt: number | undefined, ended: number, tokens: number, cpuStarted: number): Sample {
  if (firstAt === undefined || tokens < 2) throw new Error('The model produced fewer than 2 tokens.');
  return { ttftMs: firstAt - started, tokensPerSecond: ((tokens - 1) * 1000) / (ended - firstAt), tokens, cpuMicrosPerToken: (cpuMicros() - cpuStarted) / tokens };
}

async function bareRun(context: LlamaContext, chatWrapper: ChatWrapper, run: number, maxTokens: number): Promise<Sample> {
  const sequence = context.getSequence();
  try {
    const session = new LlamaChatSession({ contextSequence: sequence, chatWrapper, systemPrompt: systemPrompt(run) });
    const outputBefore = sequence.tokenMeter.usedOutputTokens;
    let firstAt: number | undefined;
    const cpuStarted = cpuMicros();
    const started = performance.now();
    await session.prompt(userPrompt, {
      maxTokens,
      onTextChunk: () => {
        firstAt ??= performance.now();
      },
    });
    return sampleOf(started, firstAt, performance.now(), sequence.tokenMeter.usedOutputTokens - outputBefore, cpuStarted);
  } finally {
    sequence.dispose();
  }
}

async function hostRun(host: LlamaHost, run: number, maxTokens: number): Promise<Sample> {
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(run) },
    { role: 'user', content: userPrompt },
  ];
  let firstAt: number | undefined;
  const cpuStarted = cpuMicros();
  const started = performance.now();
  const result = await host.generate({
    messages,
    maxTokens,
    onText: () => {
      firstAt ??= performance.now();
    },
  });
  return sampleOf(started, firstAt, performance.now(), result.usage.outputTokens, cpuStarted);
}

async function compareHostToBare(host: LlamaHost, context: LlamaContext, chatWrapper: ChatWrapper, maxTokens: number): Promise<void> {
  await bareRun(context, chatWrapper, 0, maxTokens);
  await hostRun(host, 0, maxTokens);
  const bare: Sample[] = [];
  const viaHost: Sample[] = [];
  for (let run = 1; run <= runs; run++) {
    // Alternate which side goes first, so warm caches and clock drift favour neither.
    if (run % 2 === 1) {
      bare.push(await bareRun(context, chatWrapper, run, maxTokens));
      viaHost.push(await hostRun(host, run, maxTokens));
    } else {
      viaHost.push(await hostRun(host, run, maxTokens));
      bare.push(await bareRun(context, chatWrapper, run, maxTokens));
    }
  }
  const rows: Array<[string, Sample[]]> = [
    ['bare LlamaChatSession', bare],
    ['ModelHost.generate', viaHost],
  ];
  console.log(`${'path'.padEnd(24)}${'TTFT ms'.padStart(10)}${'tok/s'.padStart(10)}${'tok/s min–max'.padStart(18)}${'CPU µs/token'.padStart(15)}   (medians)`);
  for (const [name, samples] of rows) {
    const tps = samples.map((s) => s.tokensPerSecond);
    console.log(
      name.padEnd(24) +
        fmt(median(samples.map((s) => s.ttftMs)), 1).padStart(10) +
        fmt(median(tps)).padStart(10) +
        `${fmt(Math.min(...tps))}–${fmt(Math.max(...tps))}`.padStart(18) +
        fmt(median(samples.map((s) => s.cpuMicrosPerToken))).padStart(15),
    );
  }
  // Each run's pair ran back to back: the median of their ratios resists the machine's load drifting.
  const paired = median(viaHost.map((s, i) => s.tokensPerSecond / (bare[i]?.tokensPerSecond ?? Number.NaN)));
  const ofMedians = median(viaHost.map((s) => s.tokensPerSecond)) / median(bare.map((s) => s.tokensPerSecond));
  console.log(`host / bare tokens/s: ${fmt(paired * 100, 1)}% (median of paired runs; ratio of medians ${fmt(ofMedians * 100, 1)}%), target ≥ 95%: ${paired >= 0.95 ? 'met' : 'NOT MET'}`);
}

/** What the agent does each step: one grammar-constrained action, with a new prompt each time. */
async function timeActions(host: LlamaHost): Promise<void> {
  const tool = (name: string) => ({ name, description: `${name} a path.`, parameters: { type: 'object', properties: { path: { type: 'string', maxLength: 64 } }, additionalProperties: false } });
  const actions = buildActionSchema([tool('list_dir'), tool('read_file')], { finalMaxLength: 80 });
  const actionMs: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    await host.nextAction({ messages: [{ role: 'system', content: systemPrompt(run) }, { role: 'user', content: userPrompt }], actions, maxTokens: 200 });
    if (run > 0) actionMs.push(performance.now() - started);
  }
  console.log(`nextAction (grammar, 2 tools, new system prompt each run): median ${fmt(median(actionMs), 1)} ms`);
}

/** The same bare generation with 1, 2 and 4 decoding threads; time-boxed, since oversubscription is slow. */
async function measureThreads(model: LlamaModel, chatWrapper: ChatWrapper, contextSize: number): Promise<void> {
  const byThreads: string[] = [];
  for (const threads of [1, 2, 4]) {
    const context = await model.createContext({ contextSize, threads });
    const sequence = context.getSequence();
    const session = new LlamaChatSession({ contextSequence: sequence, chatWrapper, systemPrompt: systemPrompt(100 + threads) });
    let firstAt: number | undefined;
    const started = performance.now();
    await session.prompt(userPrompt, {
      maxTokens: threadTokens,
      signal: AbortSignal.timeout(threadTimeLimitMs),
      stopOnAbortSignal: true,
      onTextChunk: () => {
        firstAt ??= performance.now();
      },
    });
    const elapsed = performance.now() - (firstAt ?? started);
    const tokens = sequence.tokenMeter.usedOutputTokens;
    // Under ~2 tokens in the time limit there is no decoding rate to speak of: give the bound.
    const rate = tokens >= 2 ? ((tokens - 1) * 1000) / elapsed : (tokens * 1000) / (performance.now() - started);
    byThreads.push(`${threads} → ${tokens >= 2 ? '' : '≤ '}${fmt(rate, rate < 10 ? 1 : 0)} tok/s`);
    await context.dispose();
  }
  const cores = (await sharedLlama()).cpuMathCores;
  console.log(`decoding by threads (${threadTokens} tokens, llama.cpp math cores ${cores}): ${byThreads.join(', ')}; the rule chooses ${chooseThreads(cores)}`);
}

async function benchModel(path: string, maxTokens: number): Promise<void> {
  const llama = await sharedLlama();
  const host = new LlamaHost();
  const status = await host.load(path);
  const { runtime, model: metadata } = status;
  if (runtime === null || metadata === null) throw new Error('The host did not report its runtime.');

  // Bare node-llama-cpp: its own instance of the same file, a context with the host's settings.
  const model: LlamaModel = await llama.loadModel({ modelPath: path });
  const context = await model.createContext({ contextSize: runtime.contextSize, threads: runtime.threads });
  const chatWrapper = resolveChatWrapper(model);
  const params = metadata.parameters === null ? '?' : `${fmt(metadata.parameters / 1e6, 2)}M params`;
  console.log(`\n${basename(path)}: ${metadata.architecture}, ${params}, ${metadata.quantisation ?? '?'}, chat wrapper ${metadata.chatTemplate.wrapper ?? '-'}`);
  console.log(`settings: ${runtime.gpu ?? 'CPU'}, ${runtime.gpuLayers} GPU layers, threads ${runtime.threads}, context ${runtime.contextSize}, ${maxTokens} tokens, greedy, ${runs} runs each (+1 warm-up), interleaved`);
  try {
    await compareHostToBare(host, context, chatWrapper, maxTokens);
    await timeActions(host);
    await measureThreads(model, chatWrapper, runtime.contextSize);
  } finally {
    await context.dispose();
    await model.dispose();
    await host.unload();
  }
}

/** ~26M parameters: big enough that arithmetic, not per-token overhead, sets the decoding speed. */
const computeBoundShape = { embedding: 512, blocks: 8, feedForward: 1408, heads: 8 } as const;

const dir = mkdtempSync(join(tmpdir(), 'warden-bench-model-'));
try {
  const started = performance.now();
  const llama = await sharedLlama();
  console.log(`Model benchmark: node ${process.versions.node}, node-llama-cpp runtime ${llama.gpu === false ? 'CPU' : llama.gpu} (getLlama ${fmt(performance.now() - started)} ms)`);
  // Other work on the machine moves every figure below; the load average says how busy it was.
  console.log(`load average at start: ${loadavg().map((n) => fmt(n, 2)).join(', ')}`);
  const tiny = join(dir, 'tiny.gguf');
  writeTinyModel(tiny);
  await benchModel(tiny, tinyTokens);
  const synthetic = join(dir, 'synthetic-26m.gguf');
  writeTinyModel(synthetic, { shape: computeBoundShape });
  await benchModel(synthetic, Math.min(tinyTokens, 128));
  const extra = process.env.WARDEN_BENCH_MODEL;
  if (extra !== undefined && extra !== '') await benchModel(extra, Math.min(tinyTokens, 128));
  else console.log('\n(set WARDEN_BENCH_MODEL=/abs/path/model.gguf to bench a real model too)');
  console.log(`load average at end: ${loadavg().map((n) => fmt(n, 2)).join(', ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
