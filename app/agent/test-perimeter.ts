import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Policy } from '../contract/policy.ts';
import type { ActionTool } from '../model/index.ts';
import { defaultPolicy, judgeCall } from '../policy/index.ts';
import type { ApprovalGate, Runner, ToolCallRequest } from '../runner/index.ts';
import { MemoryRecorder, createToolCallPipeline } from '../runner/index.ts';
import type { AgentTools } from './agent-loop.ts';

/**
 * The real perimeter (validation, policy, approval gate, pipeline, audit records) around a runner
 * that does the file tools' work in this process, so the agent's tests run anywhere; the core's
 * tests run the same loop against the real sandbox. The offered schemas mirror the manifests'
 * (app/agent may not import app/tools).
 */

const path = { type: 'string', minLength: 1, maxLength: 4096 };
const object = (properties: Record<string, unknown>) => ({ type: 'object', properties, additionalProperties: false });

export const testTools: readonly ActionTool[] = [
  { name: 'list_dir', description: 'List a directory.', parameters: object({ path }) },
  { name: 'read_file', description: 'Read a text file.', parameters: object({ path }) },
  { name: 'write_file', description: 'Create or replace a file.', parameters: object({ path, content: { type: 'string', maxLength: 100_000 }, createDirs: { type: 'boolean' } }) },
];

function inProcessRunner(): Runner {
  const isolation = { level: 'full' as const, user: { name: 'test', uid: 1000, dedicated: true }, via: 'uid-drop' as const, sandbox: 'bubblewrap' as const, missing: [], checkedAt: new Date(0).toISOString() };
  return {
    isolation,
    plan: {} as Runner['plan'],
    preview: async () => null,
    recheck: async () => isolation,
    cancelAll: () => 0,
    run: async ({ call }) => {
      const args = call.args as { path: string; content?: string };
      const done = (output: Record<string, unknown>) => ({ ok: true, output: JSON.parse(JSON.stringify(output)) as Record<string, never>, failure: null, message: `${call.tool.name} done.`, durationMs: 1 });
      switch (call.tool.name) {
        case 'list_dir': {
          const names = readdirSync(args.path).sort();
          return done({ path: args.path, entries: names.map((name) => ({ name, type: 'file', bytes: statSync(join(args.path, name)).size })), total: names.length, truncated: false });
        }
        case 'read_file':
          return done({ path: args.path, content: readFileSync(args.path, 'utf8'), truncated: false });
        case 'write_file':
          writeFileSync(args.path, args.content ?? '');
          return done({ path: args.path, created: true });
        default:
          return { ok: false, output: null, failure: 'tool-error', message: `${call.tool.name} is not in the test runner.`, durationMs: 1 };
      }
    },
  };
}

export interface TestPerimeter {
  readonly workspace: string;
  readonly recorder: MemoryRecorder;
  /** Every request the agent made of the perimeter. */
  readonly requests: ToolCallRequest[];
  readonly tools: AgentTools;
  policy: Policy;
  cleanup(): void;
}

/** A workspace with `files` in it, the default policy on it, and `gate` answering asks (deny by default). */
export function testPerimeter(files: Record<string, string> = {}, gate?: ApprovalGate): TestPerimeter {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'warden-agent-test-')));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(workspace, name), content);
  const recorder = new MemoryRecorder();
  const requests: ToolCallRequest[] = [];
  const perimeter: TestPerimeter = {
    workspace,
    recorder,
    requests,
    policy: defaultPolicy(workspace, new Date()),
    tools: {
      offered: () => testTools,
      call: (request) => {
        requests.push(request);
        return pipeline.call(request);
      },
    },
    cleanup: () => rmSync(workspace, { recursive: true, force: true }),
  };
  const pipeline = createToolCallPipeline({
    runner: inProcessRunner(),
    policy: () => perimeter.policy,
    judge: judgeCall,
    recorder,
    ...(gate === undefined ? {} : { approvals: gate }),
  });
  return perimeter;
}
