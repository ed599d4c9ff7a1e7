import type { z } from 'zod';
import type { JsonObject, RiskClass, ToolPreview } from '../contract/tools.ts';

/**
 * How a tool uses one of its path arguments; validation canonicalizes the argument by it.
 * - read: the path is read (inside the workspace or a reference directory);
 * - write: the path is created or overwritten (inside the workspace; follows a final symlink);
 * - delete: the path itself is removed or moved away (inside the workspace; a final symlink is
 *   the object, not its target).
 */
export type PathAccess = 'read' | 'write' | 'delete';

/** What must be at the path: an existing file or directory, anything, or nothing yet. */
export type PathExpectation = 'file' | 'dir' | 'any' | 'absent' | 'file-or-absent';

export interface PathParam {
  /** The argument's name in the tool's parameters. */
  readonly arg: string;
  readonly access: PathAccess;
  readonly expect: PathExpectation;
}

export interface ToolManifest<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  /** What the model reads about the tool: what it does and what it cannot do. */
  readonly description: string;
  readonly risk: RiskClass;
  readonly params: S;
  /** Secret names the tool needs in its environment; it receives only those scoped to it. */
  readonly secrets: readonly string[];
  /** Network tools run in the core (the sandbox has no network); everything else in the sandbox. */
  readonly runsIn: 'sandbox' | 'core';
  /** Arguments that are paths, in the order validation checks them. */
  readonly paths: readonly PathParam[];
}

/** What a sandboxed implementation knows about where it runs. Paths in its arguments are canonical. */
export interface ToolContext {
  readonly workspace: string;
  readonly references: readonly string[];
  /** Most bytes of content the tool may return. */
  readonly outputBytes: number;
}

/** A tool that runs in the sandboxed child; `preview` shows the person what a call would change. */
export interface SandboxTool<A> {
  run(args: A, context: ToolContext): Promise<JsonObject>;
  preview?(args: A, context: ToolContext): Promise<ToolPreview>;
}
