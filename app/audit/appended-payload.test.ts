import { describe, expect, it } from 'vitest';
import { AuditAppendedSchema } from '../contract/audit.ts';
import { appendedPayload } from './appended-payload.ts';
import { encodeEvent } from './event-body.ts';
import { syntheticEvent } from './synthetic-events.ts';

describe('appendedPayload', () => {
  it('is a contract-valid summary of the event', () => {
    const { event } = encodeEvent({ ...syntheticEvent(3), summary: 'x'.repeat(500) }, 4, '2025-01-01T00:00:00.000Z');
    const payload = appendedPayload(event);
    expect(AuditAppendedSchema.parse(payload)).toEqual(payload);
    expect(payload).toMatchObject({ seq: 4, kind: 'tool_call', tool: event.tool, sessionId: event.sessionId });
    expect(payload.summary).toHaveLength(200);
  });
});
