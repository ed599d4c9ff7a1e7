import { LlamaChat, resolveChatWrapper } from 'node-llama-cpp';
import type { ChatHistoryItem, ChatModelFunctions, GbnfJsonSchema, LLamaChatGenerateResponseOptions, Llama, LlamaContext, LlamaJsonSchemaGrammar, LlamaModel } from 'node-llama-cpp';
import type { ModelMetadata, ModelProgress, ModelStatus } from '../contract/model.ts';
import { checkAction, describeActions } from './action-schema.ts';
import type { ActionSchema } from './action-schema.ts';
import { toChatHistory } from './chat-history.ts';
import { generationSignal } from './generation-signal.ts';
import { describeGguf, inspectModelFile } from './gguf-metadata.ts';
import { chooseThreads, contextSizeRange, defaultMaxContextSize, sharedLlama } from './llama-runtime.ts';
import { ModelError, isModelError, throwIfAborted } from './model-error.ts';
import type { ActionRequest, ActionResult, GenerateRequest, GenerateResult, LoadOptions, ModelHost, TokenUsage } from './model-host.ts';
import { StatusBroadcaster, runInOrder } from './host-state.ts';

export interface LlamaHostOptions {
  /** Upper bound of the context size (tokens); the model's trained length and free memory also bound it. */
  readonly maxContextSize?: number;
  /** Decoding threads; by default `chooseThreads` of the machine's math cores. */
  readonly threads?: number;
}

interface Loaded {
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly chat: LlamaChat;
  readonly metadata: ModelMetadata;
  readonly threads: number;
}

/** Native function calls need names a chat template can print as identifiers. */
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Load progress: the header and the runtime first, then the weights, then the context and the chat
// wrapper (resolving it renders the Jinja template against every known format: ~0.6 s on 2 cores).
const progressAt = { reading: 0.01, runtime: 0.05, weights: 0.7, context: 0.75, ready: 1 } as const;

/** The node-llama-cpp host: one model and one context sequence, main-process side only. */
export class LlamaHost implements ModelHost {
  readonly kind = 'llama' as const;
  readonly #options: LlamaHostOptions;
  readonly #status = new StatusBroadcaster({ state: 'empty', host: 'llama', model: null, error: null, runtime: null, memory: null, lastTokensPerSecond: null });
  #loaded: Loaded | undefined;
  /** Aborted by unload and by the next load, so a call in flight stops instead of holding the model. */
  #lifetime = new AbortController();
  #order = runInOrder();
  #grammar: { schema: ActionSchema['jsonSchema']; grammar: Promise<LlamaJsonSchemaGrammar<GbnfJsonSchema>> } | undefined;

  constructor(options: LlamaHostOptions = {}) {
    this.#options = options;
  }

  async inspect(path: string, options: { signal?: AbortSignal } = {}): Promise<ModelMetadata> {
    return (await inspectModelFile(path, { signal: options.signal })).metadata;
  }

  status(): ModelStatus {
    return this.#status.current;
  }

