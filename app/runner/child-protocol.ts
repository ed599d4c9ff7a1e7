import type { JsonObject, ToolPreview } from '../contract/tools.ts';
import type { ToolContext } from '../tools/manifest.ts';

/**
 * What the runner and the sandboxed child say to each other: one JSON request on the child's
 * standard input, one JSON response on its standard output. The version is also written into an
 * installed runtime, so a runtime left by an older Warden is noticed instead of misread.
 */
export const childProtocolVersion = 1;

export interface ChildRequest {
  readonly v: typeof childProtocolVersion;
  /** `ping` checks that the runtime starts in the sandbox; it answers with the child's uid. */
  readonly mode: 'run' | 'preview' | 'ping';
  readonly tool: string;
  /** Parsed and canonicalized by the core. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly context: ToolContext;
}

export type ChildResponse =
  | { readonly ok: true; readonly value: JsonObject | ToolPreview }
  | { readonly ok: false; readonly error: string };
