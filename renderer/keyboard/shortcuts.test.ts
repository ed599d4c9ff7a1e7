import { describe, expect, it } from 'vitest';
import type { KeyInput, ShortcutState } from './shortcuts.ts';
import { handleShortcutKey, initialShortcutState, sequenceTimeoutMs, shortcutList } from './shortcuts.ts';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  code: k.length === 1 ? `Key${k.toUpperCase()}` : k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  repeat: false,
  inEditable: false,
  ...extra,
});

function press(keys: KeyInput[], times: number[] = keys.map((_, i) => i * 100)) {
  let state: ShortcutState = initialShortcutState;
  const actions = [];
  for (const [i, input] of keys.entries()) {
    const step = handleShortcutKey(state, input, times[i] ?? 0);
    state = step.state;
    actions.push(step.action);
  }
  return actions.filter((a) => a !== null);
}

describe('g sequences', () => {
  it.each([
    ['o', 'overview'],
    ['l', 'live'],
    ['a', 'approvals'],
    ['g', 'agent'],
    ['u', 'audit'],
    ['s', 'secrets'],
    ['p', 'policy'],
    ['e', 'alerts'],
    ['r', 'readiness'],
  ])('g %s opens %s', (letter, view) => {
    expect(press([key('g'), key(letter)])).toEqual([{ type: 'navigate', view }]);
  });

  it('forgets the g after the timeout or after an unknown letter', () => {
    expect(press([key('g'), key('l')], [0, sequenceTimeoutMs + 1])).toEqual([]);
    expect(press([key('g'), key('x'), key('l')])).toEqual([]);
  });

  it('is silent while typing in a field or with Ctrl/Meta held', () => {
    expect(press([key('g', { inEditable: true }), key('l', { inEditable: true })])).toEqual([]);
    expect(press([key('g'), key('l', { ctrlKey: true })])).toEqual([]);
    expect(press([key('?', { metaKey: true })])).toEqual([]);
  });

  it('marks the first g as handled so the page does not also use it', () => {
    expect(handleShortcutKey(initialShortcutState, key('g'), 0).handled).toBe(true);
    expect(handleShortcutKey(initialShortcutState, key('x'), 0).handled).toBe(false);
  });
});

describe('Alt+digit and ?', () => {
  it('Alt+1..9 opens the views in navigation order, by physical key', () => {
    expect(press([key('¡', { altKey: true, code: 'Digit1' })])).toEqual([{ type: 'navigate', view: 'overview' }]);
    expect(press([key('9', { altKey: true, code: 'Digit9' })])).toEqual([{ type: 'navigate', view: 'readiness' }]);
    expect(press([key('0', { altKey: true, code: 'Digit0' })])).toEqual([]);
    expect(press([key('l', { altKey: true })])).toEqual([]);
  });

  it('? opens the shortcut list', () => {
    expect(press([key('?')])).toEqual([{ type: 'help' }]);
  });

  it('lists a sequence and an Alt digit for every view', () => {
    expect(shortcutList.map((s) => `${s.sequence.join(' ')} ${s.alt}`)).toEqual([
      'g o 1',
      'g l 2',
      'g a 3',
      'g g 4',
      'g u 5',
      'g s 6',
      'g p 7',
      'g e 8',
      'g r 9',
    ]);
  });
});
