import { describe, expect, it } from 'vitest';
import { ToolInfoSchema } from '../contract/tools.ts';
import { findTool, toolManifests } from './manifests.ts';
import { sandboxTools } from './sandbox-tools.ts';
import { toolInfo } from './tool-info.ts';

describe('the tool catalogue', () => {
  it('has the eight tools of issue 5, each with a risk class, and no "execute anything" tool', () => {
    expect(toolManifests.map((t) => [t.name, t.risk, t.runsIn])).toEqual([
      ['list_dir', 'read', 'sandbox'],
      ['read_file', 'read', 'sandbox'],
      ['search_files', 'read', 'sandbox'],
      ['write_file', 'write', 'sandbox'],
      ['move_path', 'write', 'sandbox'],
      ['delete_path', 'destructive', 'sandbox'],
      ['http_request', 'network', 'core'],
      ['run_command', 'exec', 'sandbox'],
    ]);
    expect(findTool('exec')).toBeUndefined();
  });

  it('has a sandboxed implementation for every sandbox tool but run_command (the runner starts the program)', () => {
    const sandboxed = toolManifests.filter((t) => t.runsIn === 'sandbox' && t.name !== 'run_command').map((t) => t.name);
    expect(Object.keys(sandboxTools).sort()).toEqual(sandboxed.sort());
  });

  it('describes every tool for tools.list with a JSON Schema of its parameters', () => {
    for (const tool of toolManifests) {
      const info = ToolInfoSchema.parse(toolInfo(tool, true));
      expect(info.parameters).toMatchObject({ type: 'object', additionalProperties: false });
    }
    expect(toolInfo(findTool('run_command') as never, false).parameters).toMatchObject({ required: ['argv'], properties: { argv: { type: 'array', minItems: 1 } } });
  });

  it('takes run_command arguments as a list, never a shell string', () => {
    const params = findTool('run_command')?.params;
    expect(params?.safeParse({ argv: 'rm -rf /' }).success).toBe(false);
    expect(params?.safeParse({ argv: ['ls', '-la'] }).success).toBe(true);
  });
});
