import type { AuditEvent, AuditEventInput, AuditJsonObject } from '../contract/audit.ts';
import { auditExcerptMax } from '../contract/audit.ts';
import { canonicalJson } from './canonical-json.ts';

/** Largest canonical `args` or `details` kept whole; bigger ones are replaced by a marked preview. */
const maxObjectChars = 32_768;
const previewChars = 2_048;

export interface EncodedEvent {
  readonly event: AuditEvent;
  /** The canonical JSON of `event`: the bytes the MAC covers and the store keeps. */
  readonly body: string;
  /** The canonical JSON of `event.args`, reused as the search text. */
  readonly argsJson: string;
}

/**
 * Builds the stored form of an event. Oversized fields are clamped rather than refused, because an
 * event that cannot be recorded is worse than one that is shortened (and says so). The excerpt keeps
 * its last characters: the end of the instruction is what led to the call.
 */
export function encodeEvent(input: AuditEventInput, seq: number, ts: string): EncodedEvent {
  const args = input.args === undefined ? undefined : boundedObject(input.args);
  const details = input.details === undefined ? undefined : boundedObject(input.details);
  const event: AuditEvent = {
    kind: input.kind,
    status: input.status,
    actor: clamp(input.actor, 200),
    summary: clamp(input.summary, 2000),
    seq,
    ts,
  };
  if (input.sessionId !== undefined) event.sessionId = clamp(input.sessionId, 200);
  if (input.tool !== undefined) event.tool = clamp(input.tool, 200);
  if (args !== undefined) event.args = args.value;
  if (input.excerpt !== undefined) {
    event.excerpt = input.excerpt.length > auditExcerptMax ? input.excerpt.slice(-auditExcerptMax) : input.excerpt;
  }
  if (input.decision !== undefined) event.decision = input.decision;
  if (input.decidedBy !== undefined) {
    event.decidedBy = { kind: input.decidedBy.kind, name: clamp(input.decidedBy.name, 200) };
  }
  if (input.durationMs !== undefined) event.durationMs = Math.max(0, input.durationMs);
  if (input.interface !== undefined) event.interface = input.interface;
  if (details !== undefined) event.details = details.value;

  // Top-level keys written in sorted order by hand (one canonicalJson pass over args/details only);
  // a test checks the result equals canonicalJson(event).
  const s = JSON.stringify;
  let body = `{"actor":${s(event.actor)}`;
  if (args !== undefined) body += `,"args":${args.json}`;
  if (event.decidedBy !== undefined) {
    body += `,"decidedBy":{"kind":${s(event.decidedBy.kind)},"name":${s(event.decidedBy.name)}}`;
  }
  if (event.decision !== undefined) body += `,"decision":${s(event.decision)}`;
  if (details !== undefined) body += `,"details":${details.json}`;
  if (event.durationMs !== undefined) body += `,"durationMs":${canonicalJson(event.durationMs)}`;
  if (event.excerpt !== undefined) body += `,"excerpt":${s(event.excerpt)}`;
  if (event.interface !== undefined) body += `,"interface":${s(event.interface)}`;
  body += `,"kind":${s(event.kind)},"seq":${seq}`;
  if (event.sessionId !== undefined) body += `,"sessionId":${s(event.sessionId)}`;
  body += `,"status":${s(event.status)},"summary":${s(event.summary)}`;
  if (event.tool !== undefined) body += `,"tool":${s(event.tool)}`;
  body += `,"ts":${s(ts)}}`;
  return { event, body, argsJson: args?.json ?? '' };
}

/** Parses a stored body; the store wrote it from a checked event, so it has the event's shape. */
export function decodeBody(body: string): AuditEvent {
  return JSON.parse(body) as AuditEvent;
}

function clamp(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

function boundedObject(value: AuditJsonObject): { value: AuditJsonObject; json: string } {
  const json = canonicalJson(value);
  if (json.length <= maxObjectChars) return { value, json };
  const marked: AuditJsonObject = { truncated: true, originalChars: json.length, preview: json.slice(0, previewChars) };
  return { value: marked, json: canonicalJson(marked) };
}
