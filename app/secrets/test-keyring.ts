import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a fixture script against a real keychain in a world of its own: a fresh D-Bus session
 * (or none), a gnome-keyring in the state the scenario names, and HOME in a scratch directory, so
 * nothing depends on (or touches) the keyring of the machine running the tests.
 *
 * - unlocked: `gnome-keyring-daemon --unlock` with a password, as CI and DEVELOPERS.md do.
 * - locked-at-start: a keyring that already exists in HOME (run `unlocked` there first), started
 *   without a password, as after a login that did not unlock it.
 * - no-collection: gnome-keyring running in a fresh HOME where no login keyring exists yet.
 * - no-secret-service: a session bus with no Secret Service on it and none it can start.
 * - no-bus: no session bus at all, no DISPLAY to autolaunch one.
 * - dead-bus: DBUS_SESSION_BUS_ADDRESS names a socket nobody listens on.
 */
export type KeyringScenario = 'unlocked' | 'locked-at-start' | 'no-collection' | 'no-secret-service' | 'no-bus' | 'dead-bus';

export interface KeyringRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** What the fixture printed on its `@@result ` line, parsed. */
  result: unknown;
}

export const resultPrefix = '@@result ';

export function scratchHome(): string {
  return mkdtempSync(join(tmpdir(), 'warden-keyring-'));
}

// gnome-keyring-daemon returns before it owns its bus name; asking before then would make the bus
// autostart a second daemon. NameHasOwner does not autostart anything.
const waitForSecretService = `
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
  sleep 0.05
done`;

const scripts = {
  unlocked: `printf %s "$WARDEN_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
unset WARDEN_TEST_KEYRING_PASSWORD
${waitForSecretService}
exec "$@"`,
  started: `gnome-keyring-daemon --start --components=secrets >/dev/null
${waitForSecretService}
exec "$@"`,
};

// The session bus configuration of dbus-daemon without any <servicedir>: nothing can be autostarted.
const busWithoutServices = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

export interface RunOptions {
  /** Reuse a HOME (and the keyring in it) across runs; a fresh one by default. */
  home?: string;
  args?: readonly string[];
  timeoutMs?: number;
}

export async function runInKeyring(scenario: KeyringScenario, fixture: string, options: RunOptions = {}): Promise<KeyringRun> {
  const home = options.home ?? scratchHome();
  try {
    return await runIn(scenario, fixture, home, options);
  } finally {
    if (options.home === undefined) rmSync(home, { recursive: true, force: true });
  }
}

async function runIn(scenario: KeyringScenario, fixture: string, home: string, options: RunOptions): Promise<KeyringRun> {
  const node = [process.execPath, fixture, ...(options.args ?? [])];
  // Only what the child needs: the outer session's bus, display and keyring must not leak in.
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' };
  let command: string[];
  switch (scenario) {
    case 'unlocked':
      env['WARDEN_TEST_KEYRING_PASSWORD'] = randomBytes(12).toString('hex');
      command = ['dbus-run-session', '--', 'bash', '-c', scripts.unlocked, '_', ...node];
      break;
    case 'locked-at-start':
    case 'no-collection':
      command = ['dbus-run-session', '--', 'bash', '-c', scripts.started, '_', ...node];
      break;
    case 'no-secret-service': {
      const config = join(home, 'bus-without-services.conf');
      writeFileSync(config, busWithoutServices);
      command = ['dbus-run-session', `--config-file=${config}`, '--', ...node];
      break;
    }
    case 'no-bus':
      command = node;
      break;
    case 'dead-bus':
      env['DBUS_SESSION_BUS_ADDRESS'] = `unix:path=${join(home, 'nobody-listens-here')}`;
      command = node;
      break;
  }
  return run(command, env, options.timeoutMs ?? 30_000);
}

function run(command: string[], env: Record<string, string>, timeoutMs: number): Promise<KeyringRun> {
  const [file, ...args] = command;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file as string, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(resultPrefix));
      resolvePromise({ exitCode, signal, stderr, result: line === undefined ? undefined : JSON.parse(line.slice(resultPrefix.length)) });
    });
  });
}

/**
 * Locks the default collection of the running gnome-keyring through the Secret Service's own
 * `Lock` method; for fixtures, which run inside the scenario's bus. dbus-send ships with
 * dbus-daemon (package dbus-bin), so CI needs nothing extra.
 */
export function lockDefaultCollection(): void {
  execFileSync('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.Lock',
    'array:objpath:/org/freedesktop/secrets/aliases/default',
  ], { stdio: 'ignore' });
}
