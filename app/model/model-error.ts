import { WardenError } from '../contract/result.ts';
import type { ErrorCode } from '../contract/result.ts';

/**
 * Why a model call failed, for the agent loop to branch on:
 * - `not_loaded`: no model (or script) is loaded;
 * - `aborted`: the caller's signal fired (Stop, the kill switch) or the model was unloaded;
 * - `invalid_path`, `not_found`, `invalid_file`: the model file cannot be used;
 * - `load_failed`: node-llama-cpp could not load it (memory, unsupported architecture, ...);
 * - `download_failed`: a download the person asked for did not complete;
 * - `invalid_request`: messages, maxTokens or the action schema are unusable;
 * - `unsupported_schema`: a tool's JSON schema has something a grammar cannot express;
 * - `truncated`: maxTokens ran out before the action was complete;
 * - `invalid_action`: the output does not match the action schema;
 * - `invalid_script`, `script_exhausted`, `script_mismatch`: the scripted host's script is wrong.
 */
export const modelErrorReasons = [
  'not_loaded',
  'aborted',
  'invalid_path',
  'not_found',
  'invalid_file',
  'load_failed',
  'download_failed',
  'invalid_request',
  'unsupported_schema',
  'truncated',
  'invalid_action',
  'invalid_script',
  'script_exhausted',
  'script_mismatch',
] as const;
export type ModelErrorReason = (typeof modelErrorReasons)[number];

const codeOf: Record<ModelErrorReason, ErrorCode> = {
  not_loaded: 'unavailable',
  aborted: 'unavailable',
  invalid_path: 'invalid_input',
  not_found: 'not_found',
  invalid_file: 'invalid_input',
  load_failed: 'unavailable',
  download_failed: 'unavailable',
  invalid_request: 'invalid_input',
  unsupported_schema: 'invalid_input',
  truncated: 'internal',
  invalid_action: 'internal',
  invalid_script: 'invalid_input',
  script_exhausted: 'internal',
  script_mismatch: 'internal',
};

/** A WardenError, so a core handler answers with its code; `reason` is the finer cause. */
export class ModelError extends WardenError {
  readonly reason: ModelErrorReason;
  constructor(reason: ModelErrorReason, message: string, options?: { cause?: unknown }) {
    super(codeOf[reason], message);
    this.name = 'ModelError';
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export function isModelError(error: unknown, reason?: ModelErrorReason): error is ModelError {
  return error instanceof ModelError && (reason === undefined || error.reason === reason);
}

/** Rejects with `aborted` if the signal has fired; call between awaits. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ModelError('aborted', 'The model call was stopped.', { cause: signal.reason });
}
