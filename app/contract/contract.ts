import type { z } from 'zod';
import { agentEvents, agentRequests } from './agent.ts';
import { approvalsEvents, approvalsRequests } from './approvals.ts';
import { auditEvents, auditRequests } from './audit.ts';
import { modelEvents, modelRequests } from './model.ts';
import { policyEvents, policyRequests } from './policy.ts';
import { secretsEvents, secretsRequests } from './secrets.ts';
import { systemEvents, systemRequests } from './system.ts';
import { toolsEvents, toolsRequests } from './tools.ts';

/**
 * Every request channel and pushed event, by name ("area.action").
 * A new capability adds its area's file and spreads it in here; handlers, the preload,
 * the WebSocket bridge and the renderer hooks all follow from these two objects.
 */
export const requests = {
  ...systemRequests,
  ...auditRequests,
  ...secretsRequests,
  ...policyRequests,
  ...toolsRequests,
  ...approvalsRequests,
  ...modelRequests,
  ...agentRequests,
};

export const events = {
  ...systemEvents,
  ...auditEvents,
  ...secretsEvents,
  ...policyEvents,
  ...toolsEvents,
  ...approvalsEvents,
  ...modelEvents,
  ...agentEvents,
};

export type Requests = typeof requests;
export type Events = typeof events;
export type RequestName = keyof Requests & string;
export type EventName = keyof Events & string;
export type InputOf<N extends RequestName> = z.infer<Requests[N]['input']>;
export type OutputOf<N extends RequestName> = z.infer<Requests[N]['output']>;
export type PayloadOf<N extends EventName> = z.infer<Events[N]['payload']>;

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

export const isRequestName = (name: unknown): name is RequestName =>
  typeof name === 'string' && Object.hasOwn(requests, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);
