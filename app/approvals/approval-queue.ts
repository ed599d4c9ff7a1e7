import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type {
  ApprovalAnswer,
  ApprovalCall,
  ApprovalDecided,
  ApprovalResolution,
  ApprovalState,
  ApprovalView,
  ApprovalRulesChanged,
  ApprovalsChanged,
  RememberedRule,
  RuleProposal,
  RuleScope,
} from '../contract/approvals.ts';
import { ApprovalCallSchema, approvalExcerptMax, approvalsPageMax } from '../contract/approvals.ts';
import type { Caller } from '../contract/caller.ts';
import { WardenError } from '../contract/result.ts';
import type { RecordAudit } from './approval-audit.ts';
import { requestedEvent, resolvedEvent, ruleEvent } from './approval-audit.ts';
import { openApprovalStore } from './approval-store.ts';
import { proposeRule } from './propose-rule.ts';
import { ruleMatches } from './rule-match.ts';
import type { ApprovalTimeouts } from './timeouts.ts';
import { checkTimeouts, describeDuration, timeoutFor } from './timeouts.ts';

/** Starts a timer and returns what stops it; tests pass a fake clock's. */
export type SetTimer = (callback: () => void, ms: number) => () => void;

/** What the queue tells watchers, named as the contract's events so core can forward them as they are. */
export type ApprovalChange =
  | { readonly name: 'approvals.requested'; readonly payload: ApprovalView }
  | { readonly name: 'approvals.decided'; readonly payload: ApprovalDecided }
  | { readonly name: 'approvals.expired'; readonly payload: ApprovalDecided }
  | { readonly name: 'approvals.changed'; readonly payload: ApprovalsChanged }
  | { readonly name: 'approvals.rulesChanged'; readonly payload: ApprovalRulesChanged };

export interface ApprovalsOptions {
  /** The queue's own SQLite file, e.g. `<data dir>/approvals.db`; created 0600. */
  readonly dbPath: string;
  readonly record: RecordAudit;
  readonly onChange?: (change: ApprovalChange) => void;
  readonly now?: () => Date;
  readonly timeouts?: ApprovalTimeouts;
  readonly setTimer?: SetTimer;
  /** The policy's canonical workspace, read when a directory rule is proposed. */
  readonly workspace?: () => string;
  readonly logError?: (message: string, error: unknown) => void;
}

export interface DecideAnswer {
  readonly decision: ApprovalAnswer;
  /** Also save the rule `proposeRule` shows; only with approve. */
  readonly remember?: boolean;
  readonly scope?: RuleScope;
}

export interface DecideResult {
  readonly request: ApprovalView;
  /** The remembered rule, or null when none was asked for (or the audit trail could not record it). */
  readonly rule: RememberedRule | null;
}

export interface ApprovalQueue {
  /**
   * Holds a call until a person answers, a remembered rule approves it at once, the timeout
   * denies it, or it is cancelled. Rejects (and asks nobody) when the audit trail cannot record
   * the request; an abort of `signal` cancels it.
   */
  request(call: ApprovalCall, options?: { readonly signal?: AbortSignal }): Promise<ApprovalResolution>;
  /** The first answer wins; a later one gets a 'conflict' error naming who answered and when. */
  decide(id: string, answer: DecideAnswer, caller: Caller): DecideResult;
  /** Denies a pending call by the core (session stop); false when it was not pending. */
  cancel(callId: string, reason: string): boolean;
  /** Denies every pending call, or a session's (kill switch); returns how many. */
  cancelAll(reason: string, filter?: { readonly sessionId?: string }): number;
  list(query?: { readonly state?: ApprovalState; readonly limit?: number }): ApprovalView[];
  pendingCount(): number;
  /** The rule remembering this request would save, in words, or why there is none. */
  proposeRule(id: string, scope?: RuleScope): RuleProposal;
  listRules(): RememberedRule[];
  revokeRule(id: string, caller: Caller): RememberedRule;
  /** Denies what is still waiting in memory; the rows stay pending and the next open expires them. */
  close(): void;
}

interface Waiter {
  readonly resolve: (resolution: ApprovalResolution) => void;
  readonly stop: () => void;
}

const defaultSetTimer: SetTimer = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function alreadyAnswered(view: ApprovalView): string {
  const r = view.resolution;
  if (r === null) return `Approval request ${view.id} is not pending.`;
  const how = `${r.by.kind}${r.interface === null ? '' : `, ${r.interface}`}`;
  return `Already decided: ${r.decision === 'approve' ? 'approved' : 'denied'} by ${r.by.name} (${how}) at ${r.at}.`;
}

