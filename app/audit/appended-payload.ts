import type { AuditAppended, AuditEvent } from '../contract/audit.ts';

/** The lightweight `audit.appended` payload for a committed event; `audit.get` has the full event. */
export function appendedPayload(event: AuditEvent): AuditAppended {
  const payload: AuditAppended = {
    seq: event.seq,
    ts: event.ts,
    kind: event.kind,
    status: event.status,
    summary: event.summary.slice(0, 200),
  };
  if (event.tool !== undefined) payload.tool = event.tool;
  if (event.sessionId !== undefined) payload.sessionId = event.sessionId;
  return payload;
}
