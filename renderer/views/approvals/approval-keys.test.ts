import { describe, expect, it } from 'vitest';
import type { ApprovalKeyInput } from './approval-keys.ts';
import { approvalKey, nextActive } from './approval-keys.ts';

const key = (value: string, patch: Partial<ApprovalKeyInput> = {}): ApprovalKeyInput => ({
  key: value,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  repeat: false,
  ownedByTarget: false,
  ...patch,
});

describe('approvalKey', () => {
  it('answers the active card with A, D and R, either case', () => {
    expect(approvalKey(key('a'), 0, 2)).toEqual({ type: 'approve' });
    expect(approvalKey(key('A'), 1, 2)).toEqual({ type: 'approve' });
    expect(approvalKey(key('d'), 0, 2)).toEqual({ type: 'deny' });
    expect(approvalKey(key('r'), 0, 2)).toEqual({ type: 'remember' });
  });

  it('never answers while typing, with a modifier, on a repeat, or with nothing active', () => {
    expect(approvalKey(key('a', { ownedByTarget: true }), 0, 2)).toBeNull();
    expect(approvalKey(key('a', { ctrlKey: true }), 0, 2)).toBeNull();
    expect(approvalKey(key('a', { metaKey: true }), 0, 2)).toBeNull();
    expect(approvalKey(key('a', { altKey: true }), 0, 2)).toBeNull();
    expect(approvalKey(key('a', { repeat: true }), 0, 2)).toBeNull();
    expect(approvalKey(key('a'), -1, 2)).toBeNull();
    expect(approvalKey(key('a'), 0, 0)).toBeNull();
  });

  it('moves with the arrows and leaves the edges to the page', () => {
    expect(approvalKey(key('ArrowDown'), 0, 3)).toEqual({ type: 'move', index: 1 });
    expect(approvalKey(key('ArrowRight'), 1, 3)).toEqual({ type: 'move', index: 2 });
    expect(approvalKey(key('ArrowUp'), 2, 3)).toEqual({ type: 'move', index: 1 });
    expect(approvalKey(key('ArrowLeft'), 1, 3)).toEqual({ type: 'move', index: 0 });
    expect(approvalKey(key('ArrowDown'), 2, 3)).toBeNull();
    expect(approvalKey(key('ArrowUp'), 0, 3)).toBeNull();
    expect(approvalKey(key('ArrowDown'), -1, 3)).toEqual({ type: 'move', index: 0 });
    expect(approvalKey(key('ArrowUp'), -1, 3)).toEqual({ type: 'move', index: 2 });
    expect(approvalKey(key('x'), 0, 3)).toBeNull();
  });
});

describe('nextActive', () => {
  it('keeps the active card while it is there', () => {
    expect(nextActive(['a', 'b'], 'b', ['a', 'b', 'c'])).toBe('b');
  });
  it('moves to the card that followed an answered one, or the last', () => {
    expect(nextActive(['a', 'b', 'c'], 'b', ['a', 'c'])).toBe('c');
    expect(nextActive(['a', 'b', 'c'], 'c', ['a', 'b'])).toBe('b');
    expect(nextActive(['a', 'b'], 'a', [])).toBeNull();
    expect(nextActive([], null, ['x'])).toBe('x');
  });
});
