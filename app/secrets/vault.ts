import { randomBytes } from 'node:crypto';
import type keytarModule from 'keytar';
import { WardenError } from '../contract/result.ts';
import type { KeychainStatus } from '../contract/secrets.ts';
import { classifyKeychainError, keychainStatus, remedy } from './keychain-status.ts';

/**
 * The only place a secret value is stored: the OS keychain, one account per secret under the
 * service "warden". There is no other implementation and no plaintext fallback.
 * Values are read one name at a time, never with keytar's findCredentials: against a locked
 * gnome-keyring that call crashes the whole process (SIGSEGV in keytar 7.9.0 on Debian 12).
 */
export interface SecretVault {
  /** Probes the keychain with a marker item: a locked keyring reads like an empty one otherwise. */
  status(): Promise<KeychainStatus>;
  /**
   * The value, or null when there is none. A locked keyring also answers null: call `status()`
   * before concluding that a value is missing.
   */
  read(name: string): Promise<string | null>;
  /** Throws WardenError 'unavailable' (with what to do) when the keychain is locked, missing or denied. */
  write(name: string, value: string): Promise<void>;
  /** True when an item was deleted; false when there was none (or the keyring is locked). */
  erase(name: string): Promise<boolean>;
}

export const keychainService = 'warden';
/**
 * Probe items are named `.warden-probe-<random>`: not a valid secret name (those are upper-case),
 * and one per probe, because two processes writing and deleting one shared item at the same time
 * make libsecret fail ("No such interface … Secret.Item"). A probe cut short by a crash leaves
 * one item holding a random marker, nothing else.
 */
export const probeAccountPrefix = '.warden-probe-';

type Keytar = typeof keytarModule;

export interface KeytarVaultOptions {
  /** How long one keychain call may take; an unlock prompt can sit on the desktop forever. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

export function createKeytarVault(options: KeytarVaultOptions = {}): SecretVault {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const platform = options.platform ?? process.platform;
  let loading: Promise<Keytar> | undefined;

  // Loaded on first use so a missing libsecret shows up as "missing", not as a crash at start-up.
  const keytar = (): Promise<Keytar> => {
    loading ??= import('keytar').then((module) => module.default);
    return loading;
  };

  const call = async <T>(what: string, operation: (k: Keytar) => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new WardenError('timeout', `The keychain did not answer ${what} within ${timeoutMs / 1000} s; an unlock prompt may be waiting on the desktop.`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([keytar().then(operation), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const unavailable = (error: unknown): WardenError => {
    if (error instanceof WardenError) return error;
    const detail = errorText(error);
    return new WardenError('unavailable', `${remedy(classifyKeychainError(detail), platform)} (keychain said: ${detail})`);
  };

  const probe = async (): Promise<KeychainStatus> => {
    const marker = randomBytes(16).toString('hex');
    const account = `${probeAccountPrefix}${marker}`;
    try {
      await call('a probe write', (k) => k.setPassword(keychainService, account, marker));
      const readBack = await call('a probe read', (k) => k.getPassword(keychainService, account));
      // Written but not readable: the collection was locked between the two calls.
      if (readBack !== marker) return keychainStatus('locked', platform, 'the probe item could not be read back');
      await call('a probe delete', (k) => k.deletePassword(keychainService, account));
      return keychainStatus('available', platform, null);
    } catch (error) {
      if (error instanceof WardenError && error.code === 'timeout') return keychainStatus('locked', platform, error.message);
      const detail = errorText(error);
      return keychainStatus(classifyKeychainError(detail), platform, detail);
    }
  };
  // Callers at the same moment share one probe rather than each writing an item.
  let probing: Promise<KeychainStatus> | undefined;

  return {
    status() {
      probing ??= probe().finally(() => {
        probing = undefined;
      });
      return probing;
    },
    async read(name) {
      try {
        return await call(`a read of ${name}`, (k) => k.getPassword(keychainService, name));
      } catch (error) {
        throw unavailable(error);
      }
    },
    async write(name, value) {
      try {
        await call(`a write of ${name}`, (k) => k.setPassword(keychainService, name, value));
      } catch (error) {
        throw unavailable(error);
      }
    },
    async erase(name) {
      try {
        return await call(`a delete of ${name}`, (k) => k.deletePassword(keychainService, name));
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}

// keytar's errors come from libsecret, the Security framework or Win32 and carry no values.
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
