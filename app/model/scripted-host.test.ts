import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelStatusSchema } from '../contract/model.ts';
import { buildActionSchema } from './action-schema.ts';
import type { ModelScript } from './model-script.ts';
import { ScriptedHost } from './scripted-host.ts';
import { rejection } from './test-rejection.ts';

const dir = mkdtempSync(join(tmpdir(), 'warden-scripted-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pathArgs = z.toJSONSchema(z.object({ path: z.string().max(64) }).strict(), { io: 'input' });
const actions = buildActionSchema([
  { name: 'list_dir', description: 'List a directory.', parameters: pathArgs },
  { name: 'read_file', description: 'Read a file.', parameters: pathArgs },
]);
const ask = [{ role: 'user' as const, content: 'What is in the workspace?' }];

const script: ModelScript = {
  version: 1,
  name: 'list, read, answer',
  turns: [
    { action: { tool: 'list_dir', args: { path: '.' } } },
    { action: { tool: 'read_file', args: { path: 'notes.txt' } } },
    { action: { final: 'It holds notes.txt.' } },
    { text: ['It holds ', 'notes.txt', '.'], delayMs: 5 },
  ],
};

describe('ScriptedHost', () => {
  it('replays actions and streamed text through the ModelHost interface', async () => {
    const host = new ScriptedHost(script);
    expect(host.status()).toMatchObject({ state: 'ready', host: 'scripted', model: { name: 'list, read, answer', architecture: 'script' } });
    expect(ModelStatusSchema.parse(host.status())).toEqual(host.status());
    const streamed: string[] = [];
    const first = await host.nextAction({ messages: ask, actions, maxTokens: 100, onText: (chunk) => streamed.push(chunk) });
    expect(first).toMatchObject({ action: { kind: 'tool', tool: 'list_dir', args: { path: '.' } }, mode: 'grammar' });
    expect(streamed).toEqual(['{"tool":"list_dir","args":{"path":"."}}']);
    const withResult = [...ask, { role: 'assistant' as const, content: '', toolCalls: [{ tool: 'list_dir', args: { path: '.' }, result: 'notes.txt' }] }];
    expect((await host.nextAction({ messages: withResult, actions, maxTokens: 100 })).action).toEqual({ kind: 'tool', tool: 'read_file', args: { path: 'notes.txt' } });
    expect((await host.nextAction({ messages: withResult, actions, maxTokens: 100 })).action).toEqual({ kind: 'final', answer: 'It holds notes.txt.' });

    const chunks: string[] = [];
    const answer = await host.generate({ messages: ask, maxTokens: 100, onText: (chunk) => chunks.push(chunk) });
    expect(chunks).toEqual(['It holds ', 'notes.txt', '.']);
    expect(answer).toMatchObject({ text: 'It holds notes.txt.', stopReason: 'end', usage: { outputTokens: 5 } });
    expect(host.calls().map((call) => call.kind)).toEqual(['action', 'action', 'action', 'generate']);
    expect(host.calls()[1]?.messages).toBe(withResult);

    const exhausted = await rejection(host.nextAction({ messages: ask, actions, maxTokens: 100 }));
    expect(exhausted.reason).toBe('script_exhausted');
    expect(exhausted.message).toMatch(/4 turns, all played; call 5 asked for an action/);
  });

  it('fails clearly when a turn is the wrong kind or does not fit the action schema', async () => {
    const host = new ScriptedHost({ version: 1, turns: [{ text: 'hi' }, { action: { tool: 'delete_path', args: { path: '/' } } }, { action: { tool: 'list_dir', args: { path: 'x'.repeat(65) } } }] });
    const wrongKind = await rejection(host.nextAction({ messages: ask, actions, maxTokens: 100 }));
    expect(wrongKind).toMatchObject({ reason: 'script_mismatch', message: 'Script turn 1 is free text, but the agent asked for an action (nextAction).' });
    const notOffered = await rejection(host.nextAction({ messages: ask, actions, maxTokens: 100 }));
    expect(notOffered.reason).toBe('invalid_action');
    expect(notOffered.message).toMatch(/Script turn 2: .*"delete_path" is not offered/);
    const tooLong = await rejection(host.nextAction({ messages: ask, actions, maxTokens: 100 }));
    expect(tooLong.message).toMatch(/Script turn 3: .*args\.path is longer than 64 characters/);
  });

  it('cuts text at maxTokens (4 characters a token) and stops when aborted', async () => {
    const host = new ScriptedHost({ version: 1, turns: [{ text: ['abcdefgh', 'ijkl'] }, { text: ['one ', 'two ', 'three'], delayMs: 50 }] });
    expect(await host.generate({ messages: ask, maxTokens: 2 })).toMatchObject({ text: 'abcdefgh', stopReason: 'maxTokens' });
    const controller = new AbortController();
    const seen: string[] = [];
    const stopped = await rejection(
      host.generate({
        messages: ask,
        maxTokens: 100,
        signal: controller.signal,
        onText: (chunk) => {
          seen.push(chunk);
          controller.abort();
        },
      }),
    );
    expect(stopped.reason).toBe('aborted');
    expect(seen).toEqual(['one ']);
  });

  it('loads a script file with progress, and refuses a malformed one', async () => {
    const path = join(dir, 'demo.json');
    writeFileSync(path, JSON.stringify(script));
    const host = new ScriptedHost();
    expect(host.status().state).toBe('empty');
    expect((await rejection(host.generate({ messages: ask, maxTokens: 10 }))).reason).toBe('not_loaded');
    const progress: number[] = [];
    const loading = host.load(path, { onProgress: (p) => progress.push(p.progress) });
    expect(progress).toEqual([0]);
    expect((await loading).model).toMatchObject({ fileName: 'demo.json', name: 'list, read, answer' });
    expect(progress).toEqual([0, 1]);
    expect(await host.inspect(path)).toMatchObject({ architecture: 'script', ggufVersion: null });

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, turns: [{ action: { final: 'x' }, text: 'y' }] }));
    const invalid = await rejection(host.load(bad));
    expect(invalid.reason).toBe('invalid_script');
    expect(invalid.message).toMatch(/bad\.json is not a model script at turns\.0/);
    expect(host.status()).toMatchObject({ state: 'failed', model: null });
    mkdirSync(join(dir, 'folder.json'));
    expect((await rejection(host.load(join(dir, 'folder.json')))).reason).toBe('invalid_path');
    expect((await rejection(host.load('relative.json'))).reason).toBe('invalid_path');
  });
});
