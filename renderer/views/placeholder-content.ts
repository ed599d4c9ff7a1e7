import type { ViewId } from '../routing/views.ts';

export interface PlaceholderContent {
  /** One sentence: what this view is for. */
  readonly summary: string;
  /** What the finished view will show and let a person do. */
  readonly planned: readonly string[];
  /** The capability that delivers it, and where it lives in the codebase. */
  readonly capability: string;
  readonly modules: readonly string[];
}

/** The honest description of each view that is not built yet. */
export const placeholders: Record<Exclude<ViewId, 'overview'>, PlaceholderContent> = {
  live: {
    summary: 'Every tool call the agent makes, as it happens.',
    planned: [
      'A live list of tool calls moving through their states: queued, asked, approved or denied, running, finished.',
      'Filters by tool, state, risk class and session.',
      'A detail panel with the validated arguments, the policy decision and its reason, timings and the (redacted) output.',
    ],
    capability: 'Governed tool calls: schema validation, policy, the sandboxed runner and their pushed events',
    modules: ['app/tools', 'app/policy', 'app/runner'],
  },
  approvals: {
    summary: 'Destructive or policy-flagged actions waiting for a person to decide.',
    planned: [
      'Pending requests with their full arguments, a diff of what would change, the list of files touched and an excerpt of the instruction that led to them.',
      'Where untrusted content was involved, where it came from.',
      'Approve, deny, or remember the decision as a rule; keyboard A to approve and D to deny.',
      'No answer in time means deny; a restart never approves anything.',
    ],
    capability: 'Human approval: the pending queue, timeouts that default to deny, remembered rules',
    modules: ['app/approvals'],
  },
  agent: {
    summary: 'Run a task with the local model and watch each step.',
    planned: [
      'A model picker for the local GGUF models.',
      'A task box, the answer streamed as it is written, and a timeline of every step and tool call.',
      'A Stop button that ends the session and its running tools.',
    ],
    capability: 'Agent sessions on the local model (node-llama-cpp), with the instruction and data planes kept apart',
    modules: ['app/agent', 'app/model', 'app/guard'],
  },
  audit: {
    summary: 'Search the tamper-evident record of every tool call and decision.',
    planned: [
      'Full-text search with filters for time, tool, outcome, session and interface.',
      'A detail drawer for each entry showing its place in the hash chain and whether the chain holds.',
      'Verify the whole chain, export as JSONL or CSV, and a chart of events per hour.',
    ],
    capability: 'The audit trail: append-only, hash-chained, searchable, verifiable and exportable',
    modules: ['app/audit'],
  },
  secrets: {
    summary: 'Credentials the agent’s tools may use, kept in the OS keychain.',
    planned: [
      'Whether the OS keychain is available.',
      'The list of secrets with their scope (which tools may use them) and when each was last used.',
      'Add, rotate and delete. Values are never shown here, not even after saving.',
    ],
    capability: 'Keychain secrets with metadata, injected only at run time and redacted from every outgoing string',
    modules: ['app/secrets'],
  },
  policy: {
    summary: 'The perimeter the agent works inside.',
    planned: [
      'What the agent can read, write, reach over the network and run.',
      'The rules, in the order they apply: deny, then ask, then allow.',
      'The isolation level of this machine, and what an admin has accepted.',
    ],
    capability: 'Perimeter and policy: directories, network allowlist, enabled tools, allow/ask/deny rules',
    modules: ['app/policy', 'app/runner'],
  },
  alerts: {
    summary: 'Rules that watch the audit stream, and the incident kill switch.',
    planned: [
      'Alert rules over the audit stream, and the alerts they raised recently.',
      'The kill switch: stop the agent, kill running tools, deny everything pending and lock the tools.',
    ],
    capability: 'Monitoring: alert rules, notifications and the kill switch',
    modules: ['app/monitor'],
  },
  readiness: {
    summary: 'Whether this installation meets the production-readiness checks.',
    planned: [
      'Each check with its result and how to fix a failure: isolation, authentication, keychain, audit chain, policy and more.',
      'The same checks as the `warden doctor` command.',
    ],
    capability: 'Readiness checks',
    modules: ['app/monitor'],
  },
};
