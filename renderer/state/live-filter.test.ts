import { describe, expect, it } from 'vitest';
import { LiveBuffer } from './live-buffer.ts';
import { update } from './live-fixtures.ts';
import { hasLiveFilter, isStatusFilter, liveView, matchesLive } from './live-filter.ts';

function filled(): LiveBuffer {
  const buffer = new LiveBuffer(100);
  buffer.apply([
    update('a', { sessionId: 's1', tool: 'read_file' }),
    update('b', { sessionId: 's2', tool: 'write_file' }),
    update('c', { sessionId: null, tool: 'delete_path', state: 'asked' }),
    update('d', { sessionId: 's1', tool: 'write_file', state: 'finished', status: 'success' }),
    update('e', { sessionId: 's2', tool: 'read_file', state: 'finished', status: 'failure' }),
  ]);
  return buffer;
}

describe('liveView', () => {
  it('shows every row newest first, without copying', () => {
    const buffer = filled();
    const view = liveView(buffer, {});
    expect(view.count).toBe(5);
    expect(view.at(0)?.id).toBe('e');
    expect(view.at(4)?.id).toBe('a');
    expect(view.at(5)).toBeUndefined();
    expect(view.at(-1)).toBeUndefined();
    expect(view.indexOfSeq(5)).toBe(0);
    expect(view.indexOfSeq(1)).toBe(4);
    expect(view.indexOfSeq(9)).toBe(-1);
    expect(view.newerThan(3)).toBe(2);
    expect(view.newerThan(0)).toBe(5);
    expect(view.newerThan(99)).toBe(0);
  });

  it('filters by session (including none), tool and status', () => {
    const buffer = filled();
    const ids = (filters: Parameters<typeof liveView>[1]) => {
      const view = liveView(buffer, filters);
      return Array.from({ length: view.count }, (_, i) => view.at(i)?.id);
    };
    expect(ids({ session: 's1' })).toEqual(['d', 'a']);
    expect(ids({ session: null })).toEqual(['c']);
    expect(ids({ tool: 'read_file' })).toEqual(['e', 'a']);
    expect(ids({ status: 'active' })).toEqual(['c', 'b', 'a']);
    expect(ids({ status: 'failure' })).toEqual(['e']);
    expect(ids({ session: 's2', tool: 'write_file', status: 'queued' })).toEqual(['b']);
    const view = liveView(buffer, { session: 's1' });
    expect(view.indexOfSeq(4)).toBe(0);
    expect(view.indexOfSeq(2)).toBe(-1);
    // Rows newer than seq 1 that match: d (4).
    expect(view.newerThan(1)).toBe(1);
    expect(view.newerThan(3)).toBe(1);
  });

  it('knows its filter values', () => {
    expect(hasLiveFilter({})).toBe(false);
    expect(hasLiveFilter({ session: null })).toBe(true);
    expect(isStatusFilter('active')).toBe(true);
    expect(isStatusFilter('finished')).toBe(false);
    const row = filled().get('c');
    expect(row && matchesLive({ status: 'asked' }, row)).toBe(true);
  });
});
