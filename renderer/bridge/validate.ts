import type { Result, ServerMessage } from '../../app/contract/index.ts';
import { ServerMessageSchema, events, isEventName, isRequestName, requests } from '../../app/contract/index.ts';

export type Incoming =
  | { readonly kind: 'message'; readonly message: ServerMessage }
  /** A response we cannot read, but whose id we can: its request fails now instead of timing out. */
  | { readonly kind: 'broken-response'; readonly id: number }
  | { readonly kind: 'invalid' };

/** Parses one frame from the server: JSON, then the wire schema. Nothing unchecked gets further. */
export function parseIncoming(data: unknown): Incoming {
  if (typeof data !== 'string') return { kind: 'invalid' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { kind: 'invalid' };
  }
  const parsed = ServerMessageSchema.safeParse(json);
  if (parsed.success) return { kind: 'message', message: parsed.data };
  if (typeof json === 'object' && json !== null && 'type' in json && json.type === 'response' && 'id' in json) {
    const id = json.id;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return { kind: 'broken-response', id };
  }
  return { kind: 'invalid' };
}

/** Checks a successful answer's value against the contract's output schema for that request. */
export function checkResponse(name: string, result: Result<unknown>): Result<unknown> {
  if (!result.ok) return result;
  if (!isRequestName(name)) return { ok: false, error: { code: 'unknown_channel', message: `Unknown request ${name}.` } };
  const checked = requests[name].output.safeParse(result.value);
  if (checked.success) return { ok: true, value: checked.data };
  return {
    ok: false,
    error: { code: 'internal', message: `The answer to ${name} does not match the contract this console was built with.` },
  };
}

/** Checks an event's payload against the contract; `undefined` means drop it. */
export function checkEvent(name: string, payload: unknown): { name: string; payload: unknown } | undefined {
  if (!isEventName(name)) return undefined;
  const checked = events[name].payload.safeParse(payload);
  return checked.success ? { name, payload: checked.data } : undefined;
}
