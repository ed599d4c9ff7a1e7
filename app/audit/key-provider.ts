import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { WardenError } from '../contract/result.ts';

/** Where the audit trail's MAC key comes from; the keychain-backed provider replaces the file one. */
export interface AuditKeyProvider {
  getKey(): Buffer;
}

const keyBytes = 32;

/**
 * The weaker fallback until the secrets layer exists: a 32-byte random key in a file with mode 0600
 * beside the store. It protects against anyone who can edit the database but not read the key (e.g. a
 * process under another user, or a copy of the database alone); someone who can read the console
 * user's files can read this key too, which the OS keychain would prevent.
 */
export function fileKeyProvider(path: string): AuditKeyProvider {
  let key: Buffer | undefined;
  return {
    getKey() {
      key ??= readOrCreateKey(path);
      return key;
    },
  };
}

function readOrCreateKey(path: string): Buffer {
  try {
    // O_EXCL: two processes starting at once must not each write a different key.
    const fd = openSync(path, 'wx', 0o600);
    try {
      const key = randomBytes(keyBytes);
      writeSync(fd, key);
      return key;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new WardenError('forbidden', `The audit key file ${path} is readable by other users; chmod 600 it.`);
    }
    const key = readFileSync(fd);
    if (key.length !== keyBytes) throw new WardenError('internal', `The audit key file ${path} is not ${keyBytes} bytes.`);
    return key;
  } finally {
    closeSync(fd);
  }
}
