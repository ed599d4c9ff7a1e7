/**
 * A unified diff (as `diff -u` writes it) of two texts, line by line, for the approval card of
 * write_file. Myers' algorithm on what is left after the common prefix and suffix; past the
 * bounds below the diff shows the old text removed and the new one added rather than spending
 * the child's memory and CPU limits on an exact answer.
 */

export interface DiffOptions {
  /** Names for the `---` / `+++` header lines. */
  oldName: string;
  newName: string;
  context?: number;
  /** The diff is cut at this many characters, with a marker line. */
  maxChars?: number;
}

export interface UnifiedDiff {
  text: string;
  truncated: boolean;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

const maxEditDistance = 2000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function myers(a: readonly string[], b: readonly string[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // v around the diagonals reachable at each step, kept to walk back along the best path.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxEditDistance); d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[off + k - 1] as number) < (v[off + k + 1] as number)) ? (v[off + k + 1] as number) : (v[off + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d] as Int32Array;
    const at = (k: number): number => v[k + d + 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] as string });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y] as string });
    else ops.push({ kind: '-', line: a[--x] as string });
  }
  return ops.reverse();
}

function diffOps(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle = myers(midA, midB) ?? [
    ...midA.map((line) => ({ kind: '-' as const, line })),
    ...midB.map((line) => ({ kind: '+' as const, line })),
  ];
  return [
    ...a.slice(0, start).map((line) => ({ kind: ' ' as const, line })),
    ...middle,
    ...a.slice(endA).map((line) => ({ kind: ' ' as const, line })),
  ];
}

export function unifiedDiff(oldText: string, newText: string, options: DiffOptions): UnifiedDiff {
  const context = options.context ?? 3;
  const maxChars = options.maxChars ?? 200_000;
  const ops = diffOps(splitLines(oldText), splitLines(newText));
  const out: string[] = [`--- ${options.oldName}`, `+++ ${options.newName}`];
  let oldLine = 1;
  let newLine = 1;
  const positions = ops.map((op) => {
    const at = { old: oldLine, new: newLine };
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
    return at;
  });
  let i = 0;
  while (i < ops.length) {
    if ((ops[i] as Op).kind === ' ') {
      i++;
      continue;
    }
    const from = Math.max(0, i - context);
    let to = i;
    // Extend the hunk while the next change is within 2×context unchanged lines.
    for (let j = i; j < ops.length; j++) {
      if ((ops[j] as Op).kind !== ' ') to = j;
      else if (j - to > 2 * context) break;
    }
    const end = Math.min(ops.length, to + context + 1);
    const hunk = ops.slice(from, end);
    const first = positions[from] as { old: number; new: number };
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    const range = (line: number, count: number): string => `${count === 0 ? line - 1 : line}${count === 1 ? '' : `,${count}`}`;
    out.push(`@@ -${range(first.old, oldCount)} +${range(first.new, newCount)} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    i = end;
  }
  let text = `${out.join('\n')}\n`;
  if (ops.every((op) => op.kind === ' ')) text = '';
  const truncated = text.length > maxChars;
  if (truncated) text = `${text.slice(0, maxChars)}\n[… diff cut at ${maxChars} characters by Warden]\n`;
  return { text, truncated };
}
