import { readFileSync, readdirSync } from 'node:fs';

/**
 * The processes a run consists of, found through /proc: the launched process and everything
 * descended from it. Sandboxed commands call setsid (bwrap --new-session) and so leave the
 * launched process group; walking parent links still finds them.
 */

function parentOf(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [root];
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const ppid = parentOf(pid);
    if (ppid === null) continue;
    const list = children.get(ppid);
    if (list === undefined) children.set(ppid, [pid]);
    else list.push(pid);
  }
  const found: number[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    found.push(pid);
    for (const child of children.get(pid) ?? []) pending.push(child);
  }
  return found;
}

/** Resident memory of these processes together (VmRSS), in bytes; vanished ones count as zero. */
export function residentBytes(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'latin1');
    } catch {
      continue;
    }
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (match) total += Number(match[1]) * 1024;
  }
  return total;
}
