import { describe, expect, it } from 'vitest';
import { OperationIdSchema } from '../../app/contract/index.ts';
import type { AuditOperations } from './audit-operations.ts';
import { applyProgress, newOperationId, noOperations } from './audit-operations.ts';

describe('applyProgress', () => {
  const running: AuditOperations = { ...noOperations, verify: { phase: 'running', operationId: 'op-1', done: 0, total: 0 } };

  it('updates only the operation it names', () => {
    const next = applyProgress(running, { operation: 'verify', operationId: 'op-1', done: 50, total: 200 });
    expect(next.verify).toEqual({ phase: 'running', operationId: 'op-1', done: 50, total: 200 });
    expect(next.export).toBe(running.export);
  });

  it('ignores other ids, other operations, stale counts and finished runs', () => {
    expect(applyProgress(running, { operation: 'verify', operationId: 'op-2', done: 5, total: 9 })).toBe(running);
    expect(applyProgress(running, { operation: 'export', operationId: 'op-1', done: 5, total: 9 })).toBe(running);
    const later = applyProgress(running, { operation: 'verify', operationId: 'op-1', done: 50, total: 200 });
    expect(applyProgress(later, { operation: 'verify', operationId: 'op-1', done: 40, total: 200 })).toBe(later);
    expect(applyProgress(noOperations, { operation: 'verify', operationId: 'op-1', done: 1, total: 1 })).toBe(noOperations);
  });
});

describe('newOperationId', () => {
  it('is valid for the contract and different each time', () => {
    const a = newOperationId();
    expect(OperationIdSchema.safeParse(a).success).toBe(true);
    expect(newOperationId()).not.toBe(a);
    expect(newOperationId((bytes) => bytes.fill(255))).toBe(`op-${'ff'.repeat(12)}`);
  });
});
