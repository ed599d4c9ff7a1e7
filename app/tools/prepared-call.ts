import type { Decision } from '../contract/policy.ts';
import type { ToolPreview } from '../contract/tools.ts';
import type { PathAccess, ToolManifest } from './manifest.ts';

/** A path argument after validation: absolute, symlinks resolved, inside the perimeter. */
export interface CheckedPath {
  readonly arg: string;
  readonly path: string;
  readonly access: PathAccess;
  readonly exists: boolean;
}

/** Where an http_request goes, as validation parsed it from the URL. */
export interface RequestTarget {
  readonly url: string;
  readonly hostname: string;
  readonly port: number;
  /** The URL names an IP address rather than a host name. */
  readonly literal: boolean;
}

/** A call that passed validation: what policy judges and the runner runs. */
export interface PreparedCall {
  readonly tool: ToolManifest;
  /** Parsed by the tool's schema (defaults filled in), path arguments replaced by their canonical form. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly paths: readonly CheckedPath[];
  /** run_command: the program argv[0] resolved to (`path` runs, `real` is the file it is after symlinks). */
  readonly executable?: { readonly path: string; readonly real: string };
  /** http_request: where it goes. */
  readonly target?: RequestTarget;
}

/**
 * Validation and policy together, as the pipeline consumes them: either a prepared call with
 * policy's decision, or why validation refused it (unknown tool, bad arguments, a path outside).
 */
export type Judgement =
  | { readonly ok: true; readonly call: PreparedCall; readonly decision: Decision }
  | { readonly ok: false; readonly tool: ToolManifest | undefined; readonly reason: string };

/** Previews the core can show without touching the file system. */
export function staticPreview(call: PreparedCall): ToolPreview | null {
  const args = call.args;
  switch (call.tool.name) {
    case 'move_path':
      return { kind: 'move', from: String(args['from']), to: String(args['to']) };
    case 'run_command':
      return { kind: 'command', argv: (args['argv'] as string[]).slice(), executable: call.executable?.path ?? '', cwd: String(args['cwd']) };
    case 'http_request':
      return { kind: 'request', method: String(args['method']), url: call.target?.url ?? String(args['url']) };
    default:
      return null;
  }
}
