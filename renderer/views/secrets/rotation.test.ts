import { describe, expect, it } from 'vitest';
import type { SecretInfo } from '../../../app/contract/index.ts';
import { rotationReminders, sortSecrets } from './rotation.ts';

const base: SecretInfo = {
  name: 'A',
  description: '',
  envVar: 'A',
  tools: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  rotatedAt: null,
  lastUsedAt: null,
  rotationDays: null,
  rotationDueAt: null,
  status: 'ok',
};
const now = Date.parse('2025-06-01T00:00:00.000Z');

describe('rotationReminders', () => {
  it('lists the secrets past their due date, most overdue first, whatever their status says', () => {
    const secrets: SecretInfo[] = [
      { ...base, name: 'NO_REMINDER' },
      { ...base, name: 'NOT_YET', rotationDays: 365, rotationDueAt: '2026-01-01T00:00:00.000Z' },
      { ...base, name: 'LATE', rotationDays: 30, rotationDueAt: '2025-05-20T00:00:00.000Z', status: 'unknown' },
      {
        ...base,
        name: 'LATER',
        rotatedAt: '2025-02-01T00:00:00.000Z',
        rotationDays: 30,
        rotationDueAt: '2025-03-03T00:00:00.000Z',
        status: 'rotation-due',
      },
      { ...base, name: 'EXACTLY_NOW', rotationDays: 1, rotationDueAt: '2025-06-01T00:00:00.000Z' },
    ];
    expect(rotationReminders(secrets, now)).toEqual([
      { name: 'LATER', dueAt: '2025-03-03T00:00:00.000Z', rotationDays: 30, setAt: '2025-02-01T00:00:00.000Z' },
      { name: 'LATE', dueAt: '2025-05-20T00:00:00.000Z', rotationDays: 30, setAt: '2025-01-01T00:00:00.000Z' },
      { name: 'EXACTLY_NOW', dueAt: '2025-06-01T00:00:00.000Z', rotationDays: 1, setAt: '2025-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('sortSecrets', () => {
  it('orders by name without changing its input', () => {
    const input = [{ ...base, name: 'B' }, { ...base, name: 'A' }];
    expect(sortSecrets(input).map((s) => s.name)).toEqual(['A', 'B']);
    expect(input.map((s) => s.name)).toEqual(['B', 'A']);
  });
});
