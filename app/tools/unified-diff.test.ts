import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.ts';

const names = { oldName: 'a/f.txt', newName: 'b/f.txt' };

/** Applies a unified diff to the old text: what the diff claims must be what the new text is. */
function apply(oldText: string, diff: string): string {
  const old = oldText === '' ? [] : oldText.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let at = 0;
  const lines = diff.split('\n').slice(2);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i] as string);
    if (!header) continue;
    const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
    while (at < start) out.push(old[at++] as string);
    for (i++; i < lines.length && !(lines[i] as string).startsWith('@@'); i++) {
      const line = lines[i] as string;
      if (line === '') continue;
      if (line[0] === ' ') {
        expect(old[at]).toBe(line.slice(1));
        out.push(old[at++] as string);
      } else if (line[0] === '-') {
        expect(old[at]).toBe(line.slice(1));
        at++;
      } else if (line[0] === '+') out.push(line.slice(1));
    }
    i--;
  }
  while (at < old.length) out.push(old[at++] as string);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

describe('unifiedDiff', () => {
  it('writes a hunk with three lines of context', () => {
    const oldText = 'a\nb\nc\nd\ne\nf\ng\n';
    const newText = 'a\nb\nc\nD\ne\nf\ng\n';
    expect(unifiedDiff(oldText, newText, names).text).toBe('--- a/f.txt\n+++ b/f.txt\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n');
  });

  it('diffs a new file against /dev/null', () => {
    expect(unifiedDiff('', 'x\ny\n', { oldName: '/dev/null', newName: 'b/n.txt' }).text).toBe('--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+x\n+y\n');
  });

  it('is empty when nothing changes', () => {
    expect(unifiedDiff('same\n', 'same\n', names)).toEqual({ text: '', truncated: false });
  });

  it('splits distant changes into separate hunks', () => {
    const oldText = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const newText = oldText.replace('line 2\n', 'LINE 2\n').replace('line 25', 'LINE 25');
    const diff = unifiedDiff(oldText, newText, names).text;
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(apply(oldText, diff)).toBe(`${newText}\n`);
  });

  it('produces diffs that turn the old text into the new one (random edits)', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const old = Array.from({ length: random(40) }, () => `l${random(8)}`);
      const edited = old.filter(() => random(5) !== 0).flatMap((line) => (random(6) === 0 ? [line, `n${random(8)}`] : [line]));
      if (random(3) === 0) edited.unshift('head');
      const oldText = old.length === 0 ? '' : `${old.join('\n')}\n`;
      const newText = edited.length === 0 ? '' : `${edited.join('\n')}\n`;
      const diff = unifiedDiff(oldText, newText, names).text;
      expect(apply(oldText, diff)).toBe(newText);
    }
  });

  it('falls back to remove-all/add-all beyond its edit budget, still correct', () => {
    const oldText = `${Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n')}\n`;
    const newText = `${Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n')}\n`;
    const diff = unifiedDiff(oldText, newText, { ...names, maxChars: 10_000_000 });
    expect(apply(oldText, diff.text)).toBe(newText);
  });

  it('cuts a long diff with a marker', () => {
    const diff = unifiedDiff('', 'x'.repeat(5000), { ...names, maxChars: 1000 });
    expect(diff.truncated).toBe(true);
    expect(diff.text).toMatch(/\[… diff cut at 1000 characters by Warden\]\n$/);
  });
});
