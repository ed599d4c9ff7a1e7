import type { Verdict } from '../contract/policy.ts';
import type { Decider, JsonObject } from '../contract/tools.ts';

/**
 * What the pipeline tells the audit trail about a tool call: the shape of an audit event input
 * (kind tool_call), so core connects it to the store with `record: (e) => trail.append(e)`.
 * Arguments and details are redacted before they get here.
 */
export interface ToolCallRecord {
  readonly kind: 'tool_call';
  readonly status: 'success' | 'failure' | 'blocked' | 'denied' | 'pending';
  readonly actor: string;
  readonly summary: string;
  readonly sessionId?: string;
  /** The instruction that led to the call; the audit store keeps its last 200 characters. */
  readonly excerpt?: string;
  readonly tool?: string;
  readonly args?: JsonObject;
  readonly decision?: Verdict;
  readonly decidedBy?: Decider;
  readonly durationMs?: number;
  readonly interface?: 'desktop' | 'web' | 'cli';
  readonly details?: JsonObject;
}

export interface ToolCallRecorder {
  record(event: ToolCallRecord): void | Promise<void>;
}

/** Keeps records in memory: for tests, the benchmark, and a console started without an audit store. */
export class MemoryRecorder implements ToolCallRecorder {
  readonly events: ToolCallRecord[] = [];

  record(event: ToolCallRecord): void {
    this.events.push(event);
  }
}
