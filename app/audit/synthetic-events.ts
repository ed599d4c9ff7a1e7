import type { AuditEventInput, AuditStatus } from '../contract/audit.ts';

const tools = ['fs.read', 'fs.write', 'shell.exec', 'web.fetch', 'email.send', 'calendar.create', 'git.commit'];
const statuses: readonly AuditStatus[] = ['success', 'success', 'success', 'success', 'failure', 'blocked', 'denied', 'pending'];
const words = [
  'quarterly', 'report', 'invoice', 'customer', 'backup', 'deploy', 'budget', 'meeting', 'contract', 'draft',
  'summary', 'archive', 'password', 'migration', 'roadmap', 'holiday', 'payroll', 'incident', 'release', 'audit',
];
const word = (n: number): string => words[n % words.length] ?? 'note';

/**
 * A deterministic, realistic-looking tool call (~320 bytes stored) for tests, the durability fixture
 * and the benchmark. Every 997th event mentions "chargeback" in its summary, to give searches a rare term.
 */
export function syntheticEvent(i: number): AuditEventInput {
  const tool = tools[i % tools.length] ?? 'fs.read';
  const status = statuses[(i * 7) % statuses.length] ?? 'success';
  return {
    kind: 'tool_call',
    status,
    actor: `agent ${(i >> 6) % 50}`,
    sessionId: `sess-${(i >> 6).toString(36)}`,
    tool,
    args: { path: `/home/ana/${word(i >> 3)}/${word(i)}-${i % 1000}.md` },
    excerpt: `update the ${word(i * 3)} ${word(i * 5)} for ${word(i * 11)}`,
    decision: status === 'denied' ? 'deny' : 'allow',
    ...(status === 'denied' ? { decidedBy: { kind: 'person', name: 'ana' } } : {}),
    durationMs: (i * 37) % 5000,
    summary: i % 997 === 0 ? `chargeback dispute filed by call ${i}` : `${tool} ${status} on ${word(i)} (${(i * 13) % 9000} bytes)`,
  };
}
