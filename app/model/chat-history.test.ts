import { describe, expect, it } from 'vitest';
import { toChatHistory } from './chat-history.ts';
import type { ChatMessage } from './model-host.ts';
import { isModelError } from './model-error.ts';

const conversation: ChatMessage[] = [
  { role: 'system', content: 'You are careful.' },
  { role: 'user', content: 'What is in /w?' },
  { role: 'assistant', content: '', toolCalls: [{ tool: 'list_dir', args: { path: '/w' }, result: '<data>a.txt</data>' }] },
];

describe('toChatHistory', () => {
  it('grammar mode: the call as the JSON action, its result as the next user turn, instructions in the system turn', () => {
    expect(toChatHistory(conversation, 'grammar', 'Reply with JSON.')).toEqual([
      { type: 'system', text: 'You are careful.\n\nReply with JSON.' },
      { type: 'user', text: 'What is in /w?' },
      { type: 'model', response: ['{"tool":"list_dir","args":{"path":"/w"}}'] },
      { type: 'user', text: '<data>a.txt</data>' },
      { type: 'model', response: [] },
    ]);
  });

  it('native mode: function calls with results inside the model turn, which the model continues', () => {
    expect(toChatHistory(conversation, 'native')).toEqual([
      { type: 'system', text: 'You are careful.' },
      { type: 'user', text: 'What is in /w?' },
      { type: 'model', response: [{ type: 'functionCall', name: 'list_dir', params: { path: '/w' }, result: '<data>a.txt</data>' }] },
    ]);
  });

  it('adds a system turn for the instructions when there is none, and an empty model turn to generate', () => {
    expect(toChatHistory([{ role: 'user', content: 'Hi' }], 'grammar', 'Reply with JSON.')).toEqual([
      { type: 'system', text: 'Reply with JSON.' },
      { type: 'user', text: 'Hi' },
      { type: 'model', response: [] },
    ]);
  });

  it('refuses an empty conversation and a system message after the first', () => {
    for (const messages of [[], [{ role: 'user', content: 'a' }, { role: 'system', content: 'b' }]] as ChatMessage[][]) {
      let caught: unknown;
      try {
        toChatHistory(messages, 'plain');
      } catch (error) {
        caught = error;
      }
      expect(isModelError(caught, 'invalid_request')).toBe(true);
    }
  });
});
