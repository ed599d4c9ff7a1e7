import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentSession } from '../contract/index.ts';
import { agentCommand } from './agent-command.ts';
import { exitCodes } from './exit-codes.ts';
import { runCli } from './run-cli.ts';

// No console runs on these data dirs: the session runs in this process, where asks are denied at once.
const dir = mkdtempSync(join(tmpdir(), 'warden-agent-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scriptFile(name: string, turns: unknown[]): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ version: 1, name, turns }));
  return path;
}

async function agent(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stream: string[] = [];
  const code = await agentCommand(args, join(dir, 'data'), { out: (l) => out.push(l), err: (l) => err.push(l), stream: (t) => stream.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n'), stream: stream.join('') };
}

const writeTurn = { action: { tool: 'write_file', args: { path: 'out.txt', content: 'hi', createDirs: false } } };

describe('warden agent --script, without a console', () => {
  it('runs the session here: the write asks, nobody can answer, so it is denied and the model answers', async () => {
    const script = scriptFile('write then answer', [writeTurn, { action: { final: 'The write to out.txt was denied.' } }]);
    const run = await agent(['Write hi to out.txt', '--script', script]);
    expect(run.code, run.err).toBe(exitCodes.ok);
    expect(run.err).toMatch(/No console is running: .* denied at once/);
    expect(run.out).toMatch(/^Answer:\nThe write to out\.txt was denied\.\n\nSteps:\n/);
    expect(run.out).toMatch(/2\. tool_call +denied +write_file: denied: Denied by no console is running/);
    expect(run.out).toMatch(/Session \S+: completed after 2 model turn\(s\), \d+ of 8192 tokens\./);
    // Live on stderr: the steps as they happen and the answer as it is written.
    expect(run.stream).toContain('The write to out.txt was denied.');
    expect(run.stream).toMatch(/tool_call +running +write_file/);
  });

  it('prints one JSON document with --json and exits 1 when the session does not complete', async () => {
    const script = scriptFile('too long', [writeTurn, { action: { final: 'never' } }]);
    const run = await agent(['Write hi', '--script', script, '--max-steps', '1', '--json']);
    expect(run.code).toBe(exitCodes.failure);
    const session = JSON.parse(run.out) as AgentSession;
    expect(session).toMatchObject({ status: 'step_limit', turns: 1, maxSteps: 1, model: { kind: 'scripted', label: 'too long' } });
    expect(session.steps.map((s) => s.kind)).toEqual(['thinking', 'tool_call', 'tool_result', 'error']);
    expect(run.stream).toBe('');
  });

  it('explains what is wrong with the command line', async () => {
    const run = async (argv: string[]) => {
      const err: string[] = [];
      const code = await runCli(['agent', ...argv, '--data-dir', join(dir, 'data')], { out: () => undefined, err: (l) => err.push(l) });
      return { code, err: err.join('\n') };
    };
    expect(await run([])).toMatchObject({ code: exitCodes.usage, err: expect.stringMatching(/Usage: warden agent "TASK"/) });
    expect(await run(['task', '--model', '/m.gguf', '--script', '/s.json'])).toMatchObject({ code: exitCodes.usage, err: expect.stringMatching(/not both/) });
    expect(await run(['task'])).toMatchObject({ code: exitCodes.usage, err: expect.stringMatching(/no model is loaded: give --model FILE\.gguf or --script FILE\.json/) });
    expect(await run(['task', '--script', scriptFile('x', [writeTurn]), '--max-steps', 'many'])).toMatchObject({ code: exitCodes.usage });
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{');
    expect(await run(['task', '--script', notJson])).toMatchObject({ code: exitCodes.failure, err: expect.stringMatching(/is not JSON/) });
    const notScript = scriptFile('y', []);
    expect(await run(['task', '--script', notScript])).toMatchObject({ code: exitCodes.failure, err: expect.stringMatching(/agent\.start:[\s\S]*turns/) });
  });
});
