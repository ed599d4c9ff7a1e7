export type { AgentTools, LoopOptions } from './agent-loop.ts';
export type { AgentEvent } from './agent-session.ts';
export type { AgentSessions, AgentSessionsOptions, StartRequest } from './agent-sessions.ts';
export { createAgentSessions } from './agent-sessions.ts';
