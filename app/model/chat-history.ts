import type { ChatHistoryItem, ChatModelResponse } from 'node-llama-cpp';
import type { ChatMessage } from './model-host.ts';
import { ModelError } from './model-error.ts';

/**
 * The agent's messages as node-llama-cpp's chat history, ending with the model turn to generate.
 * - `plain` and `grammar`: a tool call is the JSON action the model wrote, and its result comes
 *   back as the next user turn (a model without a function-calling template knows no other way);
 *   grammar mode also appends the action instructions to the system message.
 * - `native`: tool calls become function calls with results inside the model's turn, which the
 *   chat wrapper renders in the model's own format.
 */
export type HistoryMode = 'plain' | 'grammar' | 'native';

export function checkMessages(messages: readonly ChatMessage[]): void {
  if (messages.length === 0) throw new ModelError('invalid_request', 'Give at least one message.');
  messages.forEach((message, i) => {
    if (message.role === 'system' && i !== 0) throw new ModelError('invalid_request', 'Only the first message may be the system message.');
  });
}

export function toChatHistory(messages: readonly ChatMessage[], mode: HistoryMode, actionsPrompt?: string): ChatHistoryItem[] {
  checkMessages(messages);
  const history: ChatHistoryItem[] = [];
  if (actionsPrompt !== undefined) {
    const first = messages[0];
    const system = first?.role === 'system' ? `${first.content}\n\n${actionsPrompt}` : actionsPrompt;
    history.push({ type: 'system', text: system });
  }
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        if (actionsPrompt === undefined) history.push({ type: 'system', text: message.content });
        break;
      case 'user':
        history.push({ type: 'user', text: message.content });
        break;
      case 'assistant': {
        const calls = message.toolCalls ?? [];
        const text = message.content === '' ? [] : [message.content];
        if (mode === 'native') {
          history.push({
            type: 'model',
            response: [...text, ...calls.map((call) => ({ type: 'functionCall' as const, name: call.tool, params: call.args, result: call.result }))],
          });
          break;
        }
        if (calls.length === 0) history.push({ type: 'model', response: text });
        calls.forEach((call, i) => {
          const action = JSON.stringify({ tool: call.tool, args: call.args });
          history.push({ type: 'model', response: i === 0 ? [...text, action] : [action] });
          history.push({ type: 'user', text: call.result });
        });
        break;
      }
    }
  }
  // The last model turn is the one generated; a turn that ended in tool calls continues after their results.
  const last = history.at(-1);
  if (last?.type !== 'model') history.push({ type: 'model', response: [] } satisfies ChatModelResponse);
  return history;
}
