import type { SetTimer } from './approval-queue.ts';

interface FakeTimer {
  readonly at: number;
  readonly callback: () => void;
  active: boolean;
}

/** A clock and timers that move only when a test says so: timeouts without real waiting. */
export function fakeClock(start = '2026-03-01T09:00:00.000Z') {
  let current = Date.parse(start);
  const timers: FakeTimer[] = [];
  const setTimer: SetTimer = (callback, ms) => {
    const timer: FakeTimer = { at: current + ms, callback, active: true };
    timers.push(timer);
    return () => {
      timer.active = false;
    };
  };
  return {
    now: () => new Date(current),
    setTimer,
    /** Moves time forward, firing due timers in order at their own time. */
    advance(ms: number): void {
      const end = current + ms;
      for (;;) {
        const due = timers.filter((t) => t.active && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        current = due.at;
        due.active = false;
        due.callback();
      }
      current = end;
    },
    activeTimers: (): number => timers.filter((t) => t.active).length,
  };
}
