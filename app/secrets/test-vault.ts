import { WardenError } from '../contract/result.ts';
import type { KeychainState } from '../contract/secrets.ts';
import { keychainStatus, remedy } from './keychain-status.ts';
import type { SecretVault } from './vault.ts';

export interface TestVault extends SecretVault {
  setState(state: KeychainState): void;
  /** Removes a value behind Warden's back, as a person could in their keychain app. */
  drop(name: string): void;
  readonly values: ReadonlyMap<string, string>;
}

/**
 * An in-memory SecretVault for unit tests of the code above the keychain. It behaves like the
 * Secret Service did in the real-keychain tests: when locked, reads answer null and writes fail.
 */
export function createTestVault(): TestVault {
  const values = new Map<string, string>();
  let state: KeychainState = 'available';
  const failure = (): WardenError | null =>
    state === 'available' ? null : new WardenError('unavailable', remedy(state, 'linux'));
  const check = (): void => {
    const error = failure();
    if (error !== null) throw error;
  };
  return {
    values,
    setState(next) {
      state = next;
    },
    drop(name) {
      values.delete(name);
    },
    async status() {
      return keychainStatus(state, 'linux', state === 'available' ? null : `test vault is ${state}`);
    },
    async read(name) {
      if (state === 'locked') return null;
      check();
      return values.get(name) ?? null;
    },
    async write(name, value) {
      check();
      values.set(name, value);
    },
    async erase(name) {
      if (state === 'locked') return false;
      check();
      return values.delete(name);
    },
  };
}
