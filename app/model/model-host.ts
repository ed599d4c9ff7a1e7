import type { ModelMetadata, ModelProgress, ModelStatus } from '../contract/model.ts';
import type { JsonObject } from '../contract/tools.ts';
import type { ActionSchema, ModelAction } from './action-schema.ts';

/**
 * What the agent loop needs from a model, implemented by the node-llama-cpp host (a GGUF file)
 * and the scripted host (a replayed script), so the loop is the same code for both.
 *
 * The host keeps no conversation: every call gets the whole message list, and the llama host
 * reuses the evaluated prefix of its context, so resending the history costs only the new tokens.
 * Calls are served one at a time, in order. Every call takes an AbortSignal; when it fires, the
 * call rejects with `ModelError('aborted')` (text streamed so far has already gone to `onText`).
 *
 * The agent loop, the same for both hosts:
 *   const actions = buildActionSchema(enabledTools.map((t) => ({ name: t.name, description: t.description,
 *     parameters: z.toJSONSchema(t.params, { io: 'input' }) })));     // once per session: the llama host caches its grammar per ActionSchema
 *   loop: const { action, usage } = await host.nextAction({ messages, actions, maxTokens, signal, onText });
 *     action.kind === 'tool'  → validation, policy, approval, runner, audit (arguments are still validated:
 *                               a grammar cannot enforce patterns or numeric bounds), then push
 *                               { role: 'assistant', content: '', toolCalls: [{ tool, args, result }] }
 *     action.kind === 'final' → the answer; or `generate` with the same messages to stream it as prose.
 *   Budgets: `usage.contextTokens` / `usage.contextSize` after each call, `countTokens` before adding a result.
 */
export interface ModelHost {
  readonly kind: ModelStatus['host'];

  /** The file's metadata, read without loading it (the llama host reads only the GGUF header). */
  inspect(path: string, options?: { signal?: AbortSignal }): Promise<ModelMetadata>;
  /**
   * Loads a model (the scripted host: a script file), replacing the current one. The first
   * progress report comes synchronously, before this returns its promise.
   */
  load(path: string, options?: LoadOptions): Promise<ModelStatus>;
  /** Stops any running call (it rejects with `aborted`) and frees the model. */
  unload(): Promise<void>;
  status(): ModelStatus;
  /** Called on every change (state, model, runtime, last tokens/s); returns the unsubscribe function. */
  onStatus(listener: (status: ModelStatus) => void): () => void;

  /** Tokens `text` takes in the loaded model, for the agent's budgets (scripted: ~4 characters a token). */
  countTokens(text: string): number;
  /** Free text, streamed: the answer to show the person. */
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** The model's next step as an action under the action schema (see `ActionRequest.mode`). */
  nextAction(request: ActionRequest): Promise<ActionResult>;
}

export interface LoadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ModelProgress) => void;
}

/** A tool call the model made and its result, as the agent recorded them. */
export interface ToolCallTurn {
  readonly tool: string;
  readonly args: JsonObject;
  /** What the model reads back: the agent's labelled (and redacted) rendering of the outcome. */
  readonly result: string;
}

/**
 * The conversation. At most one system message, first. An assistant turn that called tools
 * carries them in `toolCalls`: the host renders them in the model's own function-call format
 * (native mode) or as the JSON action followed by the result as a user turn (grammar mode).
 */
export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ToolCallTurn[] };

interface GenerationOptions {
  readonly messages: readonly ChatMessage[];
  /** A hard cap; always set it (a weak model may never end its turn). */
  readonly maxTokens: number;
  readonly signal?: AbortSignal;
  /** Streamed text, in order. In grammar mode it is the raw JSON of the action. */
  readonly onText?: (chunk: string) => void;
  /** 0 (the default) is greedy and repeatable. */
  readonly temperature?: number;
  readonly seed?: number;
}

export type GenerateRequest = GenerationOptions;

/**
 * - `grammar`: a JSON-schema grammar forces `{"tool", "args"} | {"final"}`; works with any GGUF.
 * - `native`: the model's own function-calling template (node-llama-cpp's chat wrapper), with the
 *   arguments still grammar-constrained; a plain-text reply is the final answer.
 * - `auto` (default): native when the loaded model's metadata says `toolCalling: 'native'` and
 *   every tool name is an identifier, grammar otherwise.
 */
export type ToolCallingMode = 'auto' | 'grammar' | 'native';

export interface ActionRequest extends GenerationOptions {
  readonly actions: ActionSchema;
  readonly mode?: ToolCallingMode;
}

export interface TokenUsage {
  /** Prompt tokens evaluated by this call (a reused prefix is not counted). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Tokens in the context after the call, and its size: the agent's budget. */
  readonly contextTokens: number;
  readonly contextSize: number;
  readonly timeToFirstTokenMs: number | null;
  /** Output tokens per second of decoding (after the first token). */
  readonly tokensPerSecond: number | null;
}

export interface GenerateResult {
  readonly text: string;
  /** `end`: the model ended its turn (or a stop trigger); `maxTokens`: the cap cut it. */
  readonly stopReason: 'end' | 'maxTokens';
  readonly usage: TokenUsage;
}

export interface ActionResult {
  readonly action: ModelAction;
  readonly mode: 'grammar' | 'native';
  /** What the model produced: the JSON in grammar mode, the text or the call in native mode. */
  readonly raw: string;
  readonly usage: TokenUsage;
}
