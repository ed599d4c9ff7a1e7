import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(`${root}/${path}`, 'utf8');
const config = parse(read('electron-builder.yml')) as Record<string, unknown>;
const section = (key: string): Record<string, unknown> => config[key] as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('dev.warden.console');
    expect(config.productName).toBe('Warden');
  });

  it('packages the builds, package.json and production node_modules, and writes outside dist/', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json', 'node_modules/**']));
    expect(section('directories').output).not.toBe('dist');
  });

  it('unpacks every native module from the asar', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/node-llama-cpp/bins/**',
        'node_modules/node-llama-cpp/llama/localBuilds/**',
        'node_modules/@node-llama-cpp/**',
        'node_modules/better-sqlite3/**',
        'node_modules/keytar/**',
      ]),
    );
    expect(config.asar).not.toBe(false);
  });

  it('does not rebuild the N-API modules (that would download Electron headers)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(read('package.json')).not.toMatch(/install-app-deps/);
  });

  it('sets the mac, linux and windows targets', () => {
    expect(section('mac')).toMatchObject({
      target: 'dmg',
      hardenedRuntime: true,
      category: 'public.app-category.developer-tools',
      entitlements: 'assets/entitlements.mac.plist',
    });
    expect(section('linux')).toMatchObject({ target: ['AppImage', 'deb'], category: 'Utility' });
    expect(section('win')).toMatchObject({ target: 'nsis' });
  });

  it('flips the fuses for the release build', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('says why the e2e build keeps the inspect arguments', () => {
    expect(read('electron-builder.yml')).toMatch(/#.*e2e[\s\S]*Playwright/);
  });
});

describe('assets/entitlements.mac.plist', () => {
  const plist = read('assets/entitlements.mac.plist');
  const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);

  it('grants only JIT and library loading for the native modules', () => {
    expect(granted.sort()).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.disable-library-validation',
    ]);
  });
});
