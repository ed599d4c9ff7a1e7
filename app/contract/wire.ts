import { z } from 'zod';
import { WardenErrorSchema } from './result.ts';

/** Messages on the headless console's WebSocket. Payloads are validated again by the dispatcher. */
export const ClientMessageSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(100),
  input: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('response'),
    id: z.number().int().nonnegative(),
    result: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: WardenErrorSchema }),
    ]),
  }),
  z.object({ type: z.literal('event'), name: z.string().min(1).max(100), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Electron IPC channel names: one per contract entry, never a generic "invoke anything". */
export const ipcRequestChannel = (name: string): string => `warden:request:${name}`;
export const ipcEventChannel = (name: string): string => `warden:event:${name}`;