  onStatus(listener: (status: ModelStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  load(path: string, options: LoadOptions = {}): Promise<ModelStatus> {
    let reported = 0;
    const report = (progress: number, phase: ModelProgress['phase']) => {
      // node-llama-cpp delivers some weight-loading callbacks after loadModel resolves: drop stale ones.
      if (progress < reported) return;
      reported = progress;
      try {
        options.onProgress?.({ path, progress, phase });
      } catch {
        // A failing progress listener must not fail the load.
      }
    };
    // Before anything else, so the progress bar moves at once even while the runtime starts (~1 s).
    report(0, 'reading');
    this.#lifetime.abort(new ModelError('aborted', 'Another model is being loaded.'));
    const lifetime = (this.#lifetime = new AbortController());
    const signal = options.signal ? AbortSignal.any([options.signal, lifetime.signal]) : lifetime.signal;
    this.#status.update({ state: 'loading', model: null, error: null, runtime: null, memory: null, lastTokensPerSecond: null });
    return this.#order(async () => {
      try {
        await this.#release();
        this.#loaded = await this.#open(path, signal, report);
        const { llama, model, context, threads, metadata } = this.#loaded;
        this.#status.update({
          state: 'ready',
          model: metadata,
          runtime: { gpu: llama.gpu === false ? null : llama.gpu, gpuLayers: model.gpuLayers, threads, contextSize: context.contextSize },
          memory: { ramBytes: model.memoryUsage.ram + context.memoryUsage.ram, vramBytes: model.memoryUsage.vram + context.memoryUsage.vram },
        });
        report(progressAt.ready, 'ready');
        return this.#status.current;
      } catch (error) {
        const failure = signal.aborted
          ? new ModelError('aborted', 'The model load was stopped.', { cause: signal.reason })
          : isModelError(error)
            ? error
            : new ModelError('load_failed', `node-llama-cpp could not load the model: ${(error as Error).message}`, { cause: error });
        // A load replaced by another one leaves the state to that one; a cancelled one leaves nothing loaded.
        if (!lifetime.signal.aborted) {
          this.#status.update(
            failure.reason === 'aborted'
              ? { state: 'empty', model: null, error: null, runtime: null, memory: null }
              : { state: 'failed', error: failure.message, runtime: null, memory: null },
          );
        }
        report(reported, 'failed');
        throw failure;
      }
    });
  }

  async #open(path: string, signal: AbortSignal, report: (progress: number, phase: ModelProgress['phase']) => void): Promise<Loaded> {
    throwIfAborted(signal);
    const { metadata: header, info } = await inspectModelFile(path, { signal, chatWrapper: false });
    this.#status.update({ model: header });
    report(progressAt.reading, 'starting');
    const llama = await sharedLlama();
    throwIfAborted(signal);
    report(progressAt.runtime, 'loading');
    const model = await llama.loadModel({
      modelPath: path,
      loadSignal: signal,
      onLoadProgress: (fraction) => report(progressAt.runtime + fraction * (progressAt.weights - progressAt.runtime), 'loading'),
    });
    try {
      report(progressAt.weights, 'context');
      const threads = this.#options.threads ?? chooseThreads(llama.cpuMathCores);
      const context = await model.createContext({
        contextSize: contextSizeRange(header.contextLength, this.#options.maxContextSize ?? defaultMaxContextSize),
        threads,
        createSignal: signal,
      });
      report(progressAt.context, 'context');
      // Resolved from the loaded model (its tokenizer helps), once: LlamaChat would resolve it again.
      const chatWrapper = resolveChatWrapper(model, { warningLogs: false });
      const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper, autoDisposeSequence: true });
      return { llama, model, context, chat, threads, metadata: describeGguf(path, header.sizeBytes, info, chatWrapper) };
    } catch (error) {
      await model.dispose();
      throw error;
    }
  }

  unload(): Promise<void> {
    this.#lifetime.abort(new ModelError('aborted', 'The model was unloaded.'));
    this.#lifetime = new AbortController();
    if (this.#loaded !== undefined) this.#status.update({ state: 'unloading' });
    return this.#order(async () => {
      await this.#release();
      this.#status.update({ state: 'empty', model: null, error: null, runtime: null, memory: null, lastTokensPerSecond: null });
    });
  }

  async #release(): Promise<void> {
    const loaded = this.#loaded;
    this.#loaded = undefined;
    this.#grammar = undefined;
    if (loaded === undefined) return;
    loaded.chat.dispose();
    await loaded.context.dispose();
    await loaded.model.dispose();
  }

  #require(): Loaded {
    if (this.#loaded === undefined) throw new ModelError('not_loaded', 'No model is loaded.');
    return this.#loaded;
  }

  countTokens(text: string): number {
    return this.#require().model.tokenize(text).length;
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    return this.#generation(request, async (loaded, options) => {
      const history = toChatHistory(request.messages, 'plain');
      const { response, stopReason, usage } = await this.#respond(loaded, history, options);
      return { text: response.response, stopReason, usage };
    });
  }

  nextAction(request: ActionRequest): Promise<ActionResult> {
    return this.#generation(request, async (loaded, options) => {
      const { actions } = request;
      const nativeFits = actions.tools.every((tool) => identifier.test(tool.name));
      const mode = request.mode === 'native' || (request.mode !== 'grammar' && loaded.metadata.toolCalling === 'native' && nativeFits) ? 'native' : 'grammar';
      if (mode === 'native') {
        if (!nativeFits) throw new ModelError('invalid_request', 'Native tool calls need tool names made of letters, digits and _.');
        const functions: ChatModelFunctions = Object.fromEntries(
          actions.tools.map((tool) => [tool.name, { description: tool.description, params: tool.parameters as GbnfJsonSchema }]),
        );
        const history = toChatHistory(request.messages, 'native');
        const { response, stopReason, usage } = await this.#respond(loaded, history, { ...options, functions, documentFunctionParams: true, maxParallelFunctionCalls: 1 });
        const call = response.functionCalls?.[0];
        if (call !== undefined) {
          const action = checkAction(actions, { tool: call.functionName, args: call.params as unknown });
          return { action, mode, raw: JSON.stringify({ tool: call.functionName, args: call.params as unknown }), usage };
        }
        // A cut-off reply may have been a call in the making (node-llama-cpp drops those silently).
        if (stopReason === 'maxTokens') throw new ModelError('truncated', `maxTokens (${request.maxTokens}) ran out before the model finished its reply.`);
        return { action: { kind: 'final', answer: response.response }, mode, raw: response.response, usage };
      }
      const grammar = await this.#grammarFor(loaded.llama, actions);
      const history = toChatHistory(request.messages, 'grammar', describeActions(actions));
      const { response, stopReason, usage } = await this.#respond(loaded, history, { ...options, grammar });
      let parsed: unknown;
      try {
        parsed = grammar.parse(response.response);
      } catch (error) {
        if (stopReason === 'maxTokens') throw new ModelError('truncated', `maxTokens (${request.maxTokens}) ran out before the action was complete.`);
        throw new ModelError('invalid_action', `The model's action is not valid JSON for the schema: ${(error as Error).message}`, { cause: error });
      }
      return { action: checkAction(actions, parsed), mode, raw: response.response, usage };
    });
  }

  #grammarFor(llama: Llama, actions: ActionSchema): Promise<LlamaJsonSchemaGrammar<GbnfJsonSchema>> {
    // Building a grammar parses the schema; the agent passes the same ActionSchema every step.
    if (this.#grammar?.schema === actions.jsonSchema) return this.#grammar.grammar;
    const grammar = llama.createGrammarForJsonSchema<GbnfJsonSchema>(actions.jsonSchema as GbnfJsonSchema);
    this.#grammar = { schema: actions.jsonSchema, grammar };
    return grammar;
  }

  /** Validates, queues, and maps an abort (the caller's, or unload's) to ModelError('aborted'). */
  #generation<T>(request: GenerateRequest, run: (loaded: Loaded, options: BaseOptions) => Promise<T>): Promise<T> {
    let signal: AbortSignal;
    try {
      signal = generationSignal(request, this.#lifetime.signal);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.#order(async () => {
      throwIfAborted(signal);
      const loaded = this.#require();
      try {
        return await run(loaded, {
          signal,
          maxTokens: request.maxTokens,
          ...(request.onText ? { onTextChunk: request.onText } : {}),
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(request.seed === undefined ? {} : { seed: request.seed }),
        });
      } catch (error) {
        throwIfAborted(signal);
        throw error;
      }
    });
  }

  async #respond(loaded: Loaded, history: ChatHistoryItem[], options: LLamaChatGenerateResponseOptions<ChatModelFunctions>) {
    const meter = loaded.chat.sequence.tokenMeter;
    const inputBefore = meter.usedInputTokens;
    const outputBefore = meter.usedOutputTokens;
    const started = performance.now();
    let firstAt: number | undefined;
    const response = await loaded.chat.generateResponse<ChatModelFunctions>(history, {
      ...options,
      onToken: () => {
        firstAt ??= performance.now();
      },
    });
    const ended = performance.now();
    const outputTokens = meter.usedOutputTokens - outputBefore;
    // Decoding speed after the first token: the first one also pays for evaluating the prompt.
    const tokensPerSecond = firstAt !== undefined && outputTokens > 1 && ended > firstAt ? ((outputTokens - 1) * 1000) / (ended - firstAt) : null;
    const usage: TokenUsage = {
      inputTokens: meter.usedInputTokens - inputBefore,
      outputTokens,
      contextTokens: loaded.chat.sequence.contextTokens.length,
      contextSize: loaded.context.contextSize,
      timeToFirstTokenMs: firstAt === undefined ? null : firstAt - started,
      tokensPerSecond,
    };
    if (tokensPerSecond !== null) this.#status.update({ lastTokensPerSecond: tokensPerSecond });
    const stopReason: GenerateResult['stopReason'] = response.metadata.stopReason === 'maxTokens' ? 'maxTokens' : 'end';
    return { response, stopReason, usage };
  }
}

type BaseOptions = Pick<LLamaChatGenerateResponseOptions, 'signal' | 'maxTokens' | 'onTextChunk' | 'temperature' | 'seed'>;
