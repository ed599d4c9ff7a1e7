import { describe, expect, it } from 'vitest';
import { classifyKeychainError, keychainStatus, remedy } from './keychain-status.ts';

describe('classifyKeychainError', () => {
  it.each([
    // Linux: libsecret / D-Bus, as seen in keychain.test.ts
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'missing'],
    ['Could not connect: No such file or directory', 'missing'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'missing'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ['GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: Rejected send message', 'denied'],
    ['Prompt dismissed', 'denied'],
    // macOS: SecCopyErrorMessageString texts
    ['User interaction is not allowed.', 'locked'],
    ['The user name or passphrase you entered is not correct.', 'denied'],
    ['User canceled the operation.', 'denied'],
    ['The specified keychain could not be found.', 'missing'],
    ['No keychain is available. You may need to restart your computer.', 'missing'],
    // Windows
    ['A specified logon session does not exist. It may already have been terminated.', 'missing'],
    // keytar's native module failing to load
    ['libsecret-1.so.0: cannot open shared object file: No such file or directory', 'missing'],
  ])('%s → %s', (message, state) => {
    expect(classifyKeychainError(message)).toBe(state);
  });

  it('counts an error it does not know as "missing": the keychain is not usable, and nothing falls back', () => {
    expect(classifyKeychainError('something new went wrong')).toBe('missing');
  });
});

describe('remedies', () => {
  it('says how to unlock on each platform', () => {
    expect(remedy('locked', 'linux')).toContain('gnome-keyring-daemon --unlock');
    expect(remedy('locked', 'darwin')).toContain('security unlock-keychain');
    expect(remedy('locked', 'win32')).toContain('sign in');
    expect(remedy('missing', 'linux')).toContain('install gnome-keyring');
    expect(remedy('missing', 'darwin')).toContain('Keychain Access');
    expect(remedy('missing', 'win32')).toContain('Credential Manager');
    expect(remedy('denied', 'darwin')).toContain('Allow');
  });

  it('builds a status naming the backend', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(keychainStatus('available', 'darwin', null, at)).toEqual({
      state: 'available',
      backend: 'macOS Keychain',
      message: 'The keychain is unlocked and usable.',
      detail: null,
      checkedAt: '2026-01-02T03:04:05.678Z',
    });
    expect(keychainStatus('missing', 'linux', 'x'.repeat(5000), at).detail).toHaveLength(1000);
  });
});
