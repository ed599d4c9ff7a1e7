import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * The processes a run consists of: the launched process and everything descended from it, with
 * their resident memory. Sandboxed commands call setsid (bwrap --new-session) and so leave the
 * launched process group; walking parent links still finds them. Linux is read through /proc;
 * macOS has no /proc, so there one `ps` snapshot gives the parents and the memory together. It
 * runs asynchronously: the console's event loop must not wait for ps at every watchdog tick.
 */

export interface ProcessTree {
  /** The root first, then its descendants. */
  readonly pids: readonly number[];
  /** Resident memory of them all, in bytes; vanished ones count as zero. */
  readonly residentBytes: number;
  /**
   * Bytes they have written to disks (Linux's write_bytes less cancelled_write_bytes, which include
   * the children they reaped), or null where that cannot be read: no /proc, or another user's
   * processes (a console that is not root reaching the sandbox through sudo).
   */
  readonly writtenBytes: number | null;
}

export interface PsEntry {
  readonly ppid: number;
  readonly residentBytes: number;
}

/** The root and everything below it, following pid → parent links; the root first. */
export function subtree(parents: ReadonlyMap<number, number>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) {
    const list = children.get(ppid);
    if (list === undefined) children.set(ppid, [pid]);
    else list.push(pid);
  }
  const found: number[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    found.push(pid);
    for (const child of children.get(pid) ?? []) if (child !== pid) pending.push(child);
  }
  return found;
}

/** `ps -A -o pid=,ppid=,rss=` output (rss in KiB) by pid; lines that are not three numbers are skipped. */
export function parsePs(text: string): Map<number, PsEntry> {
  const table = new Map<number, PsEntry>();
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
    if (match) table.set(Number(match[1]), { ppid: Number(match[2]), residentBytes: Number(match[3]) * 1024 });
  }
  return table;
}

const execFileAsync = promisify(execFile);

/** Every process on the machine, from ps (macOS and Linux alike); empty when ps fails. */
export async function psSnapshot(): Promise<Map<number, PsEntry>> {
  try {
    const { stdout } = await execFileAsync('/bin/ps', ['-A', '-o', 'pid=,ppid=,rss='], { env: {}, timeout: 5000, maxBuffer: 16 * 1024 * 1024 });
    return parsePs(stdout);
  } catch {
    return new Map();
  }
}

function procParent(pid: number): number | null {
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

/** pid → parent from /proc; null where there is no /proc. */
function procParents(): Map<number, number> | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const parents = new Map<number, number>();
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const ppid = procParent(pid);
    if (ppid !== null) parents.set(pid, ppid);
  }
  return parents;
}

function procResident(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Disk writes of one process and the children it reaped; 0 once it is gone, null when not ours to read. */
function procWritten(pid: number): number | null {
  let io: string;
  try {
    io = readFileSync(`/proc/${pid}/io`, 'latin1');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 0 : null;
  }
  const field = (name: string): number => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? 0);
  return Math.max(0, field('write_bytes') - field('cancelled_write_bytes'));
}

export async function processTree(root: number): Promise<ProcessTree> {
  const parents = procParents();
  if (parents !== null) {
    const pids = subtree(parents, root);
    let writtenBytes: number | null = 0;
    for (const pid of pids) {
      const written = procWritten(pid);
      writtenBytes = written === null || writtenBytes === null ? null : writtenBytes + written;
    }
    return { pids, residentBytes: pids.reduce((sum, pid) => sum + procResident(pid), 0), writtenBytes };
  }
  const table = await psSnapshot();
  const pids = subtree(new Map([...table].map(([pid, entry]) => [pid, entry.ppid])), root);
  return { pids, residentBytes: pids.reduce((sum, pid) => sum + (table.get(pid)?.residentBytes ?? 0), 0), writtenBytes: null };
}

/**
 * Processes whose environment holds `name=value`: what a run left behind after its main process
 * exited, once parent links no longer lead there (a daemon that called setsid and was reparented).
 * Linux only (/proc), and only what has kept the variable: a program can clear it, so this mops up
 * where there is no sandbox; bubblewrap's PID namespace is the real boundary.
 */
export function processesWithEnv(name: string, value: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const needle = Buffer.from(`${name}=${value}\0`);
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${pid}/environ`);
    } catch {
      continue; // Gone, or another user's: not ours to end.
    }
    const at = environ.indexOf(needle);
    if (at === 0 || (at > 0 && environ[at - 1] === 0)) found.push(pid);
  }
  return found;
}
