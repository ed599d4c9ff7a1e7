import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AuditEventInput } from '../contract/audit.ts';
import { AuditEventInputSchema } from '../contract/audit.ts';
import type { ToolCallRecord } from './tool-call-recorder.ts';

describe('ToolCallRecord', () => {
  it('is an audit event input, so core connects the recorder to the trail as it is', () => {
    expectTypeOf<ToolCallRecord>().toExtend<AuditEventInput>();
    const record: ToolCallRecord = {
      kind: 'tool_call',
      status: 'blocked',
      actor: 'session 1',
      summary: 'read_file: outside the perimeter',
      tool: 'read_file',
      args: { path: '../x' },
      decidedBy: { kind: 'system', name: 'validation' },
      durationMs: 1,
      interface: 'cli',
      details: { callId: 'c1', risk: 'read', isolation: 'full', failure: null },
    };
    expect(AuditEventInputSchema.safeParse(record).success).toBe(true);
  });
});
