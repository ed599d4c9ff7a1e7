import { describe, expect, it } from 'vitest';
import type { KeychainStatus } from '../../../app/contract/index.ts';
import { keychainStates, secretStatuses } from '../../../app/contract/index.ts';
import { keychainBlockReason, keychainViews, secretStatusViews } from './secret-status.ts';

const status = (state: KeychainStatus['state']): KeychainStatus => ({
  state,
  backend: 'Secret Service (libsecret)',
  message: 'x',
  detail: null,
  checkedAt: '2025-06-01T12:00:00.000Z',
});

describe('secret and keychain views', () => {
  it('cover every state of the contract', () => {
    expect(Object.keys(secretStatusViews).sort()).toEqual([...secretStatuses].sort());
    expect(Object.keys(keychainViews).sort()).toEqual([...keychainStates].sort());
  });

  it('block keychain actions unless the keychain is available, with a reason', () => {
    expect(keychainBlockReason(status('available'))).toBeNull();
    expect(keychainBlockReason(undefined)).toMatch(/Checking/);
    expect(keychainBlockReason(status('locked'))).toMatch(/locked.*unlocked/);
    expect(keychainBlockReason(status('missing'))).toMatch(/no keychain/);
    expect(keychainBlockReason(status('denied'))).toMatch(/denied/);
  });
});
