import { describe, expect, it } from 'vitest';
import { update } from '../../state/live-fixtures.ts';
import { LiveBuffer } from '../../state/live-buffer.ts';
import { liveView } from '../../state/live-filter.ts';
import { anchoredScrollTop } from './live-scroll.ts';

describe('anchoredScrollTop', () => {
  it('keeps the top row in place when new calls arrive above it', () => {
    const buffer = new LiveBuffer(100);
    buffer.apply(Array.from({ length: 20 }, (_, i) => update(`c${i}`)));
    const before = liveView(buffer, {});
    // Row 5 from the top (seq 15) is at the top of the screen, 7 px scrolled into it.
    const top = 5 * 30 + 7;
    buffer.apply([update('n1'), update('n2'), update('n3')]);
    const after = liveView(buffer, {});
    expect(anchoredScrollTop(before, after, top, 30)).toBe(8 * 30 + 7);
  });

  it('counts only the new calls the filter shows', () => {
    const buffer = new LiveBuffer(100);
    buffer.apply(Array.from({ length: 10 }, (_, i) => update(`c${i}`, { tool: i % 2 ? 'a' : 'b' })));
    const filters = { tool: 'a' };
    const before = liveView(buffer, filters);
    buffer.apply([update('n1', { tool: 'b' }), update('n2', { tool: 'a' })]);
    expect(anchoredScrollTop(before, liveView(buffer, filters), 60, 30)).toBe(90);
  });

  it('moves to where a dropped top row would be, and leaves an empty list alone', () => {
    const buffer = new LiveBuffer(5);
    buffer.apply(Array.from({ length: 5 }, (_, i) => update(`c${i}`)));
    const before = liveView(buffer, {});
    buffer.apply([update('n1'), update('n2')]);
    // The two oldest rows (seq 1 at the top of the screen, and 2) were dropped: seq 1 would sit two below seq 3.
    expect(anchoredScrollTop(before, liveView(buffer, {}), 4 * 30 + 5, 30)).toBe(6 * 30 + 5);
    const empty = liveView({ rows: [], dropped: 0 }, {});
    expect(anchoredScrollTop(empty, empty, 0, 30)).toBe(0);
  });
});
