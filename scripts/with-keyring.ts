/**
 * Runs a command inside a D-Bus session of its own with an unlocked gnome-keyring (HOME of the
 * keyring in a scratch folder), so tests use a real Secret Service without touching the keyring of
 * whoever runs them. Where dbus-run-session or gnome-keyring-daemon is missing (macOS, Windows), the
 * command runs as it is and the OS keychain answers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const has = (program: string): boolean => spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: node scripts/with-keyring.ts COMMAND [ARGS...]');
  process.exit(2);
}
const isolated = process.platform === 'linux' && has('dbus-run-session') && has('gnome-keyring-daemon');
const keyringHome = isolated ? mkdtempSync(join(tmpdir(), 'warden-test-keyring-')) : undefined;
const child = isolated
  ? spawn(
      'dbus-run-session',
      ['--', 'bash', '-c', 'printf %s pass | HOME="$KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"', '_', command, ...args],
      { stdio: 'inherit', env: { ...process.env, KEYRING_HOME: keyringHome } },
    )
  : spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (keyringHome) rmSync(keyringHome, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
