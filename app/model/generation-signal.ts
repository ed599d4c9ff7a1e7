import { checkMessages } from './chat-history.ts';
import { ModelError } from './model-error.ts';
import type { GenerateRequest } from './model-host.ts';

/**
 * What every host does before it queues a generation: the request is checked the same way, and its
 * abort signal is tied to the host's lifetime, so unloading the model ends the generation too.
 */
export function generationSignal(request: GenerateRequest, lifetime: AbortSignal): AbortSignal {
  checkMessages(request.messages);
  if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1) throw new ModelError('invalid_request', 'maxTokens must be a positive integer.');
  return request.signal ? AbortSignal.any([request.signal, lifetime]) : lifetime;
}
