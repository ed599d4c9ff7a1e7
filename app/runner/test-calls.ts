import type { PreparedCall } from '../tools/prepared-call.ts';
import { findTool } from '../tools/manifests.ts';

/**
 * A prepared call as validation would hand it over (defaults filled, paths canonical), for
 * runner tests that must not import app/policy. The escape tests go through the real validation.
 */
export function preparedCall(name: string, args: Record<string, unknown>, extra: Partial<Omit<PreparedCall, 'tool' | 'args'>> = {}): PreparedCall {
  const tool = findTool(name);
  if (tool === undefined) throw new Error(`no tool ${name}`);
  const parsed = tool.params.parse(args) as Record<string, unknown>;
  const paths = tool.paths.map((param) => ({ arg: param.arg, path: String(parsed[param.arg]), access: param.access, exists: true }));
  return { tool, args: parsed, paths, ...extra };
}

/** run_command with argv[0] given as an absolute program path. */
export function commandCall(argv: [string, ...string[]], cwd: string, stdin?: string): PreparedCall {
  return preparedCall('run_command', { argv, cwd, ...(stdin === undefined ? {} : { stdin }) }, { executable: { path: argv[0], real: argv[0] } });
}
