import { describe, expect, it } from 'vitest';
import type { ApprovalView } from '../../app/contract/index.ts';
import { mergeHistory, sortPending, withRequested, withoutRequest } from './approvals-cache.ts';

const view = (id: string, patch: Partial<ApprovalView> = {}): ApprovalView => ({
  id,
  callId: `call-${id}`,
  sessionId: null,
  actor: 'cli user root',
  tool: 'delete_path',
  risk: 'destructive',
  args: { path: 'victim.txt' },
  reason: 'destructive',
  preview: null,
  instructionExcerpt: '',
  recentSteps: [],
  untrustedSources: [],
  requestedAt: '2026-03-10T12:00:00.000Z',
  expiresAt: '2026-03-10T12:05:00.000Z',
  state: 'pending',
  resolution: null,
  ...patch,
});

describe('pending list', () => {
  it('puts the request the timeout denies first on top', () => {
    const late = view('a', { expiresAt: '2026-03-10T12:09:00.000Z' });
    const soon = view('b', { expiresAt: '2026-03-10T12:01:00.000Z' });
    expect(sortPending([late, soon]).map((v) => v.id)).toEqual(['b', 'a']);
  });

  it('adds a request once, and only a pending one', () => {
    const list = [view('a')];
    expect(withRequested(list, view('a'))).toBe(list);
    expect(withRequested(list, view('b', { state: 'expired' }))).toBe(list);
    expect(withRequested(list, view('b', { expiresAt: '2026-03-10T12:06:00.000Z' })).map((v) => v.id)).toEqual(['a', 'b']);
  });

  it('removes a request, leaving the list as it was when it is not there', () => {
    const list = [view('a'), view('b')];
    expect(withoutRequest(list, 'a').map((v) => v.id)).toEqual(['b']);
    expect(withoutRequest(list, 'z')).toBe(list);
  });
});

describe('mergeHistory', () => {
  it('merges decided and expired, latest resolution first, bounded', () => {
    const resolution = (at: string) => ({ decision: 'deny', by: { kind: 'timeout', name: 't' }, at, interface: null, ruleId: null }) as const;
    const decided = [view('a', { state: 'decided', resolution: resolution('2026-03-10T12:02:00.000Z') })];
    const expired = [
      view('b', { state: 'expired', resolution: resolution('2026-03-10T12:03:00.000Z') }),
      view('c', { state: 'expired', resolution: resolution('2026-03-10T12:01:00.000Z') }),
    ];
    expect(mergeHistory([decided, expired], 10).map((v) => v.id)).toEqual(['b', 'a', 'c']);
    expect(mergeHistory([decided, expired], 2)).toHaveLength(2);
    expect(mergeHistory([[view('p')]], 10)).toEqual([]);
  });
});
