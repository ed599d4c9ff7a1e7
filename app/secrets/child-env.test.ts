import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildChildEnv, childPath } from './child-env.ts';

const parentEnv = {
  PATH: '/home/admin/.local/bin:/usr/bin',
  HOME: '/home/admin',
  LANG: 'en_US.UTF-8',
  LC_ALL: 'C.UTF-8',
  TZ: 'Europe/Paris',
  LC_CTYPE: 'bad value; rm -rf /',
  AWS_SECRET_ACCESS_KEY: 'from-the-admin-shell',
  GITHUB_TOKEN: 'admin-token',
  LD_PRELOAD: '/tmp/evil.so',
  NODE_OPTIONS: '--require /tmp/evil.js',
  SSH_AUTH_SOCK: '/tmp/ssh-agent',
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
};

describe('buildChildEnv', () => {
  it('holds a fixed PATH, the sandbox HOME, the locale and the injected secrets, and nothing else', () => {
    const env = buildChildEnv({ secrets: { GITHUB_TOKEN: 'injected-for-this-tool' }, home: '/workspace', tmpDir: '/workspace/.tmp', parentEnv });
    expect(env).toEqual({
      PATH: childPath,
      HOME: '/workspace',
      TMPDIR: '/workspace/.tmp',
      LANG: 'en_US.UTF-8',
      LC_ALL: 'C.UTF-8',
      TZ: 'Europe/Paris',
      GITHUB_TOKEN: 'injected-for-this-tool',
    });
  });

  it('inherits no credentials, loader variables or session sockets from the console', () => {
    const env = buildChildEnv({ secrets: {}, home: '/workspace', parentEnv });
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'LD_PRELOAD', 'NODE_OPTIONS', 'SSH_AUTH_SOCK', 'DBUS_SESSION_BUS_ADDRESS', 'TMPDIR']) {
      expect(env).not.toHaveProperty(name);
    }
  });

  it('refuses a secret under a reserved name, which would override PATH or load code', () => {
    expect(() => buildChildEnv({ secrets: { PATH: '/tmp' }, home: '/w', parentEnv: {} })).toThrow(/Refusing to inject a secret as PATH/);
    expect(() => buildChildEnv({ secrets: { LD_PRELOAD: 'x' }, home: '/w', parentEnv: {} })).toThrow(/LD_PRELOAD/);
    expect(() => buildChildEnv({ secrets: { 'A=B': 'x' }, home: '/w', parentEnv: {} })).toThrow();
  });
});

describe('a child spawned with it', () => {
  it('sees exactly these variables, and the secret only in its environment', () => {
    const env = buildChildEnv({ secrets: { API_TOKEN: 'child-visible-token' }, home: '/tmp', parentEnv });
    const script = "process.stdout.write(JSON.stringify({ keys: Object.keys(process.env).sort(), ok: process.env.API_TOKEN === 'child-visible-token', argv: process.argv.join(' ').includes('child-visible') }))";
    const child = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
    expect(JSON.parse(child.stdout)).toEqual({ keys: ['API_TOKEN', 'HOME', 'LANG', 'LC_ALL', 'PATH', 'TZ'], ok: true, argv: false });
  });
});
