import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ModelMetadata, ModelProgress, ModelStatus } from '../contract/model.ts';
import { checkAction } from './action-schema.ts';
import { generationSignal } from './generation-signal.ts';
import { StatusBroadcaster, runInOrder } from './host-state.ts';
import { ModelError, throwIfAborted } from './model-error.ts';
import type { ActionRequest, ActionResult, ChatMessage, GenerateRequest, GenerateResult, LoadOptions, ModelHost, TokenUsage } from './model-host.ts';
import { readScript } from './model-script.ts';
import type { ModelScript, ScriptTurn } from './model-script.ts';

/** A nominal context for budgets; the script has none of its own. */
const scriptContextSize = 4096;

/** What the agent asked for at each call, in order: tests check what reached the model. */
export interface ScriptedCall {
  readonly kind: 'generate' | 'action';
  readonly messages: readonly ChatMessage[];
}

/**
 * Replays a model script (see model-script.ts) through the same ModelHost interface as the
 * node-llama-cpp host, so tests and demos run the real agent loop deterministically. Tokens are
 * counted as 4 characters each.
 */
export class ScriptedHost implements ModelHost {
  readonly kind = 'scripted' as const;
  readonly #status = new StatusBroadcaster({ state: 'empty', host: 'scripted', model: null, error: null, runtime: null, memory: null, lastTokensPerSecond: null });
  #script: ModelScript | undefined;
  #next = 0;
  #calls: ScriptedCall[] = [];
  #lifetime = new AbortController();
  #order = runInOrder();

  /** A host with `script` already loaded (tests), or empty until `load(path)`. */
  constructor(script?: ModelScript, source = 'inline script') {
    if (script !== undefined) this.#use(script, { path: source, sizeBytes: 0 });
  }

  async inspect(path: string): Promise<ModelMetadata> {
    const { script, sizeBytes } = await readScript(path);
    return metadataOf(script, path, sizeBytes);
  }

  status(): ModelStatus {
    return this.#status.current;
  }

  onStatus(listener: (status: ModelStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  /** Every call so far, with the messages it was given. */
  calls(): readonly ScriptedCall[] {
    return this.#calls;
  }

  load(path: string, options: LoadOptions = {}): Promise<ModelStatus> {
    const report = (progress: number, phase: ModelProgress['phase']) => options.onProgress?.({ path, progress, phase });
    report(0, 'reading');
    this.#lifetime.abort(new ModelError('aborted', 'Another script is being loaded.'));
    this.#lifetime = new AbortController();
    this.#script = undefined;
    this.#status.update({ state: 'loading', model: null, error: null });
    return this.#order(async () => {
      try {
        throwIfAborted(options.signal);
        const { script, sizeBytes } = await readScript(path);
        throwIfAborted(options.signal);
        this.#use(script, { path, sizeBytes });
        report(1, 'ready');
        return this.#status.current;
      } catch (error) {
        this.#status.update({ state: 'failed', error: (error as Error).message });
        report(0, 'failed');
        throw error;
      }
    });
  }

  #use(script: ModelScript, file: { path: string; sizeBytes: number }): void {
    this.#script = script;
    this.#next = 0;
    this.#calls = [];
    this.#status.update({ state: 'ready', model: metadataOf(script, file.path, file.sizeBytes), error: null });
  }

  unload(): Promise<void> {
    this.#lifetime.abort(new ModelError('aborted', 'The script was unloaded.'));
    this.#lifetime = new AbortController();
    return this.#order(async () => {
      this.#script = undefined;
      this.#status.update({ state: 'empty', model: null, error: null });
    });
  }

  countTokens(text: string): number {
    return Math.ceil(text.length / 4);
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    return this.#turn('generate', request, async (turn, index, signal) => {
      if (!('text' in turn)) throw mismatch(index, 'an action', 'free text (generate)');
      const chunks = typeof turn.text === 'string' ? [turn.text] : turn.text;
      // The cap cuts the text as a real model would stop: at maxTokens tokens of 4 characters.
      let budget = request.maxTokens * 4;
      let text = '';
      for (const chunk of chunks) {
        if (budget <= 0) break;
        await pause(turn.delayMs, signal);
        const piece = chunk.slice(0, budget);
        budget -= piece.length;
        text += piece;
        request.onText?.(piece);
      }
      const full = chunks.join('');
      return { text, stopReason: text.length < full.length ? 'maxTokens' : 'end', usage: this.#usage(request.messages, text) };
    });
  }

  nextAction(request: ActionRequest): Promise<ActionResult> {
    return this.#turn('action', request, async (turn, index, signal) => {
      if (!('action' in turn)) throw mismatch(index, 'free text', 'an action (nextAction)');
      let action;
      try {
        action = checkAction(request.actions, turn.action);
      } catch (error) {
        throw new ModelError('invalid_action', `Script turn ${index + 1}: ${(error as Error).message}`);
      }
      const raw = JSON.stringify(turn.action);
      if (this.countTokens(raw) > request.maxTokens) throw new ModelError('truncated', `Script turn ${index + 1} needs more than maxTokens (${request.maxTokens}) tokens.`);
      await pause(turn.delayMs, signal);
      request.onText?.(raw);
      return { action, mode: request.mode === 'native' ? 'native' : 'grammar', raw, usage: this.#usage(request.messages, raw) };
    });
  }

  #turn<T>(kind: ScriptedCall['kind'], request: GenerateRequest, play: (turn: ScriptTurn, index: number, signal: AbortSignal) => Promise<T>): Promise<T> {
    let signal: AbortSignal;
    try {
      signal = generationSignal(request, this.#lifetime.signal);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.#order(async () => {
      throwIfAborted(signal);
      const script = this.#script;
      if (script === undefined) throw new ModelError('not_loaded', 'No model script is loaded.');
      const index = this.#next;
      const turn = script.turns[index];
      const wanted = kind === 'generate' ? 'free text (generate)' : 'an action (nextAction)';
      if (turn === undefined) throw new ModelError('script_exhausted', `The script has ${script.turns.length} turns, all played; call ${index + 1} asked for ${wanted}.`);
      this.#next++;
      this.#calls.push({ kind, messages: request.messages });
      return play(turn, index, signal);
    });
  }

  #usage(messages: readonly ChatMessage[], output: string): TokenUsage {
    const inputTokens = messages.reduce((sum, message) => sum + this.countTokens(message.content) + (message.role === 'assistant' ? (message.toolCalls ?? []).reduce((n, call) => n + this.countTokens(call.result), 0) : 0), 0);
    const outputTokens = this.countTokens(output);
    return { inputTokens, outputTokens, contextTokens: inputTokens + outputTokens, contextSize: scriptContextSize, timeToFirstTokenMs: null, tokensPerSecond: null };
  }
}

const mismatch = (index: number, is: string, asked: string) =>
  new ModelError('script_mismatch', `Script turn ${index + 1} is ${is}, but the agent asked for ${asked}.`);

async function pause(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (ms === undefined || ms === 0) return throwIfAborted(signal);
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throwIfAborted(signal);
  }
}

function metadataOf(script: ModelScript, path: string, sizeBytes: number): ModelMetadata {
  return {
    path,
    fileName: basename(path),
    sizeBytes,
    ggufVersion: null,
    name: script.name ?? null,
    architecture: 'script',
    parameters: null,
    sizeLabel: null,
    quantisation: null,
    contextLength: scriptContextSize,
    layers: null,
    chatTemplate: { present: false, wrapper: null },
    toolCalling: 'grammar',
  };
}
