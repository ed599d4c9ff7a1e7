import { describe, expect, it } from 'vitest';
import { gridKey } from './grid-keys.ts';

describe('gridKey', () => {
  it('moves within the loaded rows', () => {
    expect(gridKey('ArrowDown', 3, 10, 5)).toEqual({ type: 'move', index: 4 });
    expect(gridKey('ArrowUp', 0, 10, 5)).toEqual({ type: 'move', index: 0 });
    expect(gridKey('ArrowDown', 9, 10, 5)).toEqual({ type: 'move', index: 9 });
    expect(gridKey('PageDown', 2, 10, 5)).toEqual({ type: 'move', index: 6 });
    expect(gridKey('PageUp', 2, 10, 5)).toEqual({ type: 'move', index: 0 });
    expect(gridKey('End', 2, 10, 5)).toEqual({ type: 'move', index: 9 });
    expect(gridKey('Home', 2, 10, 5)).toEqual({ type: 'move', index: 0 });
  });

  it('starts on the first row when none is active', () => {
    expect(gridKey('ArrowDown', -1, 10, 5)).toEqual({ type: 'move', index: 0 });
    expect(gridKey('End', -1, 10, 5)).toEqual({ type: 'move', index: 9 });
    expect(gridKey('Enter', -1, 10, 5)).toBeNull();
  });

  it('opens and closes the drawer, and leaves other keys alone', () => {
    expect(gridKey('Enter', 2, 10, 5)).toEqual({ type: 'open' });
    expect(gridKey('Escape', 2, 10, 5)).toEqual({ type: 'close' });
    expect(gridKey('a', 2, 10, 5)).toBeNull();
    expect(gridKey('ArrowDown', -1, 0, 5)).toBeNull();
  });
});
