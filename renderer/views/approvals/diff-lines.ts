export type DiffLineKind = 'file' | 'hunk' | 'add' | 'del' | 'ctx' | 'note';

export interface DiffLine {
  readonly kind: DiffLineKind;
  readonly text: string;
  /** Line numbers in the old and the new file, where the line has one. */
  readonly oldNo: number | null;
  readonly newNo: number | null;
}

const hunkHeader = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Splits a unified diff (`diff -u` form) into lines with their kind and line numbers, for colouring. */
export function parseUnifiedDiff(diff: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  const text = diff.endsWith('\n') ? diff.slice(0, -1) : diff;
  if (text === '') return lines;
  for (const line of text.split('\n')) {
    const hunk = hunkHeader.exec(line);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      inHunk = true;
      lines.push({ kind: 'hunk', text: line, oldNo: null, newNo: null });
    } else if (!inHunk && (line.startsWith('--- ') || line.startsWith('+++ '))) {
      lines.push({ kind: 'file', text: line, oldNo: null, newNo: null });
    } else if (inHunk && line.startsWith('+')) {
      lines.push({ kind: 'add', text: line, oldNo: null, newNo: newNo++ });
    } else if (inHunk && line.startsWith('-')) {
      lines.push({ kind: 'del', text: line, oldNo: oldNo++, newNo: null });
    } else if (inHunk && line.startsWith(' ')) {
      lines.push({ kind: 'ctx', text: line, oldNo: oldNo++, newNo: newNo++ });
    } else {
      // "\ No newline at end of file", a truncation marker, anything else.
      lines.push({ kind: 'note', text: line, oldNo: null, newNo: null });
    }
  }
  return lines;
}

export function diffStats(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === 'add') added++;
    else if (line.kind === 'del') removed++;
  }
  return { added, removed };
}
