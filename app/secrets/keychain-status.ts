import type { KeychainState, KeychainStatus } from '../contract/secrets.ts';

/** The keychain each platform's keytar build talks to. */
export function keychainBackend(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (libsecret)';
}

const remedies: Record<Exclude<KeychainState, 'available'>, Partial<Record<NodeJS.Platform, string>> & { default: string }> = {
  locked: {
    default:
      'The keyring is locked: unlock your login keyring (e.g. log in to the desktop session, or `gnome-keyring-daemon --unlock`). Warden cannot read or store secrets until then.',
    darwin:
      'The keychain is locked: unlock your login keychain (log in to the macOS session, or `security unlock-keychain ~/Library/Keychains/login.keychain-db`). Warden cannot read or store secrets until then.',
    win32:
      'Windows Credential Manager is not usable in this session: sign in interactively as the user Warden runs as. Warden cannot read or store secrets until then.',
  },
  missing: {
    default:
      'No Secret Service on the session bus: install gnome-keyring (or another Secret Service such as KeePassXC) and run Warden inside a D-Bus session (a desktop login, or `dbus-run-session -- warden serve` with `gnome-keyring-daemon --unlock --components=secrets` started in it). Warden never falls back to storing secrets on disk.',
    darwin:
      'No usable keychain: open Keychain Access and make sure a login keychain exists and is the default (`security default-keychain`). Warden never falls back to storing secrets on disk.',
    win32:
      'Windows Credential Manager is unavailable: run Warden in an interactive user session (not as a service or over a network logon). Warden never falls back to storing secrets on disk.',
  },
  denied: {
    default:
      'The Secret Service refused access (an unlock or access prompt was dismissed, or a policy forbids it): approve the prompt on your desktop, or check your keyring settings.',
    darwin:
      'macOS refused Warden access to the keychain (the prompt was denied or the password was wrong): click "Allow" when asked, or grant access in Keychain Access → the item → Access Control.',
    win32: 'Windows refused access to Credential Manager: check that Warden runs as the signed-in user.',
  },
};

export const availableMessage = 'The keychain is unlocked and usable.';

export function remedy(state: Exclude<KeychainState, 'available'>, platform: NodeJS.Platform): string {
  const byPlatform = remedies[state];
  return byPlatform[platform] ?? byPlatform.default;
}

// Lower-cased fragments of the errors libsecret/D-Bus, the macOS Security framework and Windows
// give, checked in this order: "user interaction is not allowed" means a locked keychain, not a denial.
const patterns: ReadonlyArray<readonly [Exclude<KeychainState, 'available'>, readonly string[]]> = [
  [
    'missing',
    [
      'cannot autolaunch d-bus',
      'could not connect',
      'not provided by any .service files',
      'org.freedesktop.dbus.error.serviceunknown',
      'org.freedesktop.dbus.error.noserver',
      'failed to connect to socket',
      'cannot open shared object file',
      'no keychain is available',
      'the specified keychain could not be found',
      'a specified logon session does not exist',
    ],
  ],
  [
    'locked',
    [
      'locked collection',
      'org.freedesktop.secret.error.islocked',
      // gnome-keyring before its login keyring exists: unlocking it once creates it.
      'object does not exist at path',
      'nosuchobject',
      'user interaction is not allowed',
      'keychain is locked',
    ],
  ],
  [
    'denied',
    [
      'access denied',
      'accessdenied',
      'permission denied',
      'not authorized',
      'user canceled',
      'user cancelled',
      'prompt dismissed',
      'was dismissed',
      'passphrase you entered is not correct',
      'authorization was denied',
    ],
  ],
];

/** Maps a keychain error to a state; an error we do not recognise leaves the keychain unusable, so "missing". */
export function classifyKeychainError(message: string): Exclude<KeychainState, 'available'> {
  const lower = message.toLowerCase();
  for (const [state, fragments] of patterns) {
    if (fragments.some((fragment) => lower.includes(fragment))) return state;
  }
  return 'missing';
}

export function keychainStatus(
  state: KeychainState,
  platform: NodeJS.Platform,
  detail: string | null,
  now: Date = new Date(),
): KeychainStatus {
  return {
    state,
    backend: keychainBackend(platform),
    message: state === 'available' ? availableMessage : remedy(state, platform),
    detail: detail === null ? null : detail.slice(0, 1000),
    checkedAt: now.toISOString(),
  };
}
