import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApprovalCall } from '../contract/approvals.ts';
import type { AuditEventInput } from '../contract/audit.ts';
import type { ApprovalChange, ApprovalQueue, ApprovalsOptions } from './approval-queue.ts';
import { openApprovals } from './approval-queue.ts';
import { fakeClock } from './test-clock.ts';

export const workspace = '/ws';

/** A delete_path call as the runner would hand it over: redacted, paths canonical. */
export function deleteCall(callId: string, path = '/ws/tmp/report.txt', change: Partial<ApprovalCall> = {}): ApprovalCall {
  return {
    callId,
    sessionId: 'session-1',
    actor: 'agent session-1',
    tool: 'delete_path',
    risk: 'destructive',
    args: { path, recursive: false },
    reason: 'delete_path is destructive: a person decides every such call.',
    preview: { kind: 'delete', entries: [{ path, type: 'file', bytes: 120 }], totalEntries: 1, totalBytes: 120, truncated: false },
    instructionExcerpt: 'Clean up the old report.',
    recentSteps: ['list_dir /ws/tmp'],
    untrustedSources: [],
    ...change,
  };
}

/**
 * A queue on a real SQLite file in a temporary directory, with a fake clock, an audit trail that
 * keeps events in memory (and fails on demand), and every change event collected.
 */
export function testQueue(options: Partial<ApprovalsOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'warden-approvals-'));
  const dbPath = join(dir, 'data', 'approvals.db');
  const clock = fakeClock();
  const audit: AuditEventInput[] = [];
  const changes: ApprovalChange[] = [];
  const errors: string[] = [];
  let failAudit = (_event: AuditEventInput): boolean => false;
  const open = (): ApprovalQueue =>
    openApprovals({
      dbPath,
      record: (event) => {
        if (failAudit(event)) throw new Error('audit disk full');
        audit.push(event);
      },
      onChange: (change) => changes.push(change),
      now: clock.now,
      setTimer: clock.setTimer,
      workspace: () => workspace,
      logError: (message) => errors.push(message),
      ...options,
    });
  let queue = open();
  return {
    dir,
    dbPath,
    clock,
    audit,
    changes,
    errors,
    get queue(): ApprovalQueue {
      return queue;
    },
    /** Recording an event for which `when` is true throws, as a full disk would. */
    failAuditWhen(when: (event: AuditEventInput) => boolean): void {
      failAudit = when;
    },
    /** Closing the file is what a crash does to it; the next open is the restart. */
    reopen(): ApprovalQueue {
      queue.close();
      queue = open();
      return queue;
    },
    cleanup(): void {
      queue.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
