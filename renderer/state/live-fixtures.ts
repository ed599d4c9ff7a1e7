import type { ToolCallUpdate } from '../../app/contract/index.ts';

/** Test data for the live buffer's tests: one `toolcall.updated` payload. */
export const t0 = Date.parse('2026-03-10T12:00:00.000Z');
const iso = (ms: number) => new Date(t0 + ms).toISOString();

export function update(id: string, patch: Partial<ToolCallUpdate> = {}, at = 0): ToolCallUpdate {
  return {
    id,
    sessionId: 's1',
    tool: 'write_file',
    risk: 'write',
    state: 'queued',
    status: null,
    args: { path: '/w/a.txt' },
    decision: null,
    decidedBy: null,
    preview: null,
    message: 'Queued.',
    queuedAt: iso(0),
    updatedAt: iso(at),
    durationMs: null,
    ...patch,
  };
}
