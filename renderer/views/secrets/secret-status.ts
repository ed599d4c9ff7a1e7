import type { KeychainState, KeychainStatus, SecretStatus } from '../../../app/contract/index.ts';
import type { Tone } from '../../status/tone.ts';

export interface StatusView {
  readonly label: string;
  readonly tone: Tone;
  /** What the status means, for a tooltip and for screen readers. */
  readonly explanation: string;
}

export const secretStatusViews: Record<SecretStatus, StatusView> = {
  ok: { label: 'OK', tone: 'ok', explanation: 'The value is in the keychain.' },
  'missing-in-keychain': {
    label: 'Missing in keychain',
    tone: 'bad',
    explanation: 'Warden knows this secret, but the keychain holds no value for it: rotate it to store a value, or delete it.',
  },
  'rotation-due': {
    label: 'Rotation due',
    tone: 'warn',
    explanation: 'Older than its rotation reminder: replace the value at its issuer, then rotate it here.',
  },
  unknown: {
    label: 'Unknown',
    tone: 'neutral',
    explanation: 'The keychain is not available, so Warden cannot tell whether the value is there.',
  },
};

export interface KeychainView {
  readonly title: string;
  readonly tone: Tone;
  /** How a person gets from this state to "available". */
  readonly action: string | null;
}

export const keychainViews: Record<KeychainState, KeychainView> = {
  available: { title: 'Keychain available', tone: 'ok', action: null },
  locked: { title: 'The keychain is locked', tone: 'warn', action: 'Unlock it, then check again.' },
  missing: { title: 'No keychain', tone: 'bad', action: 'Install or start one, then check again.' },
  denied: { title: 'Keychain access denied', tone: 'bad', action: 'Allow Warden access, then check again.' },
};

/**
 * Why add, rotate and delete are off right now, or null when they can run: they need the
 * keychain, while editing a scope only changes metadata and stays possible.
 */
export function keychainBlockReason(status: KeychainStatus | undefined): string | null {
  if (status === undefined) return 'Checking whether the keychain is available…';
  switch (status.state) {
    case 'available':
      return null;
    case 'locked':
      return 'The keychain is locked: values cannot be stored, replaced or deleted until it is unlocked.';
    case 'missing':
      return 'There is no keychain: values cannot be stored, replaced or deleted until one is available.';
    case 'denied':
      return 'Access to the keychain was denied: values cannot be stored, replaced or deleted until Warden is allowed.';
  }
}
