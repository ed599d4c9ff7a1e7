import { z } from 'zod';
import type { CheckedPath, PreparedCall, RequestTarget } from '../tools/prepared-call.ts';
import type { ToolManifest } from '../tools/manifest.ts';
import { findTool } from '../tools/manifests.ts';
import type { Perimeter } from './canonical-path.ts';
import { canonicalizePath } from './canonical-path.ts';
import type { PathInspector } from './path-inspector.ts';
import { checkRequestTarget } from './request-target.ts';
import { resolveProgram } from './resolve-program.ts';

export type Validation =
  | { readonly ok: true; readonly call: PreparedCall }
  | { readonly ok: false; readonly tool: ToolManifest | undefined; readonly reason: string };

/**
 * Everything checked before policy: the tool exists, its arguments parse, every path argument is
 * canonical and inside the perimeter, run_command's program resolves, http_request's URL is
 * HTTPS. The result carries the canonical arguments, which are what runs: nothing downstream
 * sees the raw path again.
 */
export function validateCall(name: string, rawArgs: unknown, perimeter: Perimeter, fs: PathInspector): Validation {
  const tool = findTool(name);
  if (tool === undefined) return { ok: false, tool, reason: `There is no tool named "${name.slice(0, 64)}".` };
  const parsed = tool.params.safeParse(rawArgs);
  if (!parsed.success) return { ok: false, tool, reason: `${name}: ${z.prettifyError(parsed.error)}` };
  const args = { ...(parsed.data as Record<string, unknown>) };

  const paths: CheckedPath[] = [];
  for (const param of tool.paths) {
    const raw = args[param.arg];
    if (typeof raw !== 'string') return { ok: false, tool, reason: `${name}: ${param.arg} must be a path.` };
    const checked = canonicalizePath(raw, param, perimeter, fs);
    if (!checked.ok) return { ok: false, tool, reason: checked.reason };
    args[param.arg] = checked.path;
    paths.push({ arg: param.arg, path: checked.path, access: param.access, exists: checked.exists });
  }
  // Two path arguments naming the same object (move a onto a) would be a no-op at best.
  if (new Set(paths.map((p) => p.path)).size !== paths.length) return { ok: false, tool, reason: `${name}: both paths name ${paths[0]?.path}.` };

  let executable: PreparedCall['executable'];
  if (tool.name === 'run_command') {
    const program = resolveProgram((args['argv'] as string[])[0] as string, fs);
    if (!program.ok) return { ok: false, tool, reason: program.reason };
    executable = { path: program.path, real: program.real };
  }
  let target: RequestTarget | undefined;
  if (tool.name === 'http_request') {
    const checked = checkRequestTarget(args['url'] as string);
    if (!checked.ok) return { ok: false, tool, reason: checked.reason };
    target = checked.target;
  }
  return {
    ok: true,
    call: { tool, args, paths, ...(executable === undefined ? {} : { executable }), ...(target === undefined ? {} : { target }) },
  };
}