/** Opens the queue and denies, as expired by a restart, every request a previous run left pending. */
export function openApprovals(options: ApprovalsOptions): ApprovalQueue {
  const timeouts = options.timeouts ?? {};
  checkTimeouts(timeouts);
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimer ?? defaultSetTimer;
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const store = openApprovalStore(options.dbPath);
  const waiters = new Map<string, Waiter>();
  let closed = false;

  const stamp = (): string => now().toISOString();
  const ensureOpen = (): void => {
    if (closed) throw new WardenError('unavailable', 'The approval queue is closed.');
  };
  const emit = (change: ApprovalChange): void => {
    try {
      options.onChange?.(change);
    } catch (error) {
      logError('an approvals listener failed', error);
    }
  };
  const deny = (kind: 'timeout' | 'restart' | 'system', name: string): ApprovalResolution => ({
    decision: 'deny',
    by: { kind, name },
    at: stamp(),
    interface: null,
    ruleId: null,
  });

  /**
   * Records the answer in the audit trail, then in the database, then wakes the waiting call.
   * An approval the audit trail cannot record becomes a denial: nothing runs unrecorded.
   */
  function settle(view: ApprovalView, state: 'decided' | 'expired', proposed: ApprovalResolution): ApprovalResolution {
    let resolution = proposed;
    try {
      options.record(resolvedEvent(view, state, resolution));
    } catch (error) {
      logError('the audit trail could not record an approval decision', error);
      if (resolution.decision === 'approve') {
        resolution = deny('system', 'the audit trail could not record the approval');
        try {
          options.record(resolvedEvent(view, state, resolution));
        } catch (again) {
          logError('the audit trail could not record an approval decision', again);
        }
      }
    }
    const waiter = waiters.get(view.id);
    waiters.delete(view.id);
    waiter?.stop();
    let saved = false;
    try {
      saved = store.resolve(view.id, state, resolution);
    } finally {
      // A decision that could not be saved lets nothing run.
      waiter?.resolve(saved ? resolution : deny('system', 'the approval queue could not save the decision'));
    }
    if (!saved) throw new Error(`approval request ${view.id} was no longer pending`);
    const payload: ApprovalDecided = { id: view.id, callId: view.callId, tool: view.tool, sessionId: view.sessionId, state, resolution };
    emit(state === 'expired' ? { name: 'approvals.expired', payload } : { name: 'approvals.decided', payload });
    emit({ name: 'approvals.changed', payload: { pending: store.countPending() } });
    return resolution;
  }

  const expire = (id: string, ms: number): void => {
    const timedOut = deny('timeout', `the approval timeout (${describeDuration(ms)})`);
    try {
      const view = store.get(id);
      if (view?.state === 'pending') settle(view, 'expired', timedOut);
    } catch (error) {
      logError('could not expire an approval request', error);
      // Whatever broke, the call that waited is denied rather than left waiting for ever.
      const waiter = waiters.get(id);
      waiters.delete(id);
      waiter?.stop();
      waiter?.resolve(timedOut);
    }
  };

  const cancelView = (view: ApprovalView, reason: string): void => {
    settle(view, 'decided', deny('system', cut(reason, 200)));
  };

  const propose = (view: ApprovalView, scope: RuleScope): RuleProposal => proposeRule(view, { scope, workspace: options.workspace?.() });

  const saveRule = (proposal: Extract<RuleProposal, { available: true }>, view: ApprovalView, caller: Caller): RememberedRule | null => {
    const existing = store.rulesFor(proposal.match.tool).find((rule) => isDeepStrictEqual(rule.match, proposal.match));
    if (existing !== undefined) return existing;
    const rule: RememberedRule = {
      id: randomUUID(),
      match: proposal.match,
      description: proposal.description,
      createdBy: { name: caller.actor, interface: caller.interface },
      createdAt: stamp(),
      fromApproval: view.id,
      lastUsedAt: null,
      useCount: 0,
    };
    try {
      options.record(ruleEvent('saved', rule, caller));
    } catch (error) {
      // A rule nobody can trace is not saved; the approval itself stands.
      logError('the audit trail could not record a remembered rule; it was not saved', error);
      return null;
    }
    store.insertRule(rule);
    emit({ name: 'approvals.rulesChanged', payload: { change: 'saved', count: store.listRules().length } });
    return rule;
  };

  for (const view of store.pending()) settle(view, 'expired', deny('restart', 'Warden restarted before anyone answered'));

  return {
    async request(call, { signal } = {}) {
      ensureOpen();
      const parsed = ApprovalCallSchema.safeParse({ ...call, instructionExcerpt: call.instructionExcerpt.slice(-approvalExcerptMax) });
      if (!parsed.success) throw new WardenError('invalid_input', `Approval request: ${z.prettifyError(parsed.error)}`);
      if (store.getByCallId(call.callId) !== undefined) throw new WardenError('conflict', `Call ${call.callId} was already put to a person.`);
      const timeoutMs = timeoutFor(parsed.data.risk, timeouts);
      const requestedAt = now();
      const view: ApprovalView = {
        ...parsed.data,
        id: randomUUID(),
        requestedAt: requestedAt.toISOString(),
        expiresAt: new Date(requestedAt.getTime() + timeoutMs).toISOString(),
        state: 'pending',
        resolution: null,
      };
      try {
        options.record(requestedEvent(view));
      } catch (error) {
        throw new WardenError('unavailable', `Not asked: the audit trail could not record the request (${messageOf(error)}).`);
      }
      store.insert(view);

      // Once untrusted content is in play, a person looks at every call the guard raised.
      const rule = view.untrustedSources.length === 0 ? store.rulesFor(view.tool).find((r) => ruleMatches(r, view)) : undefined;
      if (rule !== undefined) {
        const resolution = settle(view, 'decided', {
          decision: 'approve',
          by: { kind: 'rule', name: cut(`remembered rule "${rule.description}"`, 200) },
          at: stamp(),
          interface: null,
          ruleId: rule.id,
        });
        if (resolution.decision === 'approve') store.markRuleUsed(rule.id, resolution.at);
        return resolution;
      }

      return new Promise<ApprovalResolution>((resolve) => {
        const stopTimer = setTimer(() => expire(view.id, timeoutMs), timeoutMs);
        const onAbort = (): void => {
          const current = store.get(view.id);
          if (current?.state === 'pending') cancelView(current, 'the caller cancelled before anyone answered');
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.set(view.id, {
          resolve,
          stop: () => {
            stopTimer();
            signal?.removeEventListener('abort', onAbort);
          },
        });
        emit({ name: 'approvals.requested', payload: view });
        emit({ name: 'approvals.changed', payload: { pending: store.countPending() } });
        if (signal?.aborted === true) onAbort();
      });
    },

    decide(id, answer, caller) {
      ensureOpen();
      const view = store.get(id);
      if (view === undefined) throw new WardenError('not_found', `There is no approval request ${id}.`);
      if (view.state !== 'pending') throw new WardenError('conflict', alreadyAnswered(view));
      if (answer.remember === true && answer.decision !== 'approve') throw new WardenError('invalid_input', 'Only an approval can be remembered.');
      const proposal = answer.remember === true ? propose(view, answer.scope ?? 'exact') : undefined;
      if (proposal?.available === false) throw new WardenError('invalid_input', `Not remembered: ${proposal.reason}`);
      const resolution = settle(view, 'decided', {
        decision: answer.decision,
        by: { kind: 'person', name: caller.actor },
        at: stamp(),
        interface: caller.interface,
        ruleId: null,
      });
      const rule = proposal?.available === true && resolution.decision === 'approve' ? saveRule(proposal, view, caller) : null;
      return { request: { ...view, state: 'decided', resolution }, rule };
    },

    cancel(callId, reason) {
      ensureOpen();
      const view = store.getByCallId(callId);
      if (view?.state !== 'pending') return false;
      cancelView(view, reason);
      return true;
    },

    cancelAll(reason, filter = {}) {
      ensureOpen();
      const pending = store.pending().filter((view) => filter.sessionId === undefined || view.sessionId === filter.sessionId);
      for (const view of pending) cancelView(view, reason);
      return pending.length;
    },

    list(query = {}) {
      ensureOpen();
      // SQLite reads a negative LIMIT as no limit at all.
      return store.list(query.state, Math.max(1, Math.min(Math.floor(query.limit ?? 100), approvalsPageMax)));
    },

    pendingCount() {
      ensureOpen();
      return store.countPending();
    },

    proposeRule(id, scope = 'exact') {
      ensureOpen();
      const view = store.get(id);
      if (view === undefined) throw new WardenError('not_found', `There is no approval request ${id}.`);
      return propose(view, scope);
    },

    listRules() {
      ensureOpen();
      return store.listRules();
    },

    revokeRule(id, caller) {
      ensureOpen();
      const rule = store.getRule(id);
      if (rule === undefined) throw new WardenError('not_found', `There is no remembered rule ${id}.`);
      try {
        options.record(ruleEvent('revoked', rule, caller));
      } catch (error) {
        // Revoking only takes a permission away, so it happens even when it cannot be recorded.
        logError('the audit trail could not record a revoked rule', error);
      }
      store.deleteRule(id);
      emit({ name: 'approvals.rulesChanged', payload: { change: 'revoked', count: store.listRules().length } });
      return rule;
    },

    close() {
      if (closed) return;
      closed = true;
      for (const waiter of waiters.values()) {
        waiter.stop();
        waiter.resolve(deny('system', 'Warden stopped before anyone answered'));
      }
      waiters.clear();
      store.close();
    },
  };
}
