import { describe, expect, it } from 'vitest';
import { diffStats, parseUnifiedDiff } from './diff-lines.ts';

describe('parseUnifiedDiff', () => {
  it('numbers the lines of each hunk and tells additions, removals and context apart', () => {
    const diff = ['--- a/notes.txt', '+++ b/notes.txt', '@@ -2,3 +2,3 @@', ' keep', '-old', '+new', ' tail', '\\ No newline at end of file', ''].join('\n');
    const lines = parseUnifiedDiff(diff);
    expect(lines.map((l) => l.kind)).toEqual(['file', 'file', 'hunk', 'ctx', 'del', 'add', 'ctx', 'note']);
    expect(lines.map((l) => [l.oldNo, l.newNo])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [2, 2],
      [3, null],
      [null, 3],
      [4, 4],
      [null, null],
    ]);
    expect(diffStats(lines)).toEqual({ added: 1, removed: 1 });
  });

  it('reads a new file and an empty diff', () => {
    const lines = parseUnifiedDiff('--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n');
    expect(lines.filter((l) => l.kind === 'add').map((l) => l.newNo)).toEqual([1, 2]);
    expect(parseUnifiedDiff('')).toEqual([]);
  });

  it('does not take a removed line starting with "--" for a file header inside a hunk', () => {
    const lines = parseUnifiedDiff('@@ -1 +1 @@\n--- dashes\n+++ pluses\n');
    expect(lines.map((l) => l.kind)).toEqual(['hunk', 'del', 'add']);
  });
});
