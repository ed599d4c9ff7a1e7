import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';

const enforceModes = process.platform !== 'win32';

/** A directory only its owner may enter (0700); an existing one is tightened. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (enforceModes && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Creates an empty 0600 file if it is missing, so that SQLite's -wal/-shm inherit the mode. */
export function ensurePrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (enforceModes && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
}

/** Appends text and fsyncs it before returning: the caller treats the text as written. */
export function appendDurably(path: string, text: string): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces a small file atomically: readers see the old or the new content, never half of it. */
export function writeFileAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
